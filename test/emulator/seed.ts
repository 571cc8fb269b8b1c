// The seed file: what the emulator starts with. Validated strictly (unknown fields are errors naming their
// path) because a typo in a seed would otherwise silently give a test different data than it thinks.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fullAccessIdentity } from './authorization';
import { parsePolicy, PolicyError, type PolicyKind } from './iam';
import { entryOf, restrictionsFor } from './originDefaults';
import { RESTRICTION_MODES, RESTRICTION_TYPES, ROOT_PATTERN, newGroup, parsePattern, type RestrictionMode, type RestrictionType } from './packageGroups';
import {
  EXTERNAL_CONNECTIONS,
  FORMATS,
  VERSION_STATUSES,
  domainArn,
  normalizePackageName,
  displayNameFor,
  packageKey,
  repositoryArn,
  type Domain,
  type Format,
  type Origin,
  type Package,
  type PackageVersion,
  type Store,
  type VersionStatus,
} from './model';

export interface SeedLicense {
  name: string;
  url?: string;
}

/** Bytes of one asset: base64 or UTF-8 text. */
export type SeedAsset = { base64: string } | { text: string };

export interface SeedVersion {
  version: string;
  status?: VersionStatus;
  /** ISO 8601. */
  publishedTime?: string;
  summary?: string;
  license?: string;
  licenses?: (string | SeedLicense)[];
  homePage?: string;
  sourceCodeRepository?: string;
  readme?: string;
  dependencies?: Record<string, string>;
  deprecated?: string;
  /** PyPI (PEP 592): every file of the version is yanked; `true`, or the reason. */
  yanked?: true | string;
  /** PyPI: `Requires-Python` of its files, e.g. `>=3.9`. */
  requiresPython?: string;
  /** Where the version entered the domain; default: the repository it is seeded in (INTERNAL). */
  origin?: { repositoryName: string } | { externalConnectionName: string };
  /** Asset name → bytes. Without assets the data plane synthesizes them. */
  assets?: Record<string, SeedAsset>;
}

export interface SeedPackageBody {
  format?: Format;
  namespace?: string;
  name: string;
  distTags?: Record<string, string>;
  originConfiguration?: { publish?: 'ALLOW' | 'BLOCK'; upstream?: 'ALLOW' | 'BLOCK' };
  versions: SeedVersion[];
}

export interface SeedPackage extends SeedPackageBody {
  domain: string;
  /** Needed only when two accounts have a domain of the same name. */
  owner?: string;
  repository: string;
  format: Format;
}

export interface SeedRepository {
  name: string;
  description?: string;
  upstreams?: string[];
  externalConnection?: string;
  tags?: Record<string, string>;
  /** A JSON policy document (string), returned by GetRepositoryPermissionsPolicy. */
  permissionsPolicy?: string;
  /** ISO 8601. */
  createdTime?: string;
  /** The PyPI simple index serves PEP 503 HTML only: a JSON-only Accept gets 406. Default: HTML and PEP 691 JSON. */
  pypiHtmlOnly?: boolean;
}

export interface SeedDomain {
  name: string;
  owner: string;
  region?: string;
  encryptionKey?: string;
  tags?: Record<string, string>;
  permissionsPolicy?: string;
  createdTime?: string;
  repositories?: SeedRepository[];
  /** Package groups besides the root `/*` (which may be listed to change its origin controls). */
  packageGroups?: SeedPackageGroup[];
}

export interface SeedPackageGroup {
  pattern: string;
  description?: string;
  contactInfo?: string;
  /** Restriction type → mode; unset types are INHERIT (ALLOW for the root group). */
  originConfiguration?: Partial<Record<RestrictionType, RestrictionMode>>;
  /** Restriction type → repository names of its allowed repository list. */
  allowedRepositories?: Partial<Record<RestrictionType, string[]>>;
}

/** One caller of the emulator, keyed by access key id in `Seed.identities`. */
export interface SeedIdentity {
  account: string;
  /** Default `arn:aws:iam::ACCOUNT:user/ACCESS_KEY_ID`; a user, role or assumed-role (STS) ARN of that account. */
  arn?: string;
  /** IAM identity-based policy documents (objects or JSON strings). None: the identity may do nothing. */
  policies?: unknown[];
  /** Temporary credentials: requests must carry this X-Amz-Security-Token. */
  sessionToken?: string;
  /** ISO 8601: after this, ExpiredTokenException. */
  expiration?: string;
}

