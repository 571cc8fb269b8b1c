// pip (user-level pip.conf) and twine (~/.pypirc). Both files are user-level and hold the token, so the
// writer of the file must use mode 0600 (see fileWrite.ts). Rules and reasons: docs/configuration-files.md.
import { checkToken, normalizeEndpoint } from './endpoint';
import { findOption, findSection, scanConfigparser } from './configparserLayout';
import {
  ConfigEditError,
  type EditResult,
  type Lines,
  checkSize,
  findBlock,
  hashComments,
  insertBlock,
  joinLines,
  removeBlocks,
  result,
  splitLines,
} from './managedBlock';

/** `index-url` replaces PyPI with the repository; `extra-index-url` adds the repository next to PyPI. */
export type PipIndexMode = 'index-url' | 'extra-index-url';

export interface PipIndexRequest {
  /** Repository endpoint from GetRepositoryEndpoint (format pypi), e.g. https://host/pypi/repo/. */
  readonly endpoint: string;
  readonly token: string;
  readonly mode: PipIndexMode;
}

const PIP_BLOCK = 'pip-index';
const CONTINUATION = '    ';

/** The simple-index URL of a pypi endpoint, without credentials (safe to show). */
export function pipIndexUrl(endpoint: string): string {
  return `${normalizeEndpoint(endpoint).href}simple/`;
}

/** The simple-index URL with `aws:<token>@` userinfo, as pip needs it. Never log this. */
export function pipIndexUrlWithToken(endpoint: string, token: string): string {
  const url = new URL(pipIndexUrl(endpoint));
  url.username = 'aws';
  url.password = checkToken(token);
  return url.href;
}

function keysFor(mode: PipIndexMode): string[] {
  return mode === 'index-url' ? ['index-url', 'index_url'] : ['extra-index-url', 'extra_index_url'];
}

/**
 * Sets `[global] index-url` or `extra-index-url`. A user's own value for the same key is switched off
 * inside our block (configparser rejects a key twice in a section) and comes back on removal; in
 * extra-index-url mode their URLs are kept in our value, ahead of ours.
 */
export function applyPipIndex(existing: string | undefined, request: PipIndexRequest): EditResult {
  checkSize(existing, 'The pip configuration');
  const secret = pipIndexUrlWithToken(request.endpoint, request.token);
  const shown = pipIndexUrl(request.endpoint);
  const hadOurs = findBlock(splitLines(existing), hashComments, PIP_BLOCK) !== undefined;
  const base = removeBlocks(splitLines(existing), hashComments, (id) => id === PIP_BLOCK);
  const layout = scanConfigparser(base);
  const own = findOption(layout, 'global', keysFor(request.mode));
  const global = findSection(layout, 'global');
  const changes: string[] = [];
  let doc: Lines;
  if (own) {
    const kept = request.mode === 'extra-index-url' ? own.values.filter((v) => v !== shown) : [];
    const body =
      kept.length === 0
        ? [`${request.mode} = ${secret}`]
        : [`${request.mode} =`, ...[...kept, secret].map((v) => CONTINUATION + v)];
    doc = insertBlock(base, hashComments, { id: PIP_BLOCK, at: own.start, absorb: own.end - own.start + 1, body });
    changes.push(
      request.mode === 'index-url'
        ? 'Your own [global] index-url is switched off (kept as a comment) while this is configured'
        : `Kept your other extra-index-url values (${kept.length}) next to the repository`,
    );
  } else if (global) {
    doc = insertBlock(base, hashComments, { id: PIP_BLOCK, at: global.lastContent + 1, body: [`${request.mode} = ${secret}`] });
  } else {
    doc = insertBlock(base, hashComments, { id: PIP_BLOCK, at: base.lines.length, body: ['[global]', `${request.mode} = ${secret}`] });
  }
  changes.unshift(
    `${hadOurs ? 'Updated' : 'Set'} [global] ${request.mode} to ${shown} (user aws, token included) — ` +
      (request.mode === 'index-url' ? 'pip now uses only this repository' : 'pip uses this repository next to PyPI'),
  );
  for (const section of ['install', 'download', 'wheel']) {
    if (findOption(layout, section, keysFor(request.mode))) {
      changes.push(`Note: [${section}] sets ${request.mode} too, and pip ${section} uses that instead of [global]`);
    }
  }
  return result(existing, joinLines(doc), changes);
}

