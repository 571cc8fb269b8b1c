// Typed access to the extension's settings. Sign-in choices are written to the user (global) settings.
import * as vscode from 'vscode';
import type { DomainRef } from '../aws/codeArtifactApi';

const SECTION = 'codeartifact';

export interface ConnectionSettings {
  /** Empty means the default credential chain. */
  profile: string | undefined;
  /** Empty means the profile's region or AWS_REGION. */
  region: string | undefined;
  /** Control-plane endpoint override. */
  endpoint: string | undefined;
  extraDomains: DomainRef[];
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

export function readConnectionSettings(): ConnectionSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const raw = c.get<unknown[]>('domains', []);
  const extraDomains: DomainRef[] = [];
  for (const d of Array.isArray(raw) ? raw : []) {
    if (typeof d === 'object' && d !== null) {
      const { name, owner } = d as { name?: unknown; owner?: unknown };
      if (typeof name === 'string' && name.trim()) extraDomains.push({ name: name.trim(), ...(typeof owner === 'string' && owner.trim() ? { owner: owner.trim() } : {}) });
    }
  }
  return {
    profile: nonEmpty(c.get<string>('profile')),
    region: nonEmpty(c.get<string>('region')),
    endpoint: nonEmpty(c.get<string>('endpoint')),
    extraDomains,
  };
}

/** Remembers the sign-in choice for every window (global target). Empty profile = default chain. */
export async function saveSignInChoice(profile: string | undefined, region: string): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  await c.update('profile', profile ?? '', vscode.ConfigurationTarget.Global);
  await c.update('region', region, vscode.ConfigurationTarget.Global);
}

export async function saveRegion(region: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('region', region, vscode.ConfigurationTarget.Global);
}

/** True when a change touches a setting that changes the connection. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return ['profile', 'region', 'endpoint', 'domains'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