export interface Seed {
  /** Access key id → 12-digit account: who the caller is. Unknown keys are the first domain's owner. */
  accounts?: Record<string, string>;
  /**
   * Access key id → identity with identity-based policies. When present, IAM is enforced: unknown keys are refused
   * (UnrecognizedClientException), policies are evaluated, and keys in `accounts` act with full access.
   */
  identities?: Record<string, SeedIdentity>;
  domains: SeedDomain[];
  packages?: SeedPackage[];
  /** External connection name → the packages "upstream of AWS" (npmjs.com, pypi.org, …). */
  externalConnections?: Record<string, SeedPackageBody[]>;
  /** Maven external connection name → directories in Maven repository layout that back it (`~` expanded). */
  mavenDirectories?: Record<string, string[]>;
}

export class SeedError extends Error {
  override name = 'SeedError';
}

const DOMAIN_NAME = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;
const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/;
const ACCOUNT = /^[0-9]{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;

type Obj = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new SeedError(`${path}: ${problem}`);
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, path: string, allowed: readonly string[]): Obj {
  if (!isObject(value)) fail(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(path === '' ? key : `${path}.${key}`, 'unknown field');
  }
  return value;
}

function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function optString(o: Obj, key: string, path: string, pattern?: RegExp, what?: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') fail(at(path, key), 'must be a string');
  if (pattern && !pattern.test(v)) fail(at(path, key), `${JSON.stringify(v)} is not ${what ?? `a match for ${String(pattern)}`}`);
  return v;
}

function reqString(o: Obj, key: string, path: string, pattern?: RegExp, what?: string): string {
  const v = optString(o, key, path, pattern, what);
  if (v === undefined || v === '') fail(at(path, key), 'required');
  return v;
}

function optArray(o: Obj, key: string, path: string): unknown[] | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) fail(at(path, key), 'must be an array');
  return v as unknown[];
}

function optStringMap(o: Obj, key: string, path: string): Record<string, string> | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (!isObject(v)) fail(at(path, key), 'must be an object of strings');
  for (const [k, s] of Object.entries(v)) if (typeof s !== 'string') fail(`${at(path, key)}.${k}`, 'must be a string');
  return v as Record<string, string>;
}

function optTime(o: Obj, key: string, path: string): string | undefined {
  const v = optString(o, key, path);
  if (v !== undefined && Number.isNaN(Date.parse(v))) fail(at(path, key), `${JSON.stringify(v)} is not an ISO 8601 time`);
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, path: string, values: readonly T[]): T | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) fail(at(path, key), `must be one of ${values.join(', ')}`);
  return v as T;
}

function validateAsset(value: unknown, path: string): SeedAsset {
  const o = object(value, path, ['base64', 'text']);
  const base64 = optString(o, 'base64', path);
  const text = optString(o, 'text', path);
  if ((base64 === undefined) === (text === undefined)) fail(path, 'give exactly one of base64, text');
  return base64 !== undefined ? { base64 } : { text: text ?? '' };
}