export function removePipIndex(text: string): string {
  return joinLines(removeBlocks(splitLines(text), hashComments, (id) => id === PIP_BLOCK));
}

export interface PypircRequest {
  /** Repository endpoint (format pypi), used as twine's upload URL. */
  readonly endpoint: string;
  readonly token: string;
  /** Section name for `twine upload -r <name>`; default `codeartifact`, as `aws codeartifact login`. */
  readonly name?: string;
}

const INDEX_SERVERS_BLOCK = 'index-servers';

/** ~/.pypirc: a `[codeartifact]` section (repository, username aws, password) listed in index-servers. */
export function applyPypirc(existing: string | undefined, request: PypircRequest): EditResult {
  checkSize(existing, '.pypirc');
  const name = request.name ?? 'codeartifact';
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new ConfigEditError(`"${name}" is not a usable .pypirc section name.`);
  const url = normalizeEndpoint(request.endpoint);
  const token = checkToken(request.token);
  const sectionBlock = `[${name}]`;
  const hadOurs = findBlock(splitLines(existing), hashComments, sectionBlock) !== undefined;
  let doc = removeBlocks(splitLines(existing), hashComments, (id) => id === INDEX_SERVERS_BLOCK || id === sectionBlock);

  // The section itself; a user's section of the same name (e.g. from `aws codeartifact login`) is
  // switched off as a whole and restored on removal.
  // It goes first: its extent runs to the next header, which must not be one inside our other block.
  const section = findSection(scanConfigparser(doc), name);
  const body = [sectionBlock, `repository = ${url.href}`, 'username = aws', `password = ${token}`];
  doc = section
    ? insertBlock(doc, hashComments, { id: sectionBlock, at: section.header, absorb: section.end - section.header + 1, body })
    : insertBlock(doc, hashComments, { id: sectionBlock, at: doc.lines.length, body });
  // index-servers: twine only offers the sections it lists. Without the option twine assumes
  // "pypi testpypi", so a new list keeps those two.
  const layout = scanConfigparser(doc);
  const servers = findOption(layout, 'distutils', ['index-servers']);
  const distutils = findSection(layout, 'distutils');
  const listLines = (names: readonly string[]): string[] => ['index-servers =', ...names.map((n) => CONTINUATION + n)];
  if (servers && !servers.values.flatMap((v) => v.split(/\s+/)).includes(name)) {
    const names = [...servers.values.flatMap((v) => v.split(/\s+/)).filter(Boolean), name];
    doc = insertBlock(doc, hashComments, { id: INDEX_SERVERS_BLOCK, at: servers.start, absorb: servers.end - servers.start + 1, body: listLines(names) });
  } else if (!servers && distutils) {
    doc = insertBlock(doc, hashComments, { id: INDEX_SERVERS_BLOCK, at: distutils.lastContent + 1, body: listLines(['pypi', 'testpypi', name]) });
  } else if (!servers) {
    doc = insertBlock(doc, hashComments, { id: INDEX_SERVERS_BLOCK, at: doc.lines.length, body: ['[distutils]', ...listLines(['pypi', 'testpypi', name])] });
  }

  const changes = [`${hadOurs ? 'Updated' : 'Added'} the [${name}] repository ${url.href} (user aws, token included) for twine upload -r ${name}`];
  if (section) changes.push(`Your own [${name}] section is switched off (kept as comments) while this is configured`);
  return result(existing, joinLines(doc), changes);
}

export function removePypirc(text: string, request: Pick<PypircRequest, 'name'> = {}): string {
  const sectionBlock = `[${request.name ?? 'codeartifact'}]`;
  return joinLines(removeBlocks(splitLines(text), hashComments, (id) => id === INDEX_SERVERS_BLOCK || id === sectionBlock));
}
