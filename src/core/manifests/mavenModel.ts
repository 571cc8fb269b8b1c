// The version Maven would use for each dependency of a pom, and where it comes from: the pom itself, a property
// (of this pom, a parent or an active profile), the <dependencyManagement> of this pom or a parent, or an imported
// BOM — or why it cannot be known here (a parent or BOM that is neither on disk nor in the local repository, an
// undefined property). Follows maven-model-builder's DefaultModelBuilder (Maven 3.8): parents by <relativePath>
// then the local repository, profile activation (activeByDefault, JDK, OS, property, file), inheritance,
// interpolation, BOM import, management injection. test/differential/maven checks it against the real builder.
// No vscode, no network: files come through `io`.

import * as path from 'node:path';
import { child, children, readXmlTree, type XmlElement } from './xmlTree';
import { activeProfiles, type ActivationContext, type RawProfile } from './mavenProfiles';

export interface ModelIo {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(file: string): Promise<string | undefined>;
  exists(file: string): Promise<boolean>;
}

export interface ModelContext extends ActivationContext {
  /** ~/.m2/repository (or settings' localRepository): where parents and BOMs not on disk are looked for. */
  readonly localRepository?: string;
}

export interface RawDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version?: string;
  readonly type?: string;
  readonly classifier?: string;
  readonly scope?: string;
}

interface RawModel {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly parent?: { groupId: string; artifactId: string; version: string; relativePath?: string };
  readonly properties: Map<string, string>;
  readonly dependencies: RawDependency[];
  readonly managed: RawDependency[];
  readonly profiles: RawProfile[];
}

/** Where a value came from, for people: `this pom`, `parent pom ../pom.xml`, `BOM g:a:v`. */
type Origin = string;

interface Located<T> {
  readonly value: T;
  readonly origin: Origin;
}

export interface ResolvedVersion {
  /** The effective version, placeholders Maven could not resolve left as written (as Maven leaves them). */
  readonly version?: string;
  /** Where the version is declared, when not in the dependency itself: `dependencyManagement of parent pom …`. */
  readonly origin?: string;
  /** Why the version cannot be known here; then `version` is not what Maven would use. */
  readonly unknown?: string;
}

export interface EffectiveModel {
  /** By Maven's management key (`groupId:artifactId`, plus `:type[:classifier]` when not a plain jar). */
  readonly dependencies: ReadonlyMap<string, ResolvedVersion>;
  readonly managed: ReadonlyMap<string, ResolvedVersion>;
  /** Parents and BOMs that could not be found. */
  readonly problems: readonly string[];
}

const MAX_DEPTH = 16;

export function dependencyKey(d: Pick<RawDependency, 'groupId' | 'artifactId' | 'type' | 'classifier'>): string {
  const type = d.type ?? 'jar';
  const plain = type === 'jar' && d.classifier === undefined;
  return plain ? `${d.groupId}:${d.artifactId}` : `${d.groupId}:${d.artifactId}:${type}${d.classifier !== undefined ? `:${d.classifier}` : ''}`;
}

const text = (e: XmlElement | undefined): string | undefined => (e ? e.text.trim() : undefined);

function readDependencies(list: XmlElement | undefined): RawDependency[] {
  const out: RawDependency[] = [];
  for (const d of children(list, 'dependency')) {
    const groupId = text(child(d, 'groupId'));
    const artifactId = text(child(d, 'artifactId'));
    if (groupId === undefined || artifactId === undefined) continue;
    const version = text(child(d, 'version'));
    const type = text(child(d, 'type'));
    const classifier = text(child(d, 'classifier'));
    const scope = text(child(d, 'scope'));
    out.push({
      groupId,
      artifactId,
      ...(version !== undefined ? { version } : {}),
      ...(type !== undefined && type !== '' ? { type } : {}),
      ...(classifier !== undefined && classifier !== '' ? { classifier } : {}),
      ...(scope !== undefined ? { scope } : {}),
    });
  }
  return out;
}

