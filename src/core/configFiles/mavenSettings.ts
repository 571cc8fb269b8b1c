// ~/.m2/settings.xml: a <server>, a <profile> with <repository> and <pluginRepository>, an
// <activeProfile> and optionally a <mirror> per repository. saxes reads the file with positions; we only
// insert whole lines (each element between two marker comments), so every other byte stays as it was.
import { SaxesParser } from 'saxes';
import { checkToken, normalizeEndpoint, shown } from './endpoint';
import {
  ConfigEditError,
  type EditResult,
  type Lines,
  checkSize,
  findBlocks,
  indentOfLine,
  lineStartingAt,
  insertBlock,
  joinLines,
  result,
  splitLines,
} from './managedBlock';
import { assertMarkersAreComments, CREATED, removeOurBlocks, xmlComments } from './xmlBlocks';

export interface MavenRequest {
  /** Repository endpoint from GetRepositoryEndpoint (format maven). */
  readonly endpoint: string;
  readonly domain: string;
  readonly repository: string;
  /** `${env.CODEARTIFACT_AUTH_TOKEN}` (default, no secret in the file) or the token itself. */
  readonly password?: { readonly kind: 'env' } | { readonly kind: 'inline'; readonly token: string };
  /** Also route every repository (mirrorOf `*`) through this one. */
  readonly mirror?: boolean;
}

export const MAVEN_TOKEN_VARIABLE = 'CODEARTIFACT_AUTH_TOKEN';

const CONTAINERS = ['servers', 'profiles', 'activeProfiles', 'mirrors'] as const;
type ContainerName = (typeof CONTAINERS)[number];

/** Empty settings we create when the file does not exist; removing everything gives '' (delete the file). */
export const MAVEN_SETTINGS_SKELETON = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"',
  '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">',
  '</settings>',
  '',
].join('\n');

/** `codeartifact-DOMAIN-REPO`, usable as an XML id and inside a comment (no `--`). */
export function mavenRepositoryId(domain: string, repository: string): string {
  const id = `codeartifact-${domain}-${repository}`.replace(/-{2,}/g, '-');
  // The id also names the Gradle init script, and XML comments hold it: only these characters may go in.
  for (const [what, name] of [['domain', domain], ['repository', repository]] as const) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new ConfigEditError(`The ${what} name ${shown(name)} cannot be turned into a Maven repository id.`);
  }
  return id;
}

interface Container {
  readonly name: ContainerName;
  readonly selfClosing: boolean;
  readonly startTagEnd: number;
  readonly endTagStart: number;
  readonly endTagEnd: number;
  /** `<id>` of each child element (server/profile/mirror) or text of each <activeProfile>. */
  readonly ids: string[];
  createdByUs: boolean;
}

interface Layout {
  readonly text: string;
  readonly settingsEndTagStart: number;
  readonly containers: Map<ContainerName, Container>;
  readonly firstChildIndent: string | undefined;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

function scan(text: string): Layout {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: string[] = [];
  const containers = new Map<ContainerName, Container>();
  let settingsEndTagStart = -1;
  let firstChildIndent: string | undefined;
  let textBuffer = '';
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  // Entities declared in a DOCTYPE (billion laughs, SYSTEM files) are never expanded, but a file that
  // relies on them does not say what it means: refuse it outright.
  let doctype = false;
  parser.on('doctype', () => {
    doctype = true;
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const end = parser.position;
    const start = text.lastIndexOf('<', end - 1);
    if (stack.length === 1 && firstChildIndent === undefined) {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const before = text.slice(lineStart, start);
      if (/^[ \t]*$/.test(before)) firstChildIndent = before;
    }
    if (stack.length === 1 && stack[0] === 'settings' && (CONTAINERS as readonly string[]).includes(name)) {
      containers.set(name as ContainerName, {
        name: name as ContainerName,
        selfClosing: tag.isSelfClosing,
        startTagEnd: end,
        endTagStart: end,
        endTagEnd: end,
        ids: [],
        createdByUs: text.startsWith(CREATED, end),
      });
    }
    textBuffer = '';
    if (!tag.isSelfClosing) stack.push(name);
  });
  parser.on('text', (t) => {
    textBuffer += t;
  });
  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    if (tag.isSelfClosing) return;
    stack.pop();
    const end = parser.position;
    const start = text.lastIndexOf('</', end - 1);
    const path = [...stack, name].join('/');
    const container = containers.get(stack[1] as ContainerName);
    if (container && (path.endsWith('/id') && stack.length === 3 || (stack.length === 2 && name === 'activeProfile'))) {
      container.ids.push(textBuffer.trim());
    }
    if (stack.length === 1 && containers.get(name as ContainerName)) {
      const c = containers.get(name as ContainerName);
      if (c) containers.set(c.name, { ...c, endTagStart: start, endTagEnd: end });
    }
    if (stack.length === 0 && name === 'settings') settingsEndTagStart = start;
    textBuffer = '';
  });
  parser.write(text).close();
  if (doctype) {
    throw new ConfigEditError('settings.xml has a <!DOCTYPE> declaration, which Maven settings never need (its entities are not expanded); remove it and try again.');
  }
  if (error) {
    throw new ConfigEditError(`settings.xml is not well-formed XML, so it was left alone: ${error.message}`);
  }
  if (settingsEndTagStart < 0) throw new ConfigEditError('settings.xml has no <settings> root element with a closing tag, so it was left alone.');
  return { text, settingsEndTagStart, containers, firstChildIndent };
}



function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