function validateVersion(value: unknown, path: string): SeedVersion {
  const o = object(value, path, VERSION_FIELDS);
  const v: SeedVersion = { version: reqString(o, 'version', path) };
  v.status = oneOf(o, 'status', path, VERSION_STATUSES);
  v.publishedTime = optTime(o, 'publishedTime', path);
  v.summary = optString(o, 'summary', path);
  v.license = optString(o, 'license', path);
  const licenses = optArray(o, 'licenses', path);
  if (licenses) {
    if (v.license !== undefined) fail(at(path, 'licenses'), 'give license or licenses, not both');
    v.licenses = licenses.map((l, i) => {
      const p = `${path}.licenses[${i}]`;
      if (typeof l === 'string') return l;
      const lo = object(l, p, ['name', 'url']);
      return { name: reqString(lo, 'name', p), url: optString(lo, 'url', p) };
    });
  }
  v.homePage = optString(o, 'homePage', path);
  v.sourceCodeRepository = optString(o, 'sourceCodeRepository', path);
  v.readme = optString(o, 'readme', path);
  v.dependencies = optStringMap(o, 'dependencies', path);
  v.deprecated = optString(o, 'deprecated', path);
  if (o.yanked !== undefined) {
    if (o.yanked !== true && (typeof o.yanked !== 'string' || o.yanked === '')) fail(at(path, 'yanked'), 'must be true or a reason (a non-empty string)');
    v.yanked = o.yanked;
  }
  v.requiresPython = optString(o, 'requiresPython', path);
  if (o.origin !== undefined) {
    const p = `${path}.origin`;
    const oo = object(o.origin, p, ['repositoryName', 'externalConnectionName']);
    const repositoryName = optString(oo, 'repositoryName', p);
    const externalConnectionName = optString(oo, 'externalConnectionName', p);
    if ((repositoryName === undefined) === (externalConnectionName === undefined)) fail(p, 'give exactly one of repositoryName, externalConnectionName');
    if (externalConnectionName !== undefined && !(externalConnectionName in EXTERNAL_CONNECTIONS)) fail(`${p}.externalConnectionName`, `unknown external connection ${JSON.stringify(externalConnectionName)}`);
    v.origin = repositoryName !== undefined ? { repositoryName } : { externalConnectionName: externalConnectionName ?? '' };
  }
  if (o.assets !== undefined) {
    const p = `${path}.assets`;
    if (!isObject(o.assets)) fail(p, 'must be an object of asset name → {base64} or {text}');
    v.assets = {};
    for (const [name, a] of Object.entries(o.assets)) v.assets[name] = validateAsset(a, `${p}.${name}`);
  }
  return v;
}

function validatePackageGroups(list: unknown[], path: string, repositories: Set<string>): SeedPackageGroup[] {
  const patterns = new Set<string>();
  return list.map((g, i) => {
    const p = `${path}[${i}]`;
    const o = object(g, p, ['pattern', 'description', 'contactInfo', 'originConfiguration', 'allowedRepositories']);
    const pattern = reqString(o, 'pattern', p);
    const parsed = parsePattern(pattern);
    if (typeof parsed === 'string') fail(`${p}.pattern`, parsed);
    if (patterns.has(pattern)) fail(`${p}.pattern`, `duplicate package group ${pattern}`);
    patterns.add(pattern);
    const group: SeedPackageGroup = { pattern, description: optString(o, 'description', p), contactInfo: optString(o, 'contactInfo', p) };
    if (o.originConfiguration !== undefined) {
      const op = `${p}.originConfiguration`;
      const oc = object(o.originConfiguration, op, RESTRICTION_TYPES);
      group.originConfiguration = {};
      for (const type of RESTRICTION_TYPES) {
        const mode = oneOf(oc, type, op, RESTRICTION_MODES);
        if (mode === 'INHERIT' && pattern === ROOT_PATTERN) fail(`${op}.${type}`, 'the root group has no parent to inherit from');
        if (mode !== undefined) group.originConfiguration[type] = mode;
      }
    }
    if (o.allowedRepositories !== undefined) {
      const ap = `${p}.allowedRepositories`;
      const ar = object(o.allowedRepositories, ap, RESTRICTION_TYPES);
      group.allowedRepositories = {};
      for (const type of RESTRICTION_TYPES) {
        const names = optArray(ar, type, ap);
        if (!names) continue;
        group.allowedRepositories[type] = names.map((n, k) => (typeof n === 'string' && repositories.has(n) ? n : fail(`${ap}.${type}[${k}]`, `no repository ${JSON.stringify(n)} in this domain`)));
      }
    }
    return group;
  });
}

const PACKAGE_BODY_FIELDS = ['format', 'namespace', 'name', 'distTags', 'originConfiguration', 'versions'] as const;
const PACKAGE_FIELDS = ['domain', 'owner', 'repository', ...PACKAGE_BODY_FIELDS] as const;
const VERSION_FIELDS = [
  'version', 'status', 'publishedTime', 'summary', 'license', 'licenses', 'homePage', 'sourceCodeRepository',
  'readme', 'dependencies', 'deprecated', 'yanked', 'requiresPython', 'origin', 'assets',
] as const;

