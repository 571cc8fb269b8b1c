// How to print an endpoint URL without leaking credentials. (Which endpoint applies: profileConnection.ts.)

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
