// The bodies of the malformed-answer faults (see faults.ts and README.md): a proxy's HTML error page where JSON
// or XML belongs (`garbage`), a well-formed answer with the wrong types (`mistype`) and a valid but huge one
// (`enormous`, streamed piece by piece so that the emulator never holds it whole).
import type { ServerResponse } from 'node:http';
import type { CapturedResponse, FaultRule } from './faults';

/** An Apache-style proxy error: neither JSON nor well-formed XML (unclosed `<br>`, `<hr>`, `&nbsp;`). */
export const GARBAGE_BODY =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>502 Proxy Error</title>\n</head><body>\n' +
  '<h1>Proxy Error</h1>\n<p>The proxy server received an invalid\nresponse from an upstream server.<br>\n' +
  'Reason: <strong>Error reading from remote server</strong>&nbsp;</p>\n<hr>\n';

/** The content type a client expects for this operation, so that only the body is wrong. */
export function expectedContentType(operation: string, path: string): string {
  if (operation.startsWith('npm:')) return 'application/json';
  if (operation === 'pypi:simple') return 'application/vnd.pypi.simple.v1+json';
  if (operation.startsWith('maven:')) return path.endsWith('.xml') || path.endsWith('.pom') ? 'text/xml' : 'application/octet-stream';
  if (operation.includes(':')) return 'application/octet-stream';
  return 'application/json';
}

/** Control-plane list members, and the member that names each item. */
const LISTS: Record<string, { key: string; name: string }> = {
  ListDomains: { key: 'domains', name: 'name' },
  ListRepositories: { key: 'repositories', name: 'name' },
  ListRepositoriesInDomain: { key: 'repositories', name: 'name' },
  ListPackages: { key: 'packages', name: 'package' },
  ListPackageVersions: { key: 'versions', name: 'version' },
  ListPackageVersionAssets: { key: 'assets', name: 'name' },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every string member becomes a number, every object a string, every array an object (one level deep). */
function retype(item: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(item)) {
    if (typeof v === 'string') out[k] = v.length;
    else if (Array.isArray(v)) out[k] = { ...v };
    else if (isObject(v)) out[k] = 'object';
    else out[k] = v;
  }
  return out;
}

/** `fields`: wrong types inside the answer; `lists`: the lists themselves of the wrong type. */
function mistypeControlPlane(operation: string, doc: JsonObject, shape: FaultRule['shape']): JsonObject {
  const list = LISTS[operation];
  const out: JsonObject = { ...doc };
  if (list) {
    const items = Array.isArray(doc[list.key]) ? (doc[list.key] as Json[]) : [];
    if (shape === 'lists') {
      // An object where the array belongs (keys "0", "1", …); assets even as a plain string.
      const names = items.map((i) => {
        const name = isObject(i) ? i[list.name] : undefined;
        return typeof name === 'string' ? name : '';
      });
      out[list.key] = list.key === 'assets' ? names.join(',') : { ...items };
      out.nextToken = { token: 'x' };
    } else {
      // The first item retyped, the second without its name, a null, a string, then the rest untouched.
      const [first, second, ...rest] = items;
      const broken: Json[] = [];
      if (isObject(first)) broken.push(retype(first));
      if (isObject(second)) {
        const { [list.name]: _dropped, ...nameless } = second;
        broken.push(nameless);
      }
      broken.push(null, 'not-an-object', ...rest);
      out[list.key] = broken;
      out.nextToken = 12345;
    }
    if ('defaultDisplayVersion' in doc) out.defaultDisplayVersion = shape === 'lists' ? ['1.0.0'] : 7;
    return out;
  }
  // Single-object answers. fields: strings become numbers (timestamps stay valid, so the client's own checks
  // are reached); lists: strings become objects, timestamps strings (the SDK's checks fire first).
  for (const [k, v] of Object.entries(doc)) {
    if (typeof v === 'string') out[k] = shape === 'lists' ? { value: v } : v.length;
    else if (typeof v === 'number' && shape === 'lists') out[k] = 'tomorrow';
    else if (isObject(v)) out[k] = shape === 'lists' ? [v] : retype(v);
  }
  return out;
}

function mistypePackument(doc: JsonObject, shape: FaultRule['shape']): JsonObject {
  const out: JsonObject = { ...doc };
  const versions = isObject(doc.versions) ? doc.versions : {};
  if (shape === 'lists') {
    out.versions = Object.values(versions);
    out.time = '2025-01-01T00:00:00.000Z';
    delete out['dist-tags'];
    return out;
  }
  const keys = Object.keys(versions);
  const retyped: JsonObject = {};
  keys.forEach((k, i) => {
    const manifest = versions[k];
    // Every other version: a manifest of the wrong type, or with a wrong-typed `deprecated`/`version`.
    retyped[k] = i % 3 === 0 ? null : i % 3 === 1 && isObject(manifest) ? { ...manifest, version: 7, deprecated: { reason: 'x' } } : (manifest ?? null);
  });
  retyped[''] = 42;
  out.versions = retyped;
  out.time = Object.fromEntries(keys.map((k) => [k, 1700000000]));
  out['dist-tags'] = { latest: 1, next: null };
  return out;
}