function validatePackageBody(o: Obj, path: string): SeedPackageBody {
  const format = oneOf(o, 'format', path, FORMATS);
  const namespace = optString(o, 'namespace', path);
  if (namespace !== undefined) {
    if (namespace === '') fail(at(path, 'namespace'), 'must not be empty (leave it out instead)');
    if (format === 'npm' && namespace.startsWith('@')) fail(at(path, 'namespace'), 'an npm scope is given without "@"');
    if (format === 'pypi') fail(at(path, 'namespace'), 'PyPI packages have no namespace');
  }
  if (format === 'maven' && namespace === undefined) fail(at(path, 'namespace'), 'required for maven (the groupId)');
  const body: SeedPackageBody = { format, namespace, name: reqString(o, 'name', path), versions: [] };
  body.distTags = optStringMap(o, 'distTags', path);
  if (o.originConfiguration !== undefined) {
    const p = `${path}.originConfiguration`;
    const oc = object(o.originConfiguration, p, ['publish', 'upstream']);
    body.originConfiguration = { publish: oneOf(oc, 'publish', p, ['ALLOW', 'BLOCK']), upstream: oneOf(oc, 'upstream', p, ['ALLOW', 'BLOCK']) };
  }
  const versions = optArray(o, 'versions', path) ?? fail(at(path, 'versions'), 'required');
  body.versions = versions.map((v, i) => validateVersion(v, `${path}.versions[${i}]`));
  const seen = new Set<string>();
  for (const [i, v] of body.versions.entries()) {
    if (seen.has(v.version)) fail(`${path}.versions[${i}].version`, `duplicate version ${v.version}`);
    seen.add(v.version);
    for (const key of ['yanked', 'requiresPython'] as const) {
      if (v[key] !== undefined && format !== undefined && format !== 'pypi') fail(`${path}.versions[${i}].${key}`, 'only PyPI versions have it');
    }
  }
  return body;
}

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

function policyOrFail(document: unknown, kind: PolicyKind, path: string): void {
  try {
    parsePolicy(document, kind);
  } catch (err) {
    if (err instanceof PolicyError) fail(path, `not a valid ${kind === 'identity' ? 'identity-based' : 'resource'} policy: ${err.message}`);
    throw err;
  }
}

function validateIdentities(value: unknown, accounts: Record<string, string>): Record<string, SeedIdentity> {
  if (!isObject(value)) fail('identities', 'must be an object of access key id → identity');
  const out: Record<string, SeedIdentity> = {};
  for (const [key, raw] of Object.entries(value)) {
    const p = `identities.${key}`;
    if (!ACCESS_KEY_ID.test(key)) fail(p, 'an access key id is 16 to 128 upper-case letters and digits');
    if (key in accounts) fail(p, 'also listed in accounts: give each access key once');
    const io = object(raw, p, ['account', 'arn', 'policies', 'sessionToken', 'expiration']);
    const identity: SeedIdentity = { account: reqString(io, 'account', p, ACCOUNT, 'a 12-digit account id') };
    identity.arn = optString(io, 'arn', p, /^arn:aws[a-z-]*:(iam::\d{12}:(user|role)\/.+|sts::\d{12}:assumed-role\/[^/]+\/.+)$/, 'an IAM user/role or STS assumed-role ARN');
    if (identity.arn !== undefined && !identity.arn.includes(`::${identity.account}:`)) fail(`${p}.arn`, `must belong to account ${identity.account}`);
    const policies = optArray(io, 'policies', p);
    if (policies) {
      policies.forEach((doc, i) => policyOrFail(doc, 'identity', `${p}.policies[${i}]`));
      identity.policies = policies;
    }
    identity.sessionToken = optString(io, 'sessionToken', p);
    identity.expiration = optTime(io, 'expiration', p);
    if (identity.expiration !== undefined && identity.sessionToken === undefined) fail(`${p}.expiration`, 'only temporary credentials (with a sessionToken) expire');
    out[key] = identity;
  }
  return out;
}

