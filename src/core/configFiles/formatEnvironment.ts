// The per-format variables "Copy Environment Export" adds for CI, where no user file holds the token: Cargo's
// CARGO_REGISTRIES_<NAME>_INDEX / _TOKEN (cargo's config-to-environment rule: upper case, '-' → '_'; CodeArtifact
// takes `Bearer <token>`) and _CREDENTIAL_PROVIDER = cargo:token (cargo ≥ 1.74 refuses an authenticated registry
// with no provider configured, even with the token variable set), Bundler's BUNDLE_<HOST> = `aws:<token>` (Bundler::Settings.key_for: '.' → '__',
// '-' → '___') and NuGet's NuGetPackageSourceCredentials_<source>. Names follow what Configure wrote, so the
// variables match the project files (.cargo/config.toml's registry, the Gemfile's source, nuget.config's key).
import { cargoIndexUrl, cargoRegistryName, cargoTokenValue, cargoTokenVariable } from './cargoConfig';
import { checkToken } from './endpoint';
import { nugetCredentialsEnvironment } from './nugetConfig';
import { bundlerHostKey } from './rubyConfig';

export interface ConfiguredRepository {
  readonly format: 'cargo' | 'ruby' | 'nuget';
  readonly domain: string;
  readonly repository: string;
  readonly endpoint: string;
  /** The registry name Configure Cargo wrote, when it was not the default one. */
  readonly cargoName?: string;
}

/** Cargo's variable for `registries.<name>.index`. */
export function cargoIndexVariable(name: string): string {
  return cargoTokenVariable(name).replace(/_TOKEN$/, '_INDEX');
}

/** Cargo's variable for `registries.<name>.credential-provider`. */
export function cargoCredentialProviderVariable(name: string): string {
  return cargoTokenVariable(name).replace(/_TOKEN$/, '_CREDENTIAL_PROVIDER');
}

export function formatEnvironment(repositories: readonly ConfiguredRepository[], token: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const r of repositories) {
    switch (r.format) {
      case 'cargo': {
        const name = r.cargoName ?? cargoRegistryName(r.domain, r.repository);
        env[cargoIndexVariable(name)] = cargoIndexUrl(r.endpoint);
        env[cargoCredentialProviderVariable(name)] = 'cargo:token';
        env[cargoTokenVariable(name)] = cargoTokenValue(token);
        break;
      }
      case 'ruby':
        env[bundlerHostKey(r.endpoint)] = `aws:${checkToken(token)}`;
        break;
      case 'nuget':
        Object.assign(env, nugetCredentialsEnvironment(r.domain, r.repository, token));
        break;
    }
  }
  return env;
}
