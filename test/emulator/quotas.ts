// CodeArtifact's documented per-account request-rate quotas ("Quotas in AWS CodeArtifact", AWS CodeArtifact user
// guide) as an optional fault profile: over a rate in any one-second window, the call is refused with
// ThrottlingException (429, Retry-After), as the service throttles. `scale` shrinks every rate (0.01 turns 200/s into
// 2/s) so that a test reaches the quota with a handful of calls.

/** Requests per second per account and region, per action (the user guide's table). */
export const ACTION_QUOTAS: Readonly<Record<string, number>> = {
  CopyPackageVersions: 5,
  GetAuthorizationToken: 40,
  GetPackageVersionAsset: 50,
  ListPackageVersionAssets: 200,
  ListPackageVersions: 200,
  ListPackages: 200,
  PublishPackageVersion: 10,
};
/** Every other read and write call from one account shares these ("read/write requests per second from a single AWS account"). */
export const READ_QUOTA = 800;
export const WRITE_QUOTA = 100;

const READ = /^(Describe|Get|List)/;

export class RateQuotas {
  private readonly calls = new Map<string, number[]>();

  constructor(
    readonly scale: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(scale > 0 && scale <= 1)) throw new Error(`quota scale must be in (0, 1], got ${scale}`);
  }

  /** The quota a call counts against, per second (at least 1 after scaling). */
  static limitOf(operation: string, scale: number): { key: string; perSecond: number } {
    const own = ACTION_QUOTAS[operation];
    const [key, rate] = own !== undefined ? [operation, own] : READ.test(operation) ? ['read', READ_QUOTA] : ['write', WRITE_QUOTA];
    return { key, perSecond: Math.max(1, Math.floor(rate * scale)) };
  }

  /** Undefined when the call may go ahead (and counts it); otherwise the seconds to wait (Retry-After). */
  take(account: string, operation: string): number | undefined {
    const { key, perSecond } = RateQuotas.limitOf(operation, this.scale);
    const now = this.now();
    const id = `${account}/${key}`;
    const recent = (this.calls.get(id) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= perSecond) {
      this.calls.set(id, recent);
      return 1;
    }
    recent.push(now);
    this.calls.set(id, recent);
    return undefined;
  }
}
