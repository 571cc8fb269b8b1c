// NuGet.Config / nuget.config edits: a package source (`<packageSources><add key value protocolVersion="3" />`) and, in
// the user's file only, its credentials (`<packageSourceCredentials><KEY><add key="Username" …/><add key="ClearTextPassword"
// …/></KEY>`), which is what `dotnet nuget add source --username aws --password … --store-password-in-clear-text`
// writes on Linux and macOS (no encrypted store there). As for settings.xml we insert whole lines between marker
// comments, so every other byte of the file stays as it was and removal gives the original back.
import { SaxesParser } from 'saxes';
import { checkToken, normalizeEndpoint, shown } from './endpoint';
import {
  ConfigEditError,
  type EditResult,
  type Lines,
  checkSize,
  findBlocks,
  indentOfLine,
  insertBlock,
  joinLines,
  lineStartingAt,
  result,
  splitLines,
} from './managedBlock';
import { assertMarkersAreComments, CREATED, removeOurBlocks, xmlComments } from './xmlBlocks';

export interface NugetSourceRequest {
  /** Repository endpoint from GetRepositoryEndpoint (format nuget), ending in `/`. */
  readonly endpoint: string;
  readonly domain: string;
  readonly repository: string;
}

const CONTAINERS = ['packageSources', 'packageSourceCredentials'] as const;
type ContainerName = (typeof CONTAINERS)[number];

export const NUGET_CONFIG_SKELETON = ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', '</configuration>', ''].join('\n');

/**
 * The source's key: `codeartifact_DOMAIN_REPO` with `-` and `.` as `_`. It names the credentials element and the
 * `NuGetPackageSourceCredentials_<key>` variable, so it must be both an XML name and a shell variable name.
 */
export function nugetSourceKey(domain: string, repository: string): string {
  for (const [what, name] of [['domain', domain], ['repository', repository]] as const) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new ConfigEditError(`The ${what} name ${shown(name)} cannot be turned into a NuGet source name.`);
  }
  return `codeartifact_${domain}_${repository}`.replace(/[-.]/g, '_');
}

/** The service index URL NuGet is given as the source. */
export function nugetSourceUrl(endpoint: string): string {
  return `${normalizeEndpoint(endpoint).href}v3/index.json`;
}

interface Container {
  readonly name: ContainerName;
  readonly selfClosing: boolean;
  readonly startTagEnd: number;
  readonly endTagStart: number;
  readonly endTagEnd: number;
  /** Source keys in it: `<add key>` of packageSources, child element names of packageSourceCredentials. */
  readonly keys: string[];
  readonly createdByUs: boolean;
}

interface Layout {
  readonly text: string;
  readonly rootEndTagStart: number;
  readonly containers: Map<ContainerName, Container>;
  readonly childIndent: string | undefined;
}

function scan(text: string, label: string): Layout {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: string[] = [];
  const containers = new Map<ContainerName, Container>();
  let rootEndTagStart = -1;
  let childIndent: string | undefined;
  let error: Error | undefined;
  let doctype = false;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('doctype', () => {
    doctype = true;
  });
  parser.on('opentag', (tag) => {
    const end = parser.position;
    const start = text.lastIndexOf('<', end - 1);
    if (stack.length === 1 && childIndent === undefined) {
      const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
      if (/^[ \t]*$/.test(before)) childIndent = before;
    }
    if (stack.length === 1 && stack[0] === 'configuration' && (CONTAINERS as readonly string[]).includes(tag.name)) {
      const name = tag.name as ContainerName;
      containers.set(name, { name, selfClosing: tag.isSelfClosing, startTagEnd: end, endTagStart: end, endTagEnd: end, keys: [], createdByUs: text.startsWith(CREATED, end) });
    }
    const container = stack.length === 2 ? containers.get(stack[1] as ContainerName) : undefined;
    if (container?.name === 'packageSources' && tag.name === 'add') {
      const key = (tag.attributes as Record<string, string>).key;
      if (typeof key === 'string') container.keys.push(key.toLowerCase());
    }
    if (container?.name === 'packageSourceCredentials') container.keys.push(tag.name.toLowerCase());
    if (!tag.isSelfClosing) stack.push(tag.name);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    stack.pop();
    const end = parser.position;
    const start = text.lastIndexOf('</', end - 1);
    const c = stack.length === 1 ? containers.get(tag.name as ContainerName) : undefined;
    if (c) containers.set(c.name, { ...c, endTagStart: start, endTagEnd: end });
    if (stack.length === 0 && tag.name === 'configuration') rootEndTagStart = start;
  });
  parser.write(text).close();
  if (doctype) throw new ConfigEditError(`${label} has a <!DOCTYPE> declaration, which NuGet config files never need; remove it and try again.`);
  if (error) throw new ConfigEditError(`${label} is not well-formed XML, so it was left alone: ${error.message}`);
  if (rootEndTagStart < 0) throw new ConfigEditError(`${label} has no <configuration> root element with a closing tag, so it was left alone.`);
  return { text, rootEndTagStart, containers, childIndent };
}