/** Checks the shape of a parsed seed; throws SeedError naming the first bad path. */
export function validateSeed(value: unknown): Seed {
  const o = object(value, '', ['accounts', 'identities', 'domains', 'packages', 'externalConnections', 'mavenDirectories']);
  const seed: Seed = { domains: [] };
  if (o.accounts !== undefined) {
    seed.accounts = optStringMap(o, 'accounts', '');
    for (const [key, account] of Object.entries(seed.accounts ?? {})) if (!ACCOUNT.test(account)) fail(`accounts.${key}`, 'must be a 12-digit account id');
  }
  if (o.identities !== undefined) seed.identities = validateIdentities(o.identities, seed.accounts ?? {});
  const domains = optArray(o, 'domains', '') ?? fail('domains', 'required');
  const domainKeys = new Set<string>();
  seed.domains = domains.map((d, i) => {
    const p = `domains[${i}]`;
    const dobj = object(d, p, ['name', 'owner', 'region', 'encryptionKey', 'tags', 'permissionsPolicy', 'createdTime', 'repositories', 'packageGroups']);
    const domain: SeedDomain = {
      name: reqString(dobj, 'name', p, DOMAIN_NAME, 'a valid domain name ([a-z][a-z0-9-]{0,48}[a-z0-9])'),
      owner: reqString(dobj, 'owner', p, ACCOUNT, 'a 12-digit account id'),
      region: optString(dobj, 'region', p, REGION, 'an AWS region such as us-west-2'),
      encryptionKey: optString(dobj, 'encryptionKey', p),
      tags: optStringMap(dobj, 'tags', p),
      permissionsPolicy: optString(dobj, 'permissionsPolicy', p),
      createdTime: optTime(dobj, 'createdTime', p),
    };
    if (domain.permissionsPolicy !== undefined) policyOrFail(domain.permissionsPolicy, 'resource', `${p}.permissionsPolicy`);
    const key = `${domain.owner}/${domain.name}`;
    if (domainKeys.has(key)) fail(`${p}.name`, `duplicate domain ${domain.name} for owner ${domain.owner}`);
    domainKeys.add(key);
    const repos = optArray(dobj, 'repositories', p) ?? [];
    domain.repositories = repos.map((r, j) => {
      const rp = `${p}.repositories[${j}]`;
      const ro = object(r, rp, ['name', 'description', 'upstreams', 'externalConnection', 'tags', 'permissionsPolicy', 'createdTime', 'pypiHtmlOnly']);
      const repo: SeedRepository = {
        name: reqString(ro, 'name', rp, REPOSITORY_NAME, 'a valid repository name ([A-Za-z0-9][A-Za-z0-9._-]{1,99})'),
        description: optString(ro, 'description', rp),
        tags: optStringMap(ro, 'tags', rp),
        permissionsPolicy: optString(ro, 'permissionsPolicy', rp),
        createdTime: optTime(ro, 'createdTime', rp),
      };
      if (repo.permissionsPolicy !== undefined) policyOrFail(repo.permissionsPolicy, 'resource', `${rp}.permissionsPolicy`);
      if (ro.pypiHtmlOnly !== undefined) {
        if (typeof ro.pypiHtmlOnly !== 'boolean') fail(`${rp}.pypiHtmlOnly`, 'must be true or false');
        repo.pypiHtmlOnly = ro.pypiHtmlOnly;
      }
      const ups = optArray(ro, 'upstreams', rp);
      if (ups) repo.upstreams = ups.map((u, k) => (typeof u === 'string' ? u : fail(`${rp}.upstreams[${k}]`, 'must be a repository name')));
      const ec = optString(ro, 'externalConnection', rp);
      if (ec !== undefined && !(ec in EXTERNAL_CONNECTIONS)) fail(`${rp}.externalConnection`, `unknown external connection ${JSON.stringify(ec)} (known: ${Object.keys(EXTERNAL_CONNECTIONS).join(', ')})`);
      repo.externalConnection = ec;
      return repo;
    });
    const names = new Set<string>();
    for (const [j, r] of domain.repositories.entries()) {
      if (names.has(r.name)) fail(`${p}.repositories[${j}].name`, `duplicate repository ${r.name}`);
      names.add(r.name);
    }
    const groups = optArray(dobj, 'packageGroups', p);
    if (groups) domain.packageGroups = validatePackageGroups(groups, `${p}.packageGroups`, names);
    for (const [j, r] of domain.repositories.entries()) {
      for (const [k, u] of (r.upstreams ?? []).entries()) {
        if (!names.has(u)) fail(`${p}.repositories[${j}].upstreams[${k}]`, `no repository ${JSON.stringify(u)} in domain ${domain.name}`);
        if (u === r.name) fail(`${p}.repositories[${j}].upstreams[${k}]`, 'a repository cannot be its own upstream');
      }
    }
    return domain;
  });
  const domainsByName = new Map<string, SeedDomain[]>();
  for (const d of seed.domains) domainsByName.set(d.name, [...(domainsByName.get(d.name) ?? []), d]);
  const packages = optArray(o, 'packages', '');
  if (packages) {
    seed.packages = packages.map((pk, i) => {
      const p = `packages[${i}]`;
      const po = object(pk, p, PACKAGE_FIELDS);
      const domain = reqString(po, 'domain', p);
      const owner = optString(po, 'owner', p, ACCOUNT, 'a 12-digit account id');
      const repository = reqString(po, 'repository', p);
      if (po.format === undefined) fail(`${p}.format`, 'required');
      const body = validatePackageBody(po, p);
      const candidates = (domainsByName.get(domain) ?? []).filter((d) => owner === undefined || d.owner === owner);
      if (candidates.length === 0) fail(`${p}.domain`, `no domain ${JSON.stringify(domain)}${owner ? ` owned by ${owner}` : ''} in domains`);
      if (candidates.length > 1) fail(`${p}.owner`, `required: several accounts own a domain named ${domain}`);
      if (!candidates[0]?.repositories?.some((r) => r.name === repository)) fail(`${p}.repository`, `no repository ${JSON.stringify(repository)} in domain ${domain}`);
      return { ...body, domain, owner, repository, format: body.format ?? 'npm' };
    });
  }
  if (o.externalConnections !== undefined) {
    if (!isObject(o.externalConnections)) fail('externalConnections', 'must be an object of connection name → packages');
    seed.externalConnections = {};
    for (const [connection, list] of Object.entries(o.externalConnections)) {
      const p = `externalConnections.${connection}`;
      const format = EXTERNAL_CONNECTIONS[connection];
      if (!format) fail(p, `unknown external connection (known: ${Object.keys(EXTERNAL_CONNECTIONS).join(', ')})`);
      if (!Array.isArray(list)) fail(p, 'must be an array of packages');
      seed.externalConnections[connection] = list.map((pk, i) => {
        const pp = `${p}[${i}]`;
        const body = validatePackageBody(object(pk, pp, PACKAGE_BODY_FIELDS), pp);
        if (body.format !== undefined && body.format !== format) fail(`${pp}.format`, `${connection} serves ${format} packages, not ${body.format}`);
        if (format !== 'pypi') {
          const i = body.versions.findIndex((v) => v.yanked !== undefined || v.requiresPython !== undefined);
          if (i >= 0) fail(`${pp}.versions[${i}]`, 'yanked and requiresPython are for PyPI versions only');
        }
        return { ...body, format };
      });
    }
  }
  if (o.mavenDirectories !== undefined) {
    if (!isObject(o.mavenDirectories)) fail('mavenDirectories', 'must be an object of connection name → directories');
    seed.mavenDirectories = {};
    for (const [connection, dirs] of Object.entries(o.mavenDirectories)) {
      const p = `mavenDirectories.${connection}`;
      if (EXTERNAL_CONNECTIONS[connection] !== 'maven') fail(p, 'not a Maven external connection (e.g. public:maven-central)');
      if (!Array.isArray(dirs) || dirs.some((d) => typeof d !== 'string' || d === '')) fail(p, 'must be an array of directory paths');
      seed.mavenDirectories[connection] = dirs as string[];
    }
  }
  return seed;
}

