// AWS profiles as the shared config/credentials files declare them (AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE are honoured by the loader), with the kind of credentials each one yields.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

export type ProfileKind = 'staticKeys' | 'sso' | 'assumeRole' | 'webIdentity' | 'process' | 'login' | 'unknown';

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  /** The profile's `region`, if it sets one. */
  region?: string;
  /** Which files mention the profile. */
  files: ('config' | 'credentials')[];
  /** Only for SSO profiles: the `sso_session` name, when the new-style session block is used. */
  ssoSession?: string;
  /** Only for assume-role profiles. */
  sourceProfile?: string;
}

export interface ProfileFiles {
  /** Defaults to AWS_CONFIG_FILE or ~/.aws/config. */
  configFilepath?: string;
  /** Defaults to AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials. */
  filepath?: string;
}

// Section keys the loader reports for non-profile blocks (`[sso-session x]`, `[services x]`).
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.'];

function kindOf(settings: Record<string, string | undefined>): ProfileKind {
  if (settings.sso_session || settings.sso_start_url) return 'sso';
  if (settings.role_arn && settings.web_identity_token_file) return 'webIdentity';
  if (settings.role_arn) return 'assumeRole';
  if (settings.credential_process) return 'process';
  if (settings.aws_access_key_id) return 'staticKeys';
  if (settings.login_session) return 'login';
  return 'unknown';
}

/** Reads both files afresh (no cache) so that edits made since the last sign-in show up. */
export async function listProfiles(files: ProfileFiles = {}): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true });
  const names = new Set<string>();
  for (const name of Object.keys(configFile)) {
    if (!NON_PROFILE_PREFIXES.some((p) => name.startsWith(p))) names.add(name);
  }
  for (const name of Object.keys(credentialsFile)) names.add(name);

  const profiles: ProfileInfo[] = [];
  for (const name of names) {
    const fromConfig = configFile[name];
    const fromCredentials = credentialsFile[name];
    // Same precedence as the SDK: the credentials file overrides the config file.
    const merged: Record<string, string | undefined> = { ...fromConfig, ...fromCredentials };
    const info: ProfileInfo = {
      name,
      kind: kindOf(merged),
      files: [...(fromConfig ? (['config'] as const) : []), ...(fromCredentials ? (['credentials'] as const) : [])],
    };
    const region = merged.region?.trim();
    if (region) info.region = region;
    if (merged.sso_session) info.ssoSession = merged.sso_session;
    if (merged.source_profile) info.sourceProfile = merged.source_profile;
    profiles.push(info);
  }
  // `default` first, then by name: the order a person scans.
  return profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

export function describeProfileKind(kind: ProfileKind): string {
  switch (kind) {
    case 'staticKeys':
      return 'access keys';
    case 'sso':
      return 'IAM Identity Center (SSO)';
    case 'assumeRole':
      return 'assume role';
    case 'webIdentity':
      return 'web identity';
    case 'process':
      return 'credential process';
    case 'login':
      return 'console login';
    case 'unknown':
      return 'no credentials in profile';
  }
}

/** What the default chain will pick up first, in words, without revealing any key. */
export function describeDefaultChain(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'environment variables (AWS_ACCESS_KEY_ID)';
  if (env.AWS_PROFILE) return `AWS_PROFILE=${env.AWS_PROFILE}`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) return 'web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)';
  return 'the default profile, then container or instance role';
}

/** The region a connection uses: the setting, else the profile's, else AWS_REGION / AWS_DEFAULT_REGION. */
export function resolveRegion(
  setting: string | undefined,
  profile: ProfileInfo | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const candidates = [setting, profile?.region, env.AWS_REGION, env.AWS_DEFAULT_REGION];
  return candidates.map((c) => c?.trim()).find((c): c is string => !!c);
}

/**
 * A profile name we pass to the AWS CLI: letters, digits and `_ . @ + = , : -`, starting with a letter, digit
 * or `_`, at most 128 characters. The CLI's files allow more, but nothing outside this set is a name anyone
 * uses, and it keeps a name from ever reading as an option (`--x`) or as shell syntax anywhere it is shown.
 */
export function isValidProfileName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.@+=,:-]{0,127}$/.test(name);
}
