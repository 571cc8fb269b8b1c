// Where a pom dependency's version comes from, or why it cannot be known, said instead of a silent "up to date":
// first from the pom alone (pomVersionNote), then refined with its parents, active profiles and imported BOMs
// (withEffectiveVersions, through core/manifests/mavenModel.ts). Pure apart from the injected file reads.
import type { EffectiveModel } from '../core/manifests/mavenModel';
import type { MavenDependency } from '../core/manifests/pomXml';
import type { ManifestContents, ManifestDependency } from './manifestDependencies';

type Note = NonNullable<ManifestDependency['versionNote']>;

/** What the pom alone says about a dependency whose version it does not write out; undefined for a literal version. */
export function pomVersionNote(d: MavenDependency): Note | undefined {
  const v = d.version;
  if (d.kind === 'plugins' || d.kind === 'pluginManagement') {
    return v ? undefined : { unknown: 'no <version>: Maven takes the version of its default lifecycle bindings or super POM' };
  }
  if (!v) {
    if (d.kind !== 'dependencies' && d.kind !== 'pluginDependencies') return undefined;
    return { unknown: 'no <version> here: a parent pom or an imported BOM manages it' };
  }
  if (!v.resolved) {
    const missing = /\$\{([^}]*)\}/.exec(v.value)?.[1] ?? '';
    return { unknown: `\${${missing}} is not defined in this pom (a parent or a profile may define it)` };
  }
  if (v.managed) return { origin: `dependencyManagement of this pom${v.property ? `, property ${v.property.name}` : ''}` };
  if (v.property) return { origin: `property ${v.property.name}` };
  return undefined;
}

/**
 * The pom's dependencies with what the effective model knows: the version Maven would use and where it is declared.
 * Only dependencies whose version the pom does not write literally change.
 */
export function withEffectiveVersions(contents: ManifestContents, model: EffectiveModel): ManifestContents {
  const dependencies = contents.dependencies.map((dep): ManifestDependency => {
    if (!dep.versionNote || dep.mavenKey === undefined) return dep;
    const effective = model.dependencies.get(dep.mavenKey);
    if (!effective) return dep;
    const { versionNote: _old, pinned: _pinned, ...rest } = dep;
    if (effective.unknown !== undefined || effective.version === undefined) {
      return { ...rest, range: '', versionNote: { unknown: effective.unknown ?? 'no version' } };
    }
    const version = effective.version;
    const isRange = /[[\]()]/.test(version);
    return {
      ...rest,
      range: version,
      ...(isRange ? {} : { pinned: version }),
      versionNote: { origin: effective.origin ?? dep.versionNote.origin ?? 'this pom' },
    };
  });
  return { ...contents, dependencies };
}