function mistypeSimpleIndex(doc: JsonObject, shape: FaultRule['shape']): JsonObject {
  const out: JsonObject = { ...doc };
  const files = Array.isArray(doc.files) ? doc.files : [];
  if (shape === 'lists') {
    out.files = Object.fromEntries(files.map((f, i) => [isObject(f) && typeof f.filename === 'string' ? f.filename : String(i), f]));
    out.versions = '1.0.0';
    return out;
  }
  out.files = [
    { filename: 12345, url: 7 },
    null,
    'a-string.tar.gz',
    ...files.map((f) => (isObject(f) ? { ...f, 'upload-time': 1700000000, hashes: 'sha256' } : f)),
  ];
  out.versions = [1, null, { v: '2' }];
  return out;
}

function mistypeMavenMetadata(xml: string, shape: FaultRule['shape']): string {
  const versions = [...xml.matchAll(/<version>([^<]*)<\/version>/g)].map((m) => m[1] ?? '');
  if (shape === 'lists') {
    // Versions where no reader looks for them, and a <versioning> that is only text.
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n<metadata>\n  <versioning>1.0</versioning>\n  <versions>\n' +
      versions.map((v) => `    <version>${v}</version>\n`).join('') +
      '  </versions>\n</metadata>\n'
    );
  }
  // A DOCTYPE declaring an entity (a safe reader neither expands it nor fetches anything), versions nested in
  // the wrong element, empty and with child elements, then the real ones.
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE metadata [\n  <!ENTITY boom "9.9.9-expanded-entity">\n]>\n' +
    '<metadata>\n  <groupId><version>0.0.1-wrong-place</version></groupId>\n  <versioning>\n    <versions>\n' +
    '      <version>&boom;</version>\n      <version></version>\n      <version><v>1.2.3-nested</v></version>\n' +
    versions.map((v) => `      <version>${v}</version>\n`).join('') +
    '    </versions>\n  </versioning>\n</metadata>\n'
  );
}

/**
 * The handler's answer with the wrong types, or undefined to send it unchanged (errors, non-JSON files,
 * anything that does not parse).
 */
export function mistypeBody(operation: string, path: string, captured: CapturedResponse, shape: FaultRule['shape']): Buffer | undefined {
  if (captured.status < 200 || captured.status > 299 || captured.body.length === 0) return undefined;
  const text = captured.body.toString('utf8');
  if (operation.startsWith('maven:')) return path.endsWith('maven-metadata.xml') ? Buffer.from(mistypeMavenMetadata(text, shape)) : undefined;
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  if (operation === 'npm:packument') return Buffer.from(JSON.stringify(mistypePackument(doc, shape)));
  if (operation === 'pypi:simple') return Buffer.from(JSON.stringify(mistypeSimpleIndex(doc, shape)));
  if (operation.includes(':')) return undefined;
  return Buffer.from(JSON.stringify(mistypeControlPlane(operation, doc, shape)));
}

const MB = 1024 * 1024;
const OWNER = '111122223333';

function controlPlaneItem(operation: string, i: number): string {
  switch (operation) {
    case 'ListDomains':
      return `{"name":"domain-${i}","owner":"${OWNER}","status":"Active","createdTime":1700000000}`;
    case 'ListRepositories':
    case 'ListRepositoriesInDomain':
      return `{"name":"repo-${i}","domainName":"enormous","domainOwner":"${OWNER}","arn":"arn:aws:codeartifact:us-east-1:${OWNER}:repository/enormous/repo-${i}"}`;
    case 'ListPackages':
      return `{"format":"npm","namespace":"enormous","package":"pkg-${i}","originConfiguration":{"restrictions":{"publish":"ALLOW","upstream":"ALLOW"}}}`;
    case 'ListPackageVersions':
      return `{"version":"1.0.${i}","revision":"r${i}","status":"Published","origin":{"domainEntryPoint":{"repositoryName":"enormous"},"originType":"INTERNAL"}}`;
    default:
      return `{"name":"file-${i}.bin","size":1,"hashes":{"SHA-256":"00"}}`;
  }
}

/** `n` bytes of `fill`, in 64 KiB pieces. */
function* padding(n: number, fill = 'A'): Generator<string> {
  const block = fill.repeat(64 * 1024);
  for (let left = n; left > 0; left -= block.length) yield left >= block.length ? block : block.slice(0, left);
}

