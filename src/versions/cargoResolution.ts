// Which CodeArtifact repository serves a Cargo.toml's dependencies, as cargo decides it: the `.cargo/config.toml`
// (or `.cargo/config`) files of the manifest's folder and every folder above it, nearest first, then
// $CARGO_HOME/config.toml; `CARGO_REGISTRIES_<NAME>_INDEX` overrides. A dependency with `registry = "NAME"` uses
// `[registries.NAME] index`; one without uses crates.io, which counts only when `[source.crates-io] replace-with`
// points at a CodeArtifact registry (or, not replaced, when the defaultRepository setting names one). Anything
// else is left alone. No vscode here.
import * as path from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { isRecord } from '../core/jsonValues';
import { parseRegistryUrl } from '../core/registryUrls';
import type { ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget, ResolverIo } from './repositoryResolver';

interface CargoConfig {
  readonly file: string;
  /** The user's own file (CARGO_HOME), not one of the folder's. */
  readonly user: boolean;
  readonly value: Record<string, unknown>;
}

function table(x: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(x)) return undefined;
  const v = x[key];
  return isRecord(v) ? v : undefined;
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

async function readConfigs(manifestPath: string, io: ResolverIo): Promise<CargoConfig[]> {
  const env = io.user.env;
  const cargoHome = env.CARGO_HOME ? path.resolve(io.user.home, env.CARGO_HOME) : path.join(io.user.home, '.cargo');
  const homeFiles = new Set([path.join(cargoHome, 'config'), path.join(cargoHome, 'config.toml')]);
  const out: CargoConfig[] = [];
  const read = async (dir: string, user: boolean): Promise<void> => {
    // cargo takes the file without extension when both exist.
    for (const name of ['config', 'config.toml']) {
      const file = path.join(dir, name);
      if (!user && homeFiles.has(file)) return;
      const text = await io.readFile(file);
      if (text === undefined) continue;
      try {
        const value = getStaticTOMLValue(parseTOML(text));
        if (isRecord(value)) out.push({ file, user, value });
      } catch {
        // cargo itself would stop on a broken config file; so do we for this one.
        out.push({ file, user, value: { broken: true } });
      }
      return;
    }
  };
  let dir = path.dirname(manifestPath);
  for (;;) {
    await read(path.join(dir, '.cargo'), false);
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  await read(cargoHome, true);
  return out;
}

/** The index URL a registry name has in effect, and which file said so (undefined: the environment). */
function registryIndex(configs: readonly CargoConfig[], env: ResolverIo['user']['env'], name: string): { url: string; config?: CargoConfig } | undefined {
  const fromEnv = env[`CARGO_REGISTRIES_${name.toUpperCase().replace(/-/g, '_')}_INDEX`];
  if (fromEnv) return { url: fromEnv };
  for (const config of configs) {
    const url = str(table(table(config.value, 'registries'), name)?.index) ?? str(table(table(config.value, 'source'), name)?.registry);
    if (url !== undefined) return { url, config };
  }
  return undefined;
}

/** The repository each dependency comes from; undefined leaves it alone. */
export async function cargoResolverFor(
  manifestPath: string,
  io: ResolverIo,
  fallback: () => RepositoryTarget | undefined = () => undefined,
): Promise<(dep: ManifestDependency) => RepositoryTarget | undefined> {
  const configs = await readConfigs(manifestPath, io);
  if (configs.some((c) => c.value.broken === true)) return () => undefined;
  const target = (name: string, how: string): RepositoryTarget | undefined => {
    const index = registryIndex(configs, io.user.env, name);
    if (!index || !index.url.startsWith('sparse+')) return undefined;
    const parsed = parseRegistryUrl(index.url.slice('sparse+'.length));
    if (!parsed || parsed.format !== 'cargo') return undefined;
    const fromWorkspace = index.config !== undefined && !index.config.user;
    return {
      domain: parsed.domain,
      owner: parsed.owner,
      repository: parsed.repository,
      format: 'cargo',
      source: `${how} in ${index.config ? path.basename(path.dirname(index.config.file)) + '/' + path.basename(index.config.file) : 'the environment'}`,
      ...(fromWorkspace && index.config ? { fromWorkspace: true, file: index.config.file } : {}),
    };
  };
  let replacement: string | undefined;
  for (const c of configs) {
    replacement = str(table(table(c.value, 'source'), 'crates-io')?.['replace-with']);
    if (replacement !== undefined) break;
  }
  // crates.io itself (not replaced): like npm's default registry, the codeartifact.defaultRepository setting applies.
  const cratesIo = replacement !== undefined ? target(replacement, `crates.io replaced by ${replacement}`) : fallback();
  const named = new Map<string, RepositoryTarget | undefined>();
  return (dep) => {
    if (dep.cargoRegistry === undefined || dep.cargoRegistry === null) return cratesIo;
    const name = dep.cargoRegistry;
    if (!named.has(name)) named.set(name, target(name, `registry ${name}`));
    return named.get(name);
  };
}
