// Typed access to the extension's settings. Sign-in choices are written to the user (global) settings.
// Connection settings (profile, region, endpoint, domains, token duration) decide where signed AWS requests and
// tokens go, so they are read from the user's own settings only: a folder's `.vscode/settings.json` is written
// by whoever wrote the repository. The manifest declares them `machine`-scoped, which makes VS Code ignore
// workspace values too; reading `globalValue` keeps that true whatever the scope says.
import * as vscode from 'vscode';
import type { DomainRef } from '../aws/codeArtifactApi';

const SECTION = 'codeartifact';

/** The settings that point the extension somewhere; a workspace can set none of them. */
export const CONNECTION_KEYS = ['profile', 'region', 'endpoint', 'dataPlaneEndpoint', 'useDualstackEndpoint', 'domains', 'tokenDurationSeconds'] as const;
export type ConnectionKey = (typeof CONNECTION_KEYS)[number];

export interface ConnectionSettings {
  /** Empty means the default credential chain. */
  profile: string | undefined;
  /** Empty means the profile's region or AWS_REGION. */
  region: string | undefined;
  /** Control-plane endpoint override. */
  endpoint: string | undefined;
  /** Data-plane endpoint override (a VPC endpoint without private DNS): package managers get `…/FORMAT/d/DOMAIN-OWNER/REPO/` on it. */
  dataPlaneEndpoint?: string | undefined;
  /** Ask for dual-stack (IPv4 + IPv6) endpoints even when the profile does not. */
  useDualstackEndpoint?: boolean;
  extraDomains: DomainRef[];
  /** How long to wait for CodeArtifact to answer (connect and first byte), `codeartifact.network.timeoutSeconds`. */
  timeoutSeconds?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 10;

/** The user's network timeout: 3..300 s, else the default (a workspace cannot set it, like every connection setting). */
export function readTimeoutSeconds(): number {
  const value = userSetting<unknown>('network.timeoutSeconds', DEFAULT_TIMEOUT_SECONDS);
  return typeof value === 'number' && Number.isFinite(value) && value >= 3 && value <= 300 ? value : DEFAULT_TIMEOUT_SECONDS;
}

function nonEmpty(v: unknown): string | undefined {
  const t = typeof v === 'string' ? v.trim() : undefined;
  return t ? t : undefined;
}

/** The user's value of a setting (user or remote-machine settings), else the default; never a workspace's. */
export function userSetting<T>(key: string, fallback: T): T {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export function parseExtraDomains(raw: unknown): DomainRef[] {
  const extraDomains: DomainRef[] = [];
  for (const d of Array.isArray(raw) ? (raw as unknown[]) : []) {
    if (typeof d === 'object' && d !== null) {
      const { name, owner } = d as { name?: unknown; owner?: unknown };
      if (typeof name === 'string' && name.trim()) extraDomains.push({ name: name.trim(), ...(typeof owner === 'string' && owner.trim() ? { owner: owner.trim() } : {}) });
    }
  }
  return extraDomains;
}

export function readConnectionSettings(): ConnectionSettings {
  return {
    profile: nonEmpty(userSetting<unknown>('profile', '')),
    region: nonEmpty(userSetting<unknown>('region', '')),
    endpoint: nonEmpty(userSetting<unknown>('endpoint', '')),
    dataPlaneEndpoint: nonEmpty(userSetting<unknown>('dataPlaneEndpoint', '')),
    useDualstackEndpoint: userSetting<unknown>('useDualstackEndpoint', false) === true,
    extraDomains: parseExtraDomains(userSetting<unknown>('domains', [])),
    timeoutSeconds: readTimeoutSeconds(),
  };
}

/** 900..43200 seconds, or 0: "as long as the session's own credentials last" (GetAuthorizationToken's meaning). */
export function readTokenDurationSeconds(): number {
  const value = userSetting<unknown>('tokenDurationSeconds', 43_200);
  return typeof value === 'number' && Number.isInteger(value) && (value === 0 || (value >= 900 && value <= 43_200)) ? value : 43_200;
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
  return ['profile', 'region', 'endpoint', 'dataPlaneEndpoint', 'useDualstackEndpoint', 'domains', 'network.timeoutSeconds'].some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
