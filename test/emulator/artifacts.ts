// Synthesized artifacts for package versions that the seed describes but gives no files for: real npm
// tarballs, wheels, poms and jars that npm, pip and mvn accept. Output is deterministic (fixed timestamps),
// and callers keep it in `PackageVersion.assets` so hashes never change between requests.
import { createHash } from 'node:crypto';
import { gzipSync, gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { zipSync, strToU8 } from 'fflate';
import type { Format, PackageVersion } from './model';
import { normalizePypiName } from './model';
import { nupkg, nupkgAssetName } from './nugetPackage';
import { deterministicTar } from './tarball';

const ZIP_MTIME = new Date('1980-01-02T00:00:00Z');

/** CodeArtifact names an npm version's single asset `package.tgz`. */
export const NPM_ASSET = 'package.tgz';

export interface NpmManifestInput {
  /** Full name, `@scope/name` or `name`. */
  name: string;
  version: string;
  description?: string;
  license?: string;
  dependencies?: Record<string, string>;
  readme?: string;
}

export async function npmTarball(input: NpmManifestInput): Promise<Buffer> {
  const manifest: Record<string, unknown> = {
    name: input.name,
    version: input.version,
    description: input.description ?? '',
    main: 'index.js',
    license: input.license ?? 'UNLICENSED',
    dependencies: input.dependencies ?? {},
  };
  const files: [string, string][] = [
    ['package/package.json', `${JSON.stringify(manifest, null, 2)}\n`],
    ['package/index.js', `module.exports = ${JSON.stringify({ name: input.name, version: input.version })};\n`],
    ['package/README.md', input.readme ?? `# ${input.name}\n\n${input.description ?? ''}\n`],
  ];
  return gzipSync(await deterministicTar(files), { level: 9 });
}

/** Reads `package/package.json` (npm accepts any top folder name) from an npm tarball. */
export async function readNpmManifest(tgz: Buffer): Promise<Record<string, unknown>> {
  const ex = extract();
  let found: Buffer | undefined;
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      const wanted = /^[^/]+\/package\.json$/.test(header.name) && found === undefined;
      stream.on('data', (c: unknown) => {
        if (wanted && Buffer.isBuffer(c)) parts.push(c);
      });
      stream.on('end', () => {
        if (wanted) found = Buffer.concat(parts);
        next();
      });
      stream.resume();
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(gunzipSync(tgz));
  await done;
  if (!found) throw new Error('The tarball has no package/package.json.');
  const parsed: unknown = JSON.parse(found.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('package.json is not an object.');
  return parsed as Record<string, unknown>;
}

export interface WheelInput {
  /** The project name as published (any case/separators). */
  name: string;
  version: string;
  summary?: string;
  license?: string;
  /** Requirement name → specifier, e.g. `requests` → `>=2`. */
  requiresDist?: Record<string, string>;
}

/** PEP 427 escaping of the distribution name in file names. */
export function wheelDistName(name: string): string {
  return normalizePypiName(name).replace(/-/g, '_');
}

export function wheelFileName(name: string, version: string): string {
  return `${wheelDistName(name)}-${version}-py3-none-any.whl`;
}

function recordHash(data: Uint8Array): string {
  return `sha256=${createHash('sha256').update(data).digest('base64url')}`;
}

export function wheel(input: WheelInput): Buffer {
  const dist = wheelDistName(input.name);
  const info = `${dist}-${input.version}.dist-info`;
  const metadata = [
    'Metadata-Version: 2.1',
    `Name: ${input.name}`,
    `Version: ${input.version}`,
    ...(input.summary ? [`Summary: ${input.summary}`] : []),
    ...(input.license ? [`License: ${input.license}`] : []),
    ...Object.entries(input.requiresDist ?? {}).map(([n, spec]) => `Requires-Dist: ${n}${spec}`),
    '',
    `${input.summary ?? input.name}`,
    '',
  ].join('\n');
  const files: Record<string, Uint8Array> = {
    [`${dist}/__init__.py`]: strToU8(`__version__ = ${JSON.stringify(input.version)}\n`),
    [`${info}/METADATA`]: strToU8(metadata),
    [`${info}/WHEEL`]: strToU8('Wheel-Version: 1.0\nGenerator: codeartifact-emulator\nRoot-Is-Purelib: true\nTag: py3-none-any\n'),
    [`${info}/top_level.txt`]: strToU8(`${dist}\n`),
  };
  const record = Object.entries(files)
    .map(([path, data]) => `${path},${recordHash(data)},${data.length}`)
    .concat(`${info}/RECORD,,`, '')
    .join('\n');
  files[`${info}/RECORD`] = strToU8(record);
  return Buffer.from(zipSync(files, { mtime: ZIP_MTIME }));
}

export interface MavenInput {
  groupId: string;
  artifactId: string;
  version: string;
  description?: string;
  license?: string;
  /** `groupId:artifactId` → version. */
  dependencies?: Record<string, string>;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function pom(input: MavenInput): Buffer {
  const deps = Object.entries(input.dependencies ?? {}).map(([ga, version]) => {
    const [g = '', a = ''] = ga.split(':');
    return `    <dependency>\n      <groupId>${xml(g)}</groupId>\n      <artifactId>${xml(a)}</artifactId>\n      <version>${xml(version)}</version>\n    </dependency>\n`;
  });
  const text =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n' +
    '         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">\n' +
    '  <modelVersion>4.0.0</modelVersion>\n' +
    `  <groupId>${xml(input.groupId)}</groupId>\n` +
    `  <artifactId>${xml(input.artifactId)}</artifactId>\n` +
    `  <version>${xml(input.version)}</version>\n` +
    '  <packaging>jar</packaging>\n' +
    (input.description ? `  <description>${xml(input.description)}</description>\n` : '') +
    (input.license ? `  <licenses>\n    <license>\n      <name>${xml(input.license)}</name>\n    </license>\n  </licenses>\n` : '') +
    (deps.length ? `  <dependencies>\n${deps.join('')}  </dependencies>\n` : '') +
    '</project>\n';
  return Buffer.from(text, 'utf8');
}

export function jar(input: MavenInput): Buffer {
  const files: Record<string, Uint8Array> = {
    'META-INF/MANIFEST.MF': strToU8(`Manifest-Version: 1.0\r\nCreated-By: codeartifact-emulator\r\nImplementation-Title: ${input.artifactId}\r\nImplementation-Version: ${input.version}\r\n\r\n`),
    [`META-INF/maven/${input.groupId}/${input.artifactId}/pom.properties`]: strToU8(
      `groupId=${input.groupId}\nartifactId=${input.artifactId}\nversion=${input.version}\n`,
    ),
    [`META-INF/maven/${input.groupId}/${input.artifactId}/pom.xml`]: pom(input),
  };
  return Buffer.from(zipSync(files, { mtime: ZIP_MTIME }));
}

/** The asset names a synthesized version gets, per format. */
export function mavenAssetNames(artifactId: string, version: string): { pom: string; jar: string } {
  return { pom: `${artifactId}-${version}.pom`, jar: `${artifactId}-${version}.jar` };
}

export interface PackageIdentity {
  format: Format;
  namespace?: string;
  /** npm/maven: the name; PyPI: the display name when known. */
  name: string;
}

/**
 * The version's assets, synthesized on first use when the seed gave none. Kept in `version.assets` (shared
 * by every retained copy), so all later requests and the control plane see the same bytes and hashes.
 */
export async function ensureAssets(pkg: PackageIdentity, version: PackageVersion): Promise<Map<string, Buffer>> {
  if (version.assets.size > 0) return version.assets;
  const made = await synthesize(pkg, version);
  // Another request may have filled the map while we awaited; theirs are the same bytes, keep the first.
  if (version.assets.size === 0) for (const [name, data] of made) version.assets.set(name, data);
  return version.assets;
}

async function synthesize(pkg: PackageIdentity, v: PackageVersion): Promise<Map<string, Buffer>> {
  const license = v.licenses[0]?.name;
  switch (pkg.format) {
    case 'npm': {
      const name = pkg.namespace ? `@${pkg.namespace}/${pkg.name}` : pkg.name;
      const tgz = await npmTarball({ name, version: v.version, description: v.summary, license, dependencies: v.dependencies, readme: v.readme });
      return new Map([[NPM_ASSET, tgz]]);
    }
    case 'pypi':
      return new Map([
        [wheelFileName(pkg.name, v.version), wheel({ name: pkg.name, version: v.version, summary: v.summary, license, requiresDist: v.dependencies })],
      ]);
    case 'maven': {
      const input: MavenInput = {
        groupId: pkg.namespace ?? '',
        artifactId: pkg.name,
        version: v.version,
        description: v.summary,
        license,
        dependencies: v.dependencies,
      };
      const names = mavenAssetNames(pkg.name, v.version);
      return new Map([
        [names.jar, jar(input)],
        [names.pom, pom(input)],
      ]);
    }
    case 'nuget': {
      const id = pkg.name;
      return new Map([[nupkgAssetName(id, v.version), nupkg({ id, version: v.version, description: v.summary, license, projectUrl: v.homePage, dependencies: v.dependencies })]]);
    }
    default: {
      // generic and the rest: one opaque file, enough for ListPackageVersionAssets and GetPackageVersionAsset.
      const name = `${pkg.name}-${v.version}.txt`;
      return new Map([[name, Buffer.from(`${pkg.namespace ?? ''}/${pkg.name} ${v.version}\n`)]]);
    }
  }
}

export function assetHashes(data: Buffer): { MD5: string; 'SHA-1': string; 'SHA-256': string; 'SHA-512': string } {
  const h = (alg: string): string => createHash(alg).update(data).digest('hex');
  return { MD5: h('md5'), 'SHA-1': h('sha1'), 'SHA-256': h('sha256'), 'SHA-512': h('sha512') };
}