/** Reads and validates a seed file; errors name the file. */
export function readSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SeedError(`cannot read seed ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeedError(`seed ${path} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return validateSeed(json);
  } catch (err) {
    if (err instanceof SeedError) throw new SeedError(`seed ${path}: ${err.message}`);
    throw err;
  }
}

export function expandHome(dir: string): string {
  if (dir === '~') return homedir();
  if (dir.startsWith('~/')) return join(homedir(), dir.slice(2));
  return dir;
}

function seconds(iso: string | undefined, fallback: number): number {
  return iso === undefined ? fallback : Date.parse(iso) / 1000;
}

/** Deterministic revisions so two runs over the same seed agree. */
function revisionFor(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('base64url').slice(0, 28);
}

function assetBytes(a: SeedAsset): Buffer {
  return 'base64' in a ? Buffer.from(a.base64, 'base64') : Buffer.from(a.text, 'utf8');
}

function toVersion(v: SeedVersion, origin: Origin, fallbackTime: number, revisionKey: string[]): PackageVersion {
  const licenses = v.license !== undefined ? [{ name: v.license }] : (v.licenses ?? []).map((l) => (typeof l === 'string' ? { name: l } : l));
  const version: PackageVersion = {
    version: v.version,
    status: v.status ?? 'Published',
    publishedTime: seconds(v.publishedTime, fallbackTime),
    revision: revisionFor(...revisionKey, v.version),
    summary: v.summary,
    homePage: v.homePage,
    sourceCodeRepository: v.sourceCodeRepository,
    licenses,
    dependencies: { ...(v.dependencies ?? {}) },
    readme: v.readme,
    deprecated: v.deprecated,
    ...(v.yanked !== undefined ? { yanked: v.yanked === true ? '' : v.yanked } : {}),
    ...(v.requiresPython !== undefined ? { requiresPython: v.requiresPython } : {}),
    origin,
    assets: new Map(Object.entries(v.assets ?? {}).map(([name, a]) => [name, assetBytes(a)])),
  };
  return version;
}

