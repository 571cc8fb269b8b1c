// The Cargo part of the configure journey: which files a Cargo configuration touches and how each record is
// applied and undone (the writers are in core/configFiles/cargoConfig).
import * as path from 'node:path';
import type { AppliedConfiguration } from './configurator';
import { applyCargoCredentials, applyCargoRegistry, cargoCredentialsPath, cargoRegistryName, removeCargoCredentials, removeCargoRegistry } from '../core/configFiles/cargoConfig';
import { ConfigEditError, type EditResult } from '../core/configFiles/managedBlock';
import type { UserContext } from '../core/configFiles/userPaths';

export type CargoConfigKind = 'cargoRegistry' | 'cargoCredentials';

type Base = Pick<AppliedConfiguration, 'domain' | 'owner' | 'repository' | 'endpoint' | 'appliedAt'>;

/** The two edits of "Configure Cargo": the registry in the project, the token in the user's credentials.toml. */
export function cargoRecords(base: Base, options: { workspaceFolder: string; replaceCratesIo: boolean; name?: string; user: UserContext }): Omit<AppliedConfiguration, 'createdFile'>[] {
  const cargoName = options.name?.trim() ? options.name.trim() : cargoRegistryName(base.domain, base.repository);
  return [
    { ...base, kind: 'cargoCredentials', file: cargoCredentialsPath(options.user), holdsToken: true, cargoName },
    { ...base, kind: 'cargoRegistry', file: path.join(options.workspaceFolder, '.cargo', 'config.toml'), holdsToken: false, cargoName, replaceCratesIo: options.replaceCratesIo },
  ];
}

function nameOf(r: AppliedConfiguration): string {
  if (r.cargoName === undefined) throw new ConfigEditError('This Cargo configuration record has no registry name; configure Cargo again.');
  return r.cargoName;
}

export function applyCargoRecord(existing: string | undefined, r: AppliedConfiguration, token: string): EditResult {
  if (r.kind === 'cargoCredentials') return applyCargoCredentials(existing, { name: nameOf(r), token });
  return applyCargoRegistry(existing, { endpoint: r.endpoint, name: nameOf(r), replaceCratesIo: r.replaceCratesIo === true });
}

export function removeCargoRecord(text: string, r: AppliedConfiguration): string {
  if (r.kind === 'cargoCredentials') return removeCargoCredentials(text, { name: nameOf(r) });
  return removeCargoRegistry(text, { name: nameOf(r), replaceCratesIo: r.replaceCratesIo === true });
}
