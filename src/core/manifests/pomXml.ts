// pom.xml → dependencies, parent, plugins and repositories, with exact offsets and `${property}` resolution.

import { spanOf, trimSpan, type TextSpan } from './textSpan';
import { child, children, readXmlTree, type XmlElement } from './xmlTree';

export type MavenDependencyKind =
  | 'dependencies'
  | 'dependencyManagement'
  | 'parent'
  | 'plugins'
  | 'pluginManagement'
  | 'pluginDependencies';

/** An element's text: where it is, and its value with `${…}` resolved as far as this pom allows. */
export interface MavenValue {
  /** The element's content, trimmed (e.g. `${spring.version}` or `1.2.3`). */
  readonly span: TextSpan;
  /** Resolved value; placeholders that could not be resolved stay in it as written. */
  readonly value: string;
  /** True when no placeholder is left. */
  readonly resolved: boolean;
}

export interface MavenVersion extends MavenValue {
  /** When the text is exactly `${name}`: the property and where its value is declared (what an update edits). */
  readonly property?: { readonly name: string; readonly span: TextSpan };
  /** True when the dependency has no `<version>` and it came from `<dependencyManagement>` (span points there). */
  readonly managed?: boolean;
}

export interface MavenDependency {
  readonly kind: MavenDependencyKind;
  readonly groupId?: MavenValue;
  readonly artifactId: MavenValue;
  readonly version?: MavenVersion;
  /** `groupId:artifactId`, resolved. */
  readonly packageName: string;
  readonly scope?: string;
  readonly type?: string;
  readonly classifier?: string;
  /** The profile whose section declares it, if any. */
  readonly profile?: string;
  /** The whole `<dependency>` (or `<parent>`, `<plugin>`) element. */
  readonly element: TextSpan;
}

export interface MavenRepository {
  readonly kind: 'repository' | 'pluginRepository';
  readonly id?: string;
  readonly url: MavenValue;
  readonly profile?: string;
}

export interface PomManifest {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly dependencies: readonly MavenDependency[];
  readonly repositories: readonly MavenRepository[];
  /** The resolved `<properties>`, for consumers that need one (e.g. a hover on a property). */
  readonly properties: ReadonlyMap<string, string>;
  /** XML errors saxes reported and recovered from. */
  readonly xmlErrors: number;
}

const EMPTY: PomManifest = { dependencies: [], repositories: [], properties: new Map(), xmlErrors: 0 };

/** Never throws: a broken pom yields what could be read, or nothing. */
export function parsePomXml(source: string): PomManifest {
  try {
    const { root, errors } = readXmlTree(source);
    if (root?.name !== 'project') return { ...EMPTY, xmlErrors: errors };
    return extract(source, root, errors);
  } catch {
    return EMPTY;
  }
}

function contentSpan(source: string, element: XmlElement): TextSpan {
  return trimSpan(source, element.contentStart, element.contentEnd);
}

/**
 * The element's value: its text as written unless it holds markup (entities, CDATA, comments), where the
 * decoded text is the truth. Reading the raw text keeps value and span consistent in broken documents too.
 */
function elementValue(span: TextSpan, element: XmlElement): string {
  return /[<&]/.test(span.text) ? element.text.trim() : span.text;
}

interface Declared {
  readonly raw: string;
  readonly span: TextSpan;
}

const MAX_RESOLVED_LENGTH = 4096;
const PLACEHOLDER = /\$\{([^}]*)\}/g;
const WHOLE_PLACEHOLDER = /^\$\{([^}]+)\}$/;

class Properties {
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly declared: ReadonlyMap<string, Declared>) {}

  declaration(name: string): TextSpan | undefined {
    return this.declared.get(name)?.span;
  }

  /** Resolves `${…}` recursively; cycles, unknown names and runaway growth leave the placeholder in place. */
  resolve(text: string): { value: string; resolved: boolean } {
    let resolved = true;
    const value = this.expand(text, new Set(), () => {
      resolved = false;
    });
    return { value, resolved };
  }

  private expand(text: string, active: Set<string>, onMissing: () => void): string {
    const out = text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = this.lookup(name, active, onMissing);
      if (value === undefined) {
        onMissing();
        return whole;
      }
      return value;
    });
    if (out.length > MAX_RESOLVED_LENGTH) {
      onMissing();
      return text;
    }
    return out;
  }

  private lookup(name: string, active: Set<string>, onMissing: () => void): string | undefined {
    if (this.cache.has(name)) return this.cache.get(name);
    const declared = this.declared.get(name);
    if (!declared || active.has(name)) return undefined;
    active.add(name);
    let complete = true;
    const value = this.expand(declared.raw, active, () => {
      complete = false;
    });
    active.delete(name);
    if (!complete) {
      onMissing();
      return undefined;
    }
    this.cache.set(name, value);
    return value;
  }
}