function originFor(v: SeedVersion, fallback: Origin): Origin {
  if (!v.origin) return fallback;
  return 'repositoryName' in v.origin
    ? { originType: 'INTERNAL', domainEntryPoint: { repositoryName: v.origin.repositoryName } }
    : { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: v.origin.externalConnectionName } };
}

function fillPackage(pkg: Package, body: SeedPackageBody, fallbackOrigin: Origin, now: number, revisionKey: string[]): void {
  if (body.distTags) Object.assign(pkg.distTags, body.distTags);
  if (body.originConfiguration?.publish) pkg.originConfiguration.restrictions.publish = body.originConfiguration.publish;
  if (body.originConfiguration?.upstream) pkg.originConfiguration.restrictions.upstream = body.originConfiguration.upstream;
  // Versions without a publishedTime get distinct times a second apart, in seed order, ending now.
  body.versions.forEach((v, i) => pkg.versions.set(v.version, toVersion(v, originFor(v, fallbackOrigin), now - (body.versions.length - 1 - i), revisionKey)));
}

/**
 * A seeded record gets the origin controls CodeArtifact would have given it: those of how its oldest version
 * entered the repository (published here, or from an upstream or external connection), unless the seed says.
 */
function setFirstEntryRestrictions(pkg: Package, repositoryName: string, explicit: SeedPackageBody['originConfiguration']): void {
  const oldest = [...pkg.versions.values()].reduce<PackageVersion | undefined>((a, v) => (a === undefined || v.publishedTime < a.publishedTime ? v : a), undefined);
  const defaults = restrictionsFor(oldest ? entryOf(oldest.origin, repositoryName) : 'published');
  pkg.originConfiguration = { restrictions: { publish: explicit?.publish ?? defaults.publish, upstream: explicit?.upstream ?? defaults.upstream } };
}

function newPackage(format: Format, namespace: string | undefined, name: string): Package {
  return {
    format,
    namespace,
    name: normalizePackageName(format, name),
    displayName: displayNameFor(format, name),
    distTags: {},
    versions: new Map(),
    originConfiguration: { restrictions: { publish: 'ALLOW', upstream: 'ALLOW' } },
  };
}

