// NuGet packages for the emulator: version normalization as CodeArtifact applies it, a synthesized .nupkg (a zip
// whose root holds `<id>.nuspec`, as `dotnet pack` writes it) and reading the nuspec back out of an uploaded one.
// Written apart from src/core/versioning/nugetVersion.ts on purpose: the emulator must not share the extension's code.
import { SaxesParser } from 'saxes';
import { strToU8, unzipSync, zipSync } from 'fflate';

const ZIP_MTIME = new Date('1980-01-02T00:00:00Z');
const VERSION = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * NuGet's normalized version (learn.microsoft.com/nuget/concepts/package-versioning#normalized-version-numbers, which
 * CodeArtifact's nuget-name-normalization page repeats): leading zeros dropped, a zero fourth part omitted, at least
 * three parts, build metadata removed. Undefined when the text is no NuGet version.
 */
export function normalizeNugetVersion(text: string): string | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const n = (s: string | undefined): string => String(BigInt(s ?? '0'));
  const parts = [n(m[1]), n(m[2]), n(m[3])];
  if (m[4] !== undefined && BigInt(m[4]) !== 0n) parts.push(n(m[4]));
  return parts.join('.') + (m[5] ?? '');
}

/** The id must be a NuGet package id (letters, digits, `.`, `_`, `-`; at most 100 characters). */
export const NUGET_ID = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,98}[A-Za-z0-9_])?$/;

export interface NuspecInfo {
  id: string;
  version: string;
  description?: string;
  authors?: string;
  license?: string;
  projectUrl?: string;
  /** dependency id → version range, flattened over the target-framework groups. */
  dependencies: Record<string, string>;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function nuspec(info: NuspecInfo): string {
  const deps = Object.entries(info.dependencies);
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">\n' +
    '  <metadata>\n' +
    `    <id>${xml(info.id)}</id>\n` +
    `    <version>${xml(info.version)}</version>\n` +
    `    <authors>${xml(info.authors ?? 'codeartifact-emulator')}</authors>\n` +
    `    <description>${xml(info.description ?? info.id)}</description>\n` +
    (info.license ? `    <license type="expression">${xml(info.license)}</license>\n` : '') +
    (info.projectUrl ? `    <projectUrl>${xml(info.projectUrl)}</projectUrl>\n` : '') +
    (deps.length > 0
      ? '    <dependencies>\n      <group targetFramework="netstandard2.0">\n' +
        deps.map(([id, range]) => `        <dependency id="${xml(id)}" version="${xml(range)}" exclude="Build,Analyzers" />\n`).join('') +
        '      </group>\n    </dependencies>\n'
      : '') +
    '  </metadata>\n</package>\n'
  );
}

/** A .nupkg that restore accepts: the nuspec at the root, OPC parts, one placeholder lib file. */
export function nupkg(info: NuspecInfo): Buffer {
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/${xml(info.id)}.nuspec" Id="R1" /></Relationships>`,
    ),
    [`${info.id}.nuspec`]: strToU8(nuspec(info)),
    'lib/netstandard2.0/_._': new Uint8Array(0),
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />' +
        '<Default Extension="nuspec" ContentType="application/octet" /><Default Extension="_" ContentType="application/octet" /></Types>',
    ),
  };
  return Buffer.from(zipSync(files, { mtime: ZIP_MTIME }));
}

/** The nuspec file at the root of a .nupkg, as text; throws when the zip is broken or has none. */
export function nuspecText(pkg: Buffer): string {
  const files = unzipSync(new Uint8Array(pkg), { filter: (f) => !f.name.includes('/') && f.name.toLowerCase().endsWith('.nuspec') });
  const [first, ...more] = Object.values(files);
  if (!first || more.length > 0) throw new Error('A .nupkg must hold exactly one .nuspec at its root.');
  return Buffer.from(first).toString('utf8');
}

/** id, version and what a registration leaf shows, from nuspec XML; throws on XML errors or a missing id/version. */
export function readNuspec(text: string): NuspecInfo {
  const parser = new SaxesParser({ xmlns: false });
  const stack: string[] = [];
  const values: Record<string, string> = {};
  const dependencies: Record<string, string> = {};
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed ??= e;
  });
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    const attrs = tag.attributes as Record<string, string>;
    if (tag.name === 'dependency' && stack.includes('dependencies') && typeof attrs.id === 'string') dependencies[attrs.id] = attrs.version ?? '';
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    const [root, meta, field] = stack;
    if (root === 'package' && meta === 'metadata' && field !== undefined && stack.length === 3) values[field] = (values[field] ?? '') + t;
  });
  parser.write(text).close();
  if (failed) throw new Error(`The nuspec is not well-formed XML: ${failed.message}`);
  const id = values.id?.trim();
  const version = values.version?.trim();
  if (!id || !version) throw new Error('The nuspec has no id or no version.');
  return {
    id,
    version,
    dependencies,
    ...(values.description ? { description: values.description.trim() } : {}),
    ...(values.authors ? { authors: values.authors.trim() } : {}),
    ...(values.license ? { license: values.license.trim() } : {}),
    ...(values.projectUrl ? { projectUrl: values.projectUrl.trim() } : {}),
  };
}

/** CodeArtifact's asset name: normalized (lowercase) id and normalized version. */
export function nupkgAssetName(id: string, version: string): string {
  return `${id.toLowerCase()}.${version.toLowerCase()}.nupkg`;
}