function readProperties(e: XmlElement | undefined): Map<string, string> {
  const props = new Map<string, string>();
  for (const p of e?.children ?? []) props.set(p.name, p.text.trim());
  return props;
}

export function readRawModel(source: string): RawModel | undefined {
  const { root } = readXmlTree(source);
  if (root?.name !== 'project') return undefined;
  const parentEl = child(root, 'parent');
  const pg = text(child(parentEl, 'groupId'));
  const pa = text(child(parentEl, 'artifactId'));
  const pv = text(child(parentEl, 'version'));
  const relativePath = child(parentEl, 'relativePath');
  const profiles: RawProfile[] = children(child(root, 'profiles'), 'profile').map((p) => ({
    id: text(child(p, 'id')) ?? 'default',
    activation: child(p, 'activation'),
    properties: readProperties(child(p, 'properties')),
    dependencies: readDependencies(child(p, 'dependencies')),
    managed: readDependencies(child(child(p, 'dependencyManagement'), 'dependencies')),
  }));
  const groupId = text(child(root, 'groupId'));
  const artifactId = text(child(root, 'artifactId'));
  const version = text(child(root, 'version'));
  return {
    ...(groupId !== undefined ? { groupId } : {}),
    ...(artifactId !== undefined ? { artifactId } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(pg !== undefined && pa !== undefined && pv !== undefined
      ? { parent: { groupId: pg, artifactId: pa, version: pv, ...(relativePath ? { relativePath: relativePath.text.trim() } : {}) } }
      : {}),
    properties: readProperties(child(root, 'properties')),
    dependencies: readDependencies(child(root, 'dependencies')),
    managed: readDependencies(child(child(root, 'dependencyManagement'), 'dependencies')),
    profiles,
  };
}

function repositoryPom(repo: string, g: string, a: string, v: string): string {
  return path.join(repo, ...g.split('.'), a, v, `${a}-${v}.pom`);
}

interface Lineage {
  readonly models: { raw: RawModel; origin: Origin; dir?: string }[];
  readonly problems: string[];
}

/** The pom and its parents, child first: each parent by <relativePath> when that pom matches, else from the repository. */
async function lineageOf(pomPath: string | undefined, raw: RawModel, origin: Origin, io: ModelIo, ctx: ModelContext): Promise<Lineage> {
  const models: Lineage['models'] = [{ raw, origin, ...(pomPath ? { dir: path.dirname(pomPath) } : {}) }];
  const problems: string[] = [];
  let current = models[0]!;
  let file = pomPath;
  while (current.raw.parent && models.length < MAX_DEPTH) {
    const p = current.raw.parent;
    const coords = `${p.groupId}:${p.artifactId}:${p.version}`;
    let next: Lineage['models'][number] | undefined;
    // Only a pom read from disk looks for its parent on disk (as Maven: poms from a repository use the repository).
    if (file && p.relativePath !== '') {
      let candidate = path.resolve(path.dirname(file), p.relativePath ?? '../pom.xml');
      if (!candidate.endsWith('.xml')) candidate = path.join(candidate, 'pom.xml');
      const source = await io.readFile(candidate);
      const parsed = source !== undefined ? readRawModel(source) : undefined;
      const version = parsed?.version ?? parsed?.parent?.version;
      const group = parsed?.groupId ?? parsed?.parent?.groupId;
      if (parsed && group === p.groupId && parsed.artifactId === p.artifactId && version === p.version) {
        next = { raw: parsed, origin: `parent pom ${path.relative(path.dirname(pomPath ?? candidate), candidate) || candidate}`, dir: path.dirname(candidate) };
        file = candidate;
      }
    }
    if (!next && ctx.localRepository) {
      const source = await io.readFile(repositoryPom(ctx.localRepository, p.groupId, p.artifactId, p.version));
      const parsed = source !== undefined ? readRawModel(source) : undefined;
      if (parsed) {
        next = { raw: parsed, origin: `parent ${coords}` };
        file = undefined;
      }
    }
    if (!next) {
      problems.push(`parent ${coords} is neither at its relativePath nor in the local repository`);
      break;
    }
    if (models.some((m) => m.raw === next.raw)) break;
    models.push(next);
    current = next;
  }
  return { models, problems };
}

/** Merges by key; entries already present (from the child) win. */
function mergeInto(target: Map<string, Located<RawDependency>>, deps: readonly RawDependency[], origin: Origin): void {
  for (const d of deps) {
    const key = dependencyKey(d);
    if (!target.has(key)) target.set(key, { value: d, origin });
  }
}

/** Builds the effective model of a pom (its text, and its path when on disk). */
export async function effectiveModel(pomPath: string | undefined, source: string, io: ModelIo, ctx: ModelContext, depth = 0): Promise<EffectiveModel> {
  const raw = readRawModel(source);
  if (!raw) return { dependencies: new Map(), managed: new Map(), problems: ['not a pom'] };
  const { models, problems } = await lineageOf(pomPath, raw, 'this pom', io, ctx);
  // Child first: the first declaration of a property or a dependency wins.
  const properties = new Map<string, Located<string>>();
  const dependencies = new Map<string, Located<RawDependency>>();
  const managed = new Map<string, Located<RawDependency>>();
  for (const m of models) {
    // Later profiles override earlier ones, and everything here is "first declaration wins".
    const active = (await activeProfiles(m.raw.profiles, m.dir, ctx, io)).reverse();
    // A profile's content is merged into its own pom before inheritance, over that pom's own declarations.
    for (const p of active) for (const [k, v] of p.properties) if (!properties.has(k)) properties.set(k, { value: v, origin: `profile ${p.id} of ${m.origin}` });
    for (const [k, v] of m.raw.properties) if (!properties.has(k)) properties.set(k, { value: v, origin: m.origin });
    for (const p of active) mergeInto(dependencies, p.dependencies, `profile ${p.id} of ${m.origin}`);
    mergeInto(dependencies, m.raw.dependencies, m.origin);
    for (const p of active) mergeInto(managed, p.managed, `profile ${p.id} of ${m.origin}`);
    mergeInto(managed, m.raw.managed, m.origin);
  }
  const lineageProblem = problems.length > 0 ? problems[0] : undefined;
  const project = (field: 'groupId' | 'artifactId' | 'version'): string | undefined => {
    if (field === 'artifactId') return raw.artifactId;
    return raw[field] ?? raw.parent?.[field];
  };
  const builtIn = new Map<string, string>();
  for (const field of ['groupId', 'artifactId', 'version'] as const) {
    const v = project(field);
    if (v !== undefined) {
      builtIn.set(`project.${field}`, v);
      builtIn.set(`pom.${field}`, v);
    }
    const pv = raw.parent?.[field];
    if (pv !== undefined) builtIn.set(`project.parent.${field}`, pv);
  }
  if (pomPath) {
    builtIn.set('project.basedir', path.dirname(pomPath));
    builtIn.set('basedir', path.dirname(pomPath));
  }
  const interpolate = (value: string): { value: string; missing?: string } => {
    let missing: string | undefined;
    const expand = (t: string, active: ReadonlySet<string>): string =>
      t.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
        const found = lookup(name);
        if (found === undefined || active.has(name)) {
          missing ??= name;
          return whole;
        }
        return expand(found, new Set([...active, name]));
      });
    const lookup = (name: string): string | undefined => {
      const model = builtIn.get(name);
      if (model !== undefined) return model;
      if (ctx.userProperties?.[name] !== undefined) return ctx.userProperties[name];
      const own = properties.get(name);
      if (own !== undefined) return own.value;
      if (name.startsWith('env.')) return ctx.env?.[name.slice(4)];
      return ctx.systemProperties?.[name];
    };
    const out = expand(value, new Set());
    return missing !== undefined ? { value: out, missing } : { value: out };
  };
  const propertyOrigin = (written: string): string | undefined => {
    const whole = /^\$\{([^}]+)\}$/.exec(written);
    const p = whole?.[1] !== undefined ? properties.get(whole[1]) : undefined;
    return p ? `property ${whole![1]} in ${p.origin}` : undefined;
  };
  const unknownWhy = (missing: string): string =>
    `\${${missing}} is not defined${lineageProblem ? ` here (${lineageProblem})` : ' in this pom, its parents or active profiles'}`;

  // Management after interpolation; then each imported BOM adds what is not managed yet.
  const managedOut = new Map<string, ResolvedVersion & { scope?: string }>();
  const imports: RawDependency[] = [];
  for (const [, { value: d, origin }] of managed) {
    const key = dependencyKey({ groupId: interpolate(d.groupId).value, artifactId: interpolate(d.artifactId).value, ...(d.type ? { type: d.type } : {}), ...(d.classifier ? { classifier: d.classifier } : {}) });
    const version = d.version !== undefined ? interpolate(d.version) : undefined;
    if (d.scope === 'import' && d.type === 'pom') {
      imports.push({ ...d, groupId: interpolate(d.groupId).value, artifactId: interpolate(d.artifactId).value, ...(version ? { version: version.value } : {}) });
      continue;
    }
    const where = [propertyOrigin(d.version ?? ''), `dependencyManagement of ${origin}`].filter((s) => s !== undefined).join(', ');
    managedOut.set(key, {
      ...(version ? { version: version.value } : {}),
      origin: where,
      ...(version?.missing !== undefined ? { unknown: unknownWhy(version.missing) } : {}),
    });
  }
  const bomProblems: string[] = [];
  for (const bom of imports) {
    const coords = `${bom.groupId}:${bom.artifactId}:${bom.version ?? '?'}`;
    const file = ctx.localRepository && bom.version ? repositoryPom(ctx.localRepository, bom.groupId, bom.artifactId, bom.version) : undefined;
    const text = file && depth < MAX_DEPTH ? await io.readFile(file) : undefined;
    if (text === undefined) {
      bomProblems.push(`BOM ${coords} is not in the local repository`);
      continue;
    }
    const imported = await effectiveModel(undefined, text, io, ctx, depth + 1);
    for (const [key, v] of imported.managed) {
      if (!managedOut.has(key)) managedOut.set(key, { ...v, origin: `BOM ${coords}` });
    }
  }

  const depsOut = new Map<string, ResolvedVersion>();
  for (const [, { value: d, origin }] of dependencies) {
    const key = dependencyKey({ groupId: interpolate(d.groupId).value, artifactId: interpolate(d.artifactId).value, ...(d.type ? { type: d.type } : {}), ...(d.classifier ? { classifier: d.classifier } : {}) });
    if (d.version !== undefined) {
      const v = interpolate(d.version);
      const fromProperty = propertyOrigin(d.version);
      const inherited = origin !== 'this pom' ? `dependency declared in ${origin}` : undefined;
      const where = [fromProperty, inherited].filter((s) => s !== undefined).join(', ');
      depsOut.set(key, { version: v.value, ...(where ? { origin: where } : {}), ...(v.missing !== undefined ? { unknown: unknownWhy(v.missing) } : {}) });
      continue;
    }
    const m = managedOut.get(key);
    if (m?.version !== undefined) {
      depsOut.set(key, { version: m.version, ...(m.origin ? { origin: m.origin } : {}), ...(m.unknown ? { unknown: m.unknown } : {}) });
    } else {
      const why = bomProblems[0] ?? lineageProblem;
      depsOut.set(key, { unknown: why ? `no <version>, and ${why}` : 'no <version>, and no dependencyManagement manages it' });
    }
  }
  return { dependencies: depsOut, managed: managedOut, problems: [...problems, ...bomProblems] };
}