/** Puts a validated seed into the store (which is normally empty). */
export function loadSeed(store: Store, seed: Seed): void {
  const now = store.now() / 1000;
  const first = seed.domains[0];
  if (first) store.defaultAccount = first.owner;
  for (const [key, account] of Object.entries(seed.accounts ?? {})) store.accounts.set(key, account);
  if (seed.identities !== undefined) {
    store.iamEnforced = true;
    for (const [key, account] of Object.entries(seed.accounts ?? {})) store.identities.set(key, fullAccessIdentity(key, account));
    for (const [key, i] of Object.entries(seed.identities)) {
      store.accounts.set(key, i.account);
      store.identities.set(key, {
        accessKeyId: key,
        account: i.account,
        arn: i.arn ?? `arn:aws:iam::${i.account}:user/${key}`,
        policies: (i.policies ?? []).map((doc) => parsePolicy(doc, 'identity')),
        ...(i.sessionToken !== undefined ? { sessionToken: i.sessionToken } : {}),
      });
      if (i.expiration !== undefined) store.sessionExpiry.set(key, Date.parse(i.expiration));
    }
  }

  const byName = new Map<string, Domain[]>();
  for (const d of seed.domains) {
    const domain = store.addDomain({ name: d.name, owner: d.owner, region: d.region ?? 'us-east-1', createdTime: seconds(d.createdTime, now), encryptionKey: d.encryptionKey });
    byName.set(d.name, [...(byName.get(d.name) ?? []), domain]);
    const dArn = domainArn(domain);
    if (d.tags) store.tags.set(dArn, new Map(Object.entries(d.tags)));
    if (d.permissionsPolicy) store.policies.set(dArn, { document: d.permissionsPolicy, revision: revisionFor(dArn, d.permissionsPolicy) });
    for (const g of d.packageGroups ?? []) {
      const group = domain.packageGroups.get(g.pattern) ?? newGroup(g.pattern, domain.createdTime);
      if (g.description !== undefined) group.description = g.description;
      if (g.contactInfo !== undefined) group.contactInfo = g.contactInfo;
      Object.assign(group.modes, g.originConfiguration ?? {});
      for (const [type, names] of Object.entries(g.allowedRepositories ?? {})) group.allowed[type as RestrictionType] = [...names];
      domain.packageGroups.set(g.pattern, group);
    }
    for (const r of d.repositories ?? []) {
      const repo = store.addRepository(domain, { name: r.name, description: r.description, upstreams: r.upstreams, externalConnection: r.externalConnection, createdTime: seconds(r.createdTime, now), pypiHtmlOnly: r.pypiHtmlOnly });
      const rArn = repositoryArn(domain, repo);
      if (r.tags) store.tags.set(rArn, new Map(Object.entries(r.tags)));
      if (r.permissionsPolicy) store.policies.set(rArn, { document: r.permissionsPolicy, revision: revisionFor(rArn, r.permissionsPolicy) });
    }
  }

  for (const p of seed.packages ?? []) {
    const domain = (byName.get(p.domain) ?? []).find((d) => p.owner === undefined || d.owner === p.owner);
    const repo = domain?.repositories.get(p.repository);
    if (!domain || !repo) throw new SeedError(`package ${p.name}: repository ${p.domain}/${p.repository} not found`);
    const existing = store.getPackage(repo, p.format, p.namespace, p.name);
    const pkg = existing ?? store.getOrCreatePackage(repo, p.format, p.namespace, p.name, 'published');
    const origin: Origin = { originType: 'INTERNAL', domainEntryPoint: { repositoryName: repo.name } };
    fillPackage(pkg, p, origin, now, [domain.owner, domain.name, repo.name, p.format, p.namespace ?? '', pkg.name]);
    if (!existing) setFirstEntryRestrictions(pkg, repo.name, p.originConfiguration);
  }

  for (const [connection, list] of Object.entries(seed.externalConnections ?? {})) {
    const source = store.getOrCreateExternal(connection);
    for (const body of list) {
      const format = body.format ?? source.format;
      const key = packageKey(format, body.namespace, body.name);
      let pkg = source.packages.get(key);
      if (!pkg) {
        pkg = newPackage(format, body.namespace, body.name);
        source.packages.set(key, pkg);
      }
      const origin: Origin = { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: connection } };
      fillPackage(pkg, body, origin, now, [connection, format, body.namespace ?? '', pkg.name]);
    }
  }

  for (const [connection, dirs] of Object.entries(seed.mavenDirectories ?? {})) {
    store.getOrCreateExternal(connection).mavenDirs.push(...dirs.map(expandHome));
  }
}
