// What a profile in the user's AWS config says about where and how to connect, read the way the AWS CLI reads it.
// The SDK honours a profile's `endpoint_url`, `services` section and the like only for AWS_PROFILE/default, not for
// the client's `profile` option, so the extension reads them itself and passes them to the client. These files
// are the user's own (never a workspace's), so an endpoint from them is as trusted as the user's settings.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { readFile } from 'node:fs/promises';
import type { ProfileFiles } from './profiles';

export type EndpointSource =
  | 'setting codeartifact.endpoint'
  | 'AWS_ENDPOINT_URL_CODEARTIFACT'
  | 'AWS_ENDPOINT_URL'
  | 'services section'
  | 'profile endpoint_url';

export interface ProfileConnection {
  /** The control-plane endpoint in effect, and where it came from; undefined: the SDK's regional default. */
  readonly endpoint?: { readonly url: string; readonly source: EndpointSource };
  readonly useFipsEndpoint: boolean;
  readonly useDualstackEndpoint: boolean;
  /** Path of a PEM bundle of CA certificates (AWS_CA_BUNDLE, else the profile's `ca_bundle`). */
  readonly caBundle?: string;
}

/** A profile's keys, or a `[services x]` section's (`codeartifact.endpoint_url`). */
type Section = Record<string, string | undefined>;

function boolean(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/**
 * The connection a profile asks for. Endpoint precedence as the AWS SDKs and CLI document it ("Service-specific
 * endpoints"): the extension's own setting (explicit, like `--endpoint-url`), then AWS_ENDPOINT_URL_CODEARTIFACT,
 * AWS_ENDPOINT_URL, the profile's `services` section (`codeartifact = endpoint_url = …`), the profile's
 * `endpoint_url`; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / `ignore_configured_endpoint_urls` drop all but the setting.
 * AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT and AWS_CA_BUNDLE win over the profile's keys.
 */
export async function readProfileConnection(
  endpointSetting: string | undefined,
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  files: ProfileFiles = {},
): Promise<ProfileConnection> {
  const name = profile ?? nonEmpty(env.AWS_PROFILE) ?? 'default';
  let section: Section = {};
  let services: Section = {};
  try {
    const configFilepath = files.configFilepath ?? nonEmpty(env.AWS_CONFIG_FILE);
    const filepath = files.filepath ?? nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE);
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...(configFilepath ? { configFilepath } : {}), ...(filepath ? { filepath } : {}), ignoreCache: true });
    section = { ...configFile[name], ...credentialsFile[name] };
    const servicesName = nonEmpty(section.services);
    services = (servicesName && configFile[`services.${servicesName}`]) || {};
  } catch {
    // Unreadable files: the defaults, as the SDK does.
  }
  const ignoreConfigured = boolean(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ?? boolean(section.ignore_configured_endpoint_urls) ?? false;
  const candidates: [string | undefined, EndpointSource][] = [
    [endpointSetting, 'setting codeartifact.endpoint'],
    ...(ignoreConfigured
      ? []
      : ([
          [env.AWS_ENDPOINT_URL_CODEARTIFACT, 'AWS_ENDPOINT_URL_CODEARTIFACT'],
          [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL'],
          [services['codeartifact.endpoint_url'], 'services section'],
          [section.endpoint_url, 'profile endpoint_url'],
        ] as [string | undefined, EndpointSource][])),
  ];
  const found = candidates.map(([url, source]) => ({ url: nonEmpty(url), source })).find((c): c is { url: string; source: EndpointSource } => c.url !== undefined);
  const caBundle = nonEmpty(env.AWS_CA_BUNDLE) ?? nonEmpty(section.ca_bundle);
  return {
    ...(found ? { endpoint: found } : {}),
    useFipsEndpoint: boolean(env.AWS_USE_FIPS_ENDPOINT) ?? boolean(section.use_fips_endpoint) ?? false,
    useDualstackEndpoint: boolean(env.AWS_USE_DUALSTACK_ENDPOINT) ?? boolean(section.use_dualstack_endpoint) ?? false,
    ...(caBundle ? { caBundle } : {}),
  };
}

/** The certificates of a CA bundle file, or an error that names the file and what to do. */
export async function readCaBundle(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the CA bundle ${file} (ca_bundle / AWS_CA_BUNDLE): ${(err as NodeJS.ErrnoException).code ?? String(err)}. Fix the path in your AWS config.`, { cause: err });
  }
  if (!/-----BEGIN CERTIFICATE-----/.test(text)) throw new Error(`The CA bundle ${file} (ca_bundle / AWS_CA_BUNDLE) holds no PEM certificate.`);
  return text;
}