function render(lines: readonly string[], indent: string, unit: string): string[] {
  return lines.map((l) => {
    const depth = /^ */.exec(l)?.[0].length ?? 0;
    return indent + unit.repeat(depth / 2) + l.trimStart();
  });
}

export function applyMavenSettings(existing: string | undefined, request: MavenRequest): EditResult {
  checkSize(existing, 'settings.xml');
  const url = normalizeEndpoint(request.endpoint);
  const id = mavenRepositoryId(request.domain, request.repository);
  const password = request.password?.kind === 'inline' ? checkToken(request.password.token) : `\${env.${MAVEN_TOKEN_VARIABLE}}`;
  const start = existing === undefined || existing.trim() === '' ? MAVEN_SETTINGS_SKELETON : existing;
  let doc = stripOurs(splitLines(start), id);
  const href = escapeXml(url.href);
  const entries: [ContainerName, string, string[]][] = [
    ['servers', `server:${id}`, ['<server>', `  <id>${id}</id>`, '  <username>aws</username>', `  <password>${password}</password>`, '</server>']],
    ['profiles', `profile:${id}`, [
      '<profile>', `  <id>${id}</id>`,
      '  <repositories>', '    <repository>', `      <id>${id}</id>`, `      <url>${href}</url>`, '    </repository>', '  </repositories>',
      '  <pluginRepositories>', '    <pluginRepository>', `      <id>${id}</id>`, `      <url>${href}</url>`, '    </pluginRepository>', '  </pluginRepositories>',
      '</profile>',
    ]],
    ['activeProfiles', `activeProfile:${id}`, [`<activeProfile>${id}</activeProfile>`]],
  ];
  if (request.mirror) {
    entries.push(['mirrors', `mirror:${id}`, [
      '<mirror>', `  <id>${id}</id>`, `  <name>CodeArtifact ${escapeXml(request.domain)}/${escapeXml(request.repository)}</name>`,
      `  <url>${href}</url>`, '  <mirrorOf>*</mirrorOf>', '</mirror>',
    ]]);
  }
  const notes: string[] = [];
  for (const [containerName, blockId, element] of entries) {
    let layout = scan(joinLines({ ...doc, bom: false }));
    const unit = layout.firstChildIndent || '  ';
    let container = layout.containers.get(containerName);
    if (container?.selfClosing) {
      throw new ConfigEditError(`settings.xml has an empty <${containerName}/>; change it to <${containerName}></${containerName}> and try again.`);
    }
    if (container && containerName !== 'activeProfiles' && container.ids.includes(id)) {
      throw new ConfigEditError(`settings.xml already has a ${containerName.slice(0, -1)} with id "${id}" that this extension did not write; remove or rename it, then try again.`);
    }
    if (containerName === 'mirrors' && container?.ids.length) {
      notes.push('Note: settings.xml has other mirrors; Maven uses the first one that matches, so check they do not also match *');
    }
    if (!container) {
      const at = lineStartingAt(doc, layout.text, layout.settingsEndTagStart, '</settings>', 'settings.xml', 'the entries');
      const indent = indentOfLine(doc, at) + unit;
      const lines = [...doc.lines];
      lines.splice(at, 0, `${indent}<${containerName}>${CREATED}${doc.eol}`, `${indent}</${containerName}>${doc.eol}`);
      doc = { ...doc, lines };
      layout = scan(joinLines({ ...doc, bom: false }));
      container = layout.containers.get(containerName);
      if (!container) throw new Error(`internal: <${containerName}> not found after inserting it`);
    }
    const at = lineStartingAt(doc, layout.text, container.endTagStart, `</${containerName}>`, 'settings.xml', 'the entries');
    const indent = indentOfLine(doc, at) + unit;
    doc = insertBlock(doc, xmlComments, { id: blockId, at, indent, body: render(element, indent, unit) });
  }
  const text = joinLines(doc);
  const changes = [
    `Server ${id}: username aws, password ${request.password?.kind === 'inline' ? 'the token itself (refreshed with it)' : `from the environment variable ${MAVEN_TOKEN_VARIABLE}`}`,
    `Profile ${id} (active): repository and plugin repository ${url.href}`,
    ...(request.mirror ? [`Mirror ${id} of * (every repository goes through ${url.href})`] : []),
    ...notes,
  ];
  return result(existing, text, changes);
}

/** Removes our blocks for `id` (every repository's when undefined), then the containers we created that are now empty. */
function stripOurs(doc: Lines, id: string | undefined): Lines {
  assertMarkersAreComments(doc, 'settings.xml has text or CDATA with lines that look like the CodeArtifact marker comments; edit the file by hand.');
  return removeOurBlocks(doc, (blockId) => id === undefined || blockId.endsWith(`:${id}`), scan);
}

export function removeMavenSettings(text: string, request: Pick<MavenRequest, 'domain' | 'repository'>): string {
  const out = joinLines(stripOurs(splitLines(text), mavenRepositoryId(request.domain, request.repository)));
  return out === MAVEN_SETTINGS_SKELETON ? '' : out;
}

/** Removes everything this extension wrote, for every repository. */
export function removeAllMavenSettings(text: string): string {
  const out = joinLines(stripOurs(splitLines(text), undefined));
  return out === MAVEN_SETTINGS_SKELETON ? '' : out;
}

/** Repository ids this extension manages in a settings.xml (for refresh-all and remove-all). */
export function managedMavenIds(text: string): string[] {
  const ids = findBlocks(splitLines(text), xmlComments)
    .map((b) => b.id)
    .filter((b) => b.startsWith('server:'))
    .map((b) => b.slice('server:'.length));
  return [...new Set(ids)];
}