function extract(source: string, project: XmlElement, xmlErrors: number): PomManifest {
  const declared = new Map<string, Declared>();
  const declare = (name: string, element: XmlElement | undefined): void => {
    if (!element) return;
    const span = contentSpan(source, element);
    declared.set(name, { raw: elementValue(span, element), span });
  };
  const parent = child(project, 'parent');
  // Built-in model properties: the project's own coordinates fall back to the parent's, as Maven does.
  for (const field of ['groupId', 'artifactId', 'version'] as const) {
    declare(`project.parent.${field}`, child(parent, field));
    const own = child(project, field) ?? (field === 'artifactId' ? undefined : child(parent, field));
    declare(`project.${field}`, own);
    declare(`pom.${field}`, own);
    if (field === 'version') declare('version', own);
  }
  for (const property of child(project, 'properties')?.children ?? []) declare(property.name, property);
  const properties = new Properties(declared);

  const value = (element: XmlElement | undefined): MavenValue | undefined => {
    if (!element) return undefined;
    const span = contentSpan(source, element);
    return { span, ...properties.resolve(elementValue(span, element)) };
  };
  const version = (element: XmlElement | undefined): MavenVersion | undefined => {
    const base = value(element);
    if (!base) return undefined;
    const whole = WHOLE_PLACEHOLDER.exec(base.span.text);
    const propertySpan = whole?.[1] ? properties.declaration(whole[1]) : undefined;
    return propertySpan && whole?.[1] ? { ...base, property: { name: whole[1], span: propertySpan } } : base;
  };
  const plain = (element: XmlElement | undefined): string | undefined =>
    element ? properties.resolve(elementValue(contentSpan(source, element), element)).value : undefined;

  const dependencies: MavenDependency[] = [];
  const describe = (
    element: XmlElement,
    kind: MavenDependencyKind,
    profile: string | undefined,
    defaultGroup?: string,
  ): MavenDependency | undefined => {
    const artifactId = value(child(element, 'artifactId'));
    if (!artifactId || artifactId.value === '') return undefined;
    const groupId = value(child(element, 'groupId'));
    const v = version(child(element, 'version'));
    const scope = plain(child(element, 'scope'));
    const type = plain(child(element, 'type'));
    const classifier = plain(child(element, 'classifier'));
    return {
      kind,
      ...(groupId ? { groupId } : {}),
      artifactId,
      ...(v ? { version: v } : {}),
      packageName: `${groupId?.value ?? defaultGroup ?? ''}:${artifactId.value}`,
      ...(scope !== undefined ? { scope } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(classifier !== undefined ? { classifier } : {}),
      ...(profile !== undefined ? { profile } : {}),
      element: spanOf(source, element.start, element.end),
    };
  };
  const push = (dep: MavenDependency | undefined): void => {
    if (dep) dependencies.push(dep);
  };

  if (parent) push(describe(parent, 'parent', undefined));

  const repositories: MavenRepository[] = [];
  const sections: { element: XmlElement; profile?: string }[] = [{ element: project }];
  for (const profile of children(child(project, 'profiles'), 'profile')) {
    const id = plain(child(profile, 'id'));
    sections.push({ element: profile, ...(id !== undefined ? { profile: id } : {}) });
  }
  for (const { element: section, profile } of sections) {
    for (const dep of children(child(child(section, 'dependencyManagement'), 'dependencies'), 'dependency')) {
      push(describe(dep, 'dependencyManagement', profile));
    }
    for (const dep of children(child(section, 'dependencies'), 'dependency')) push(describe(dep, 'dependencies', profile));
    const build = child(section, 'build');
    const pluginSets: [XmlElement | undefined, MavenDependencyKind][] = [
      [child(build, 'plugins'), 'plugins'],
      [child(child(build, 'pluginManagement'), 'plugins'), 'pluginManagement'],
    ];
    for (const [plugins, kind] of pluginSets) {
      for (const plugin of children(plugins, 'plugin')) {
        push(describe(plugin, kind, profile, 'org.apache.maven.plugins'));
        for (const dep of children(child(plugin, 'dependencies'), 'dependency')) {
          push(describe(dep, 'pluginDependencies', profile));
        }
      }
    }
    const repoSets: [string, string, MavenRepository['kind']][] = [
      ['repositories', 'repository', 'repository'],
      ['pluginRepositories', 'pluginRepository', 'pluginRepository'],
    ];
    for (const [listName, itemName, kind] of repoSets) {
      for (const repo of children(child(section, listName), itemName)) {
        const url = value(child(repo, 'url'));
        if (!url) continue;
        const id = plain(child(repo, 'id'));
        repositories.push({ kind, ...(id !== undefined ? { id } : {}), url, ...(profile !== undefined ? { profile } : {}) });
      }
    }
  }

  const withManaged = fillManagedVersions(dependencies);
  const resolvedProperties = new Map<string, string>();
  for (const name of declared.keys()) {
    const resolved = properties.resolve(`\${${name}}`);
    if (resolved.resolved) resolvedProperties.set(name, resolved.value);
  }
  const own = (field: string): string | undefined => resolvedProperties.get(`project.${field}`);
  return {
    ...(own('groupId') !== undefined ? { groupId: own('groupId') } : {}),
    ...(own('artifactId') !== undefined ? { artifactId: own('artifactId') } : {}),
    ...(own('version') !== undefined ? { version: own('version') } : {}),
    dependencies: withManaged,
    repositories,
    properties: resolvedProperties,
    xmlErrors,
  };
}

/** A dependency without `<version>` takes it from this pom's `<dependencyManagement>`, when that has it. */
function fillManagedVersions(dependencies: MavenDependency[]): MavenDependency[] {
  const managed = new Map<string, MavenVersion>();
  for (const dep of dependencies) {
    if (dep.kind === 'dependencyManagement' && dep.version) managed.set(dep.packageName, dep.version);
  }
  return dependencies.map((dep) => {
    if (dep.version || (dep.kind !== 'dependencies' && dep.kind !== 'pluginDependencies')) return dep;
    const version = managed.get(dep.packageName);
    return version ? { ...dep, version: { ...version, managed: true } } : dep;
  });
}