/** Pieces of an enormous answer, and its content type. `more()` says whether an endless or sized part goes on. */
export function enormousBody(operation: string, path: string, rule: FaultRule, endpoint: string): { contentType: string; pieces: Generator<string> } {
  const deadline = rule.endless && rule.ms !== undefined ? Date.now() + rule.ms : Infinity;
  const dataPlane = operation.includes(':');
  const bytes = (rule.size ?? (dataPlane ? 60 : 10)) * MB;
  /** Endless: until the deadline (the pump stops when the client goes away); else until `limit` is reached. */
  const goesOn = (produced: number, limit: number): boolean => (rule.endless ? Date.now() < deadline : produced < limit);
  const contentType = expectedContentType(operation, path);
  const name = decodeURIComponent(path.split('/').filter((s) => s !== '').pop() ?? 'enormous');

  /** `bytes` of padding, or padding without end for an endless body. */
  function* fill(char = 'A'): Generator<string> {
    if (!rule.endless) {
      yield* padding(bytes, char);
      return;
    }
    while (goesOn(0, 0)) yield* padding(64 * 1024, char);
  }

  function* controlPlane(): Generator<string> {
    const list = LISTS[operation];
    if (list) {
      yield `{"${list.key}":[`;
      for (let i = 0; goesOn(i, rule.items); i++) yield (i ? ',' : '') + controlPlaneItem(operation, i);
      yield ']';
      if (bytes > 0 && !rule.endless) {
        yield ',"nextToken":"';
        yield* padding(bytes);
        yield '"';
      }
      yield '}';
    } else if (operation === 'GetAuthorizationToken') {
      yield '{"authorizationToken":"';
      yield* fill();
      yield `","expiration":${Math.floor(Date.now() / 1000) + 3600}}`;
    } else {
      yield '{"padding":"';
      yield* fill();
      yield '"}';
    }
  }

  function* packument(): Generator<string> {
    const description = 'x'.repeat(1000);
    yield `{"_id":${JSON.stringify(name)},"name":${JSON.stringify(name)},"dist-tags":{"latest":"1.0.0"},"versions":{`;
    let produced = 0;
    let n = 0;
    while (goesOn(produced, bytes)) {
      const v = `1.0.${n}`;
      const piece = `${n ? ',' : ''}"${v}":{"name":${JSON.stringify(name)},"version":"${v}","description":"${description}","dist":{"tarball":"${endpoint}/enormous/-/enormous-${v}.tgz","shasum":"0000000000000000000000000000000000000000"}}`;
      produced += piece.length;
      n++;
      yield piece;
    }
    yield '},"time":{';
    for (let i = 0; i < n; i++) yield `${i ? ',' : ''}"1.0.${i}":"2025-01-01T00:00:00.000Z"`;
    yield '}}';
  }

  function* simpleIndex(): Generator<string> {
    yield `{"meta":{"api-version":"1.1"},"name":${JSON.stringify(name)},"files":[`;
    let produced = 0;
    for (let i = 0; goesOn(produced, bytes); i++) {
      const file = `${name}-1.0.${i}.tar.gz`;
      const piece = `${i ? ',' : ''}{"filename":"${file}","url":"${endpoint}/enormous/${file}","hashes":{"sha256":"${'0'.repeat(64)}"},"upload-time":"2025-01-01T00:00:00Z"}`;
      produced += piece.length;
      yield piece;
    }
    yield ']}';
  }

  function* mavenMetadata(): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<metadata>\n  <groupId>enormous</groupId>\n  <artifactId>enormous</artifactId>\n  <versioning>\n    <versions>\n';
    let produced = 0;
    for (let i = 0; goesOn(produced, bytes); i++) {
      const piece = `      <version>1.0.${i}</version>\n`;
      produced += piece.length;
      yield piece;
    }
    yield '    </versions>\n  </versioning>\n</metadata>\n';
  }

  let pieces: Generator<string>;
  if (!dataPlane) pieces = controlPlane();
  else if (operation === 'npm:packument') pieces = packument();
  else if (operation === 'pypi:simple') pieces = simpleIndex();
  else if (operation === 'maven:get' && path.endsWith('maven-metadata.xml')) pieces = mavenMetadata();
  else pieces = fill('\0');
  return { contentType, pieces };
}

/**
 * Streams `pieces` (chunked, no Content-Length) in ~64 KiB writes, waiting for 'drain' so that the emulator's
 * memory stays flat however much is sent, and stopping when the client goes away.
 */
export function streamBody(res: ServerResponse, status: number, contentType: string, pieces: Generator<string>): void {
  res.writeHead(status, { 'content-type': contentType });
  const step = (): void => {
    let batch = '';
    while (!res.destroyed) {
      const next = pieces.next();
      if (next.done) {
        res.end(batch);
        return;
      }
      batch += next.value;
      if (batch.length >= 64 * 1024) {
        const ok = res.write(batch);
        batch = '';
        if (!ok) {
          res.once('drain', step);
          return;
        }
      }
    }
  };
  step();
}
