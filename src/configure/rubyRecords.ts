// The RubyGems part of the configure journey: the Gemfile's source in the project, Bundler's credentials,
// gem push's API key and gem install's source (~/.gemrc) in the user's files (writers in core/configFiles/rubyConfig
// and gemrc).
import * as path from 'node:path';
import type { AppliedConfiguration } from './configurator';
import type { EditResult } from '../core/configFiles/managedBlock';
import { applyGemrcSource, gemrcPath, removeGemrcSource } from '../core/configFiles/gemrc';
import {
  applyBundlerCredentials,
  applyGemCredentials,
  applyGemfileSource,
  bundlerConfigPath,
  gemCredentialsPath,
  removeBundlerCredentials,
  removeGemCredentials,
  removeGemfileSource,
} from '../core/configFiles/rubyConfig';
import type { UserContext } from '../core/configFiles/userPaths';

export type RubyConfigKind = 'rubyGemfile' | 'rubyBundler' | 'rubyGemCredentials' | 'rubyGemrc';

type Base = Pick<AppliedConfiguration, 'domain' | 'owner' | 'repository' | 'endpoint' | 'appliedAt'>;

export function rubyRecords(base: Base, options: { workspaceFolder: string; user: UserContext }): Omit<AppliedConfiguration, 'createdFile'>[] {
  return [
    { ...base, kind: 'rubyBundler', file: bundlerConfigPath(options.user), holdsToken: true },
    { ...base, kind: 'rubyGemCredentials', file: gemCredentialsPath(options.user), holdsToken: true },
    { ...base, kind: 'rubyGemrc', file: gemrcPath(options.user), holdsToken: true },
    { ...base, kind: 'rubyGemfile', file: path.join(options.workspaceFolder, 'Gemfile'), holdsToken: false },
  ];
}

export function applyRubyRecord(existing: string | undefined, r: AppliedConfiguration, token: string): EditResult {
  switch (r.kind) {
    case 'rubyBundler':
      return applyBundlerCredentials(existing, { endpoint: r.endpoint, token });
    case 'rubyGemCredentials':
      return applyGemCredentials(existing, { endpoint: r.endpoint, token });
    case 'rubyGemrc':
      return applyGemrcSource(existing, { endpoint: r.endpoint, token });
    default:
      return applyGemfileSource(existing, { endpoint: r.endpoint });
  }
}

export function removeRubyRecord(text: string, r: AppliedConfiguration): string {
  switch (r.kind) {
    case 'rubyBundler':
      return removeBundlerCredentials(text, { endpoint: r.endpoint });
    case 'rubyGemCredentials':
      return removeGemCredentials(text, { endpoint: r.endpoint });
    case 'rubyGemrc':
      return removeGemrcSource(text, { endpoint: r.endpoint });
    default:
      return removeGemfileSource(text);
  }
}
