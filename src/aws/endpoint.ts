// Which control-plane endpoint to talk to, and how to print a URL without leaking credentials.

/** The `codeartifact.endpoint` setting wins; else `AWS_ENDPOINT_URL_CODEARTIFACT`; else the SDK's regional default. */
export function resolveEndpoint(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromSetting = setting?.trim();
  if (fromSetting) return fromSetting;
  const fromEnv = env.AWS_ENDPOINT_URL_CODEARTIFACT?.trim();
  return fromEnv ? fromEnv : undefined;
}

/** Drops userinfo (pip-style `aws:TOKEN@`) and query strings from a URL before it is shown or logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    u.search = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    // Not a URL: keep only what cannot be a secret.
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