function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The project's nuget.config: the source only (no secret ever goes into a workspace file). */
export function applyNugetSource(existing: string | undefined, request: NugetSourceRequest): EditResult {
  return apply(existing, request, undefined, 'nuget.config');
}

/** The user's NuGet.Config: the source and its credentials (user `aws`, the token in clear text, mode 0600). */
export function applyNugetUserConfig(existing: string | undefined, request: NugetSourceRequest & { readonly token: string }): EditResult {
  return apply(existing, request, checkToken(request.token), 'NuGet.Config');
}

function apply(existing: string | undefined, request: NugetSourceRequest, token: string | undefined, label: string): EditResult {
  checkSize(existing, label);
  const key = nugetSourceKey(request.domain, request.repository);
  const url = nugetSourceUrl(request.endpoint);
  const start = existing === undefined || existing.trim() === '' ? NUGET_CONFIG_SKELETON : existing;
  let doc = stripOurs(splitLines(start), key, label);
  const entries: [ContainerName, string, string[]][] = [['packageSources', `source:${key}`, [`<add key="${key}" value="${attr(url)}" protocolVersion="3" />`]]];
  if (token !== undefined) {
    entries.push(['packageSourceCredentials', `credentials:${key}`, [`<${key}>`, '  <add key="Username" value="aws" />', `  <add key="ClearTextPassword" value="${attr(token)}" />`, `</${key}>`]]);
  }
  for (const [name, blockId, element] of entries) {
    let layout = scan(joinLines({ ...doc, bom: false }), label);
    const unit = layout.childIndent || '  ';
    let container = layout.containers.get(name);
    if (container?.selfClosing) throw new ConfigEditError(`${label} has an empty <${name} />; change it to <${name}></${name}> and try again.`);
    if (container?.keys.includes(key.toLowerCase())) {
      throw new ConfigEditError(`${label} already has a package source named "${key}" that this extension did not write; remove or rename it, then try again.`);
    }
    if (!container) {
      const at = lineStartingAt(doc, layout.text, layout.rootEndTagStart, '</configuration>', label, 'the source');
      const indent = indentOfLine(doc, at) + unit;
      const lines = [...doc.lines];
      lines.splice(at, 0, `${indent}<${name}>${CREATED}${doc.eol}`, `${indent}</${name}>${doc.eol}`);
      doc = { ...doc, lines };
      layout = scan(joinLines({ ...doc, bom: false }), label);
      container = layout.containers.get(name);
      if (!container) throw new Error(`internal: <${name}> not found after inserting it`);
    }
    const at = lineStartingAt(doc, layout.text, container.endTagStart, `</${name}>`, label, 'the source');
    const indent = indentOfLine(doc, at) + unit;
    doc = insertBlock(doc, xmlComments, { id: blockId, at, indent, body: element.map((l) => indent + l.replace(/^ {2}/, unit)) });
  }
  const changes = [`Package source ${key}: ${url}`, ...(token !== undefined ? [`Credentials for ${key}: username aws, the token as ClearTextPassword (refreshed with it; a token lasts at most 12 hours)`] : [])];
  return result(existing, joinLines(doc), changes);
}

/** Removes our blocks for `key` (every source's when undefined), then the containers we created that are now empty. */
function stripOurs(doc: Lines, key: string | undefined, label: string): Lines {
  assertMarkersAreComments(doc, `${label} has text with lines that look like the CodeArtifact marker comments; edit the file by hand.`);
  return removeOurBlocks(doc, (id) => key === undefined || id.endsWith(`:${key}`), (text) => scan(text, label));
}

/** Removes our source (and credentials) for the repository; '' when only the skeleton we created is left. */
export function removeNugetConfig(text: string, request: Pick<NugetSourceRequest, 'domain' | 'repository'>, label = 'NuGet.Config'): string {
  const out = joinLines(stripOurs(splitLines(text), nugetSourceKey(request.domain, request.repository), label));
  return out === NUGET_CONFIG_SKELETON ? '' : out;
}

/** Source keys this extension manages in a file. */
export function managedNugetKeys(text: string): string[] {
  return [...new Set(findBlocks(splitLines(text), xmlComments).map((b) => b.id).filter((id) => id.startsWith('source:')).map((id) => id.slice('source:'.length)))];
}

/**
 * What CI sets instead of a file: NuGet reads `NuGetPackageSourceCredentials_<source name>` =
 * `Username=…;Password=…` (learn.microsoft.com/nuget/reference/cli-reference/cli-ref-environment-variables).
 */
export function nugetCredentialsEnvironment(domain: string, repository: string, token: string): Record<string, string> {
  return { [`NuGetPackageSourceCredentials_${nugetSourceKey(domain, repository)}`]: `Username=aws;Password=${checkToken(token)}` };
}
