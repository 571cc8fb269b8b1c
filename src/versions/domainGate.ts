// Which CodeArtifact domains a folder may make us ask for a token. A manifest's `.npmrc`, requirements options,
// pom or folder settings can name any domain of any account: asking GetAuthorizationToken for it, and sending the
// data plane a signed-in user's token, would put the user's identity in a stranger's CloudTrail and hand the
// stranger a live token. So a domain that only the folder names is allowed when the signed-in identity lists it
// (ListDomains), when the user's own `codeartifact.domains` names it, or when the user approved it once for that
// folder (remembered in globalState, per folder, revocable). Until then: no request at all. No vscode here.
import type { DomainRef } from '../aws/codeArtifactApi';

export interface GatedDomain {
  readonly domain: string;
  /** 12-digit owner; '' = the caller's own account. */
  readonly owner: string;
}

export interface Approval extends GatedDomain {
  /** The file that named the domain when the user approved it. */
  readonly file: string;
  readonly approvedAt: number;
}

export interface ApprovalStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

export interface DomainGateOptions {
  /** Every domain the signed-in identity lists (all pages). */
  readonly listDomains: (signal?: AbortSignal) => Promise<readonly DomainRef[]>;
  /** `codeartifact.domains` from the user's settings. */
  readonly userDomains: () => readonly DomainRef[];
  readonly store: ApprovalStore;
  readonly now?: () => number;
}

const APPROVALS_KEY = 'codeartifact.approvedDomains';
/** `folder|owner/domain` of the domains the one-time prompt was shown for. */
const OFFERED_KEY = 'codeartifact.offeredDomains';

const matches = (ref: DomainRef, d: GatedDomain): boolean => ref.name === d.domain && (d.owner === '' || (ref.owner ?? '') === d.owner);

export class DomainGate {
  private listed: Promise<readonly DomainRef[]> | undefined;
  private readonly now: () => number;

  constructor(private readonly opts: DomainGateOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** True when the user chose this domain in one of the three ways; lists the identity's domains once per session. */
  async allows(folder: string, d: GatedDomain, signal?: AbortSignal): Promise<boolean> {
    if (this.opts.userDomains().some((ref) => matches(ref, d))) return true;
    if (this.approvals(folder).some((a) => a.domain === d.domain && a.owner === d.owner)) return true;
    return (await this.ownDomains(signal)).some((ref) => matches(ref, d));
  }

  private ownDomains(signal?: AbortSignal): Promise<readonly DomainRef[]> {
    if (!this.listed) {
      const listing = this.opts.listDomains(signal);
      this.listed = listing;
      // A failed listing is not remembered: the next lookup asks again.
      listing.catch(() => {
        if (this.listed === listing) this.listed = undefined;
      });
    }
    return this.listed;
  }

  /** Sign-in changes and explorer refreshes: the identity may list other domains now. */
  invalidate(): void {
    this.listed = undefined;
  }

  approvals(folder: string): Approval[] {
    const all = this.opts.store.get<Record<string, Approval[]>>(APPROVALS_KEY, {});
    const list = all[folder];
    return Array.isArray(list) ? list.filter(isApproval) : [];
  }

  /** Every folder with approvals, for the revoke command. */
  folders(): string[] {
    return Object.keys(this.opts.store.get<Record<string, Approval[]>>(APPROVALS_KEY, {}));
  }

  async approve(folder: string, d: GatedDomain, file: string): Promise<void> {
    const all = { ...this.opts.store.get<Record<string, Approval[]>>(APPROVALS_KEY, {}) };
    const kept = this.approvals(folder).filter((a) => !(a.domain === d.domain && a.owner === d.owner));
    all[folder] = [...kept, { domain: d.domain, owner: d.owner, file, approvedAt: this.now() }];
    await this.opts.store.update(APPROVALS_KEY, all);
  }

  /** Whether the one-time prompt for this folder and domain was shown already (in any window, any session). */
  wasOffered(folder: string, d: GatedDomain): boolean {
    return this.opts.store.get<string[]>(OFFERED_KEY, []).includes(`${folder}|${d.owner}/${d.domain}`);
  }

  async markOffered(folder: string, d: GatedDomain): Promise<void> {
    const offered = this.opts.store.get<string[]>(OFFERED_KEY, []);
    const key = `${folder}|${d.owner}/${d.domain}`;
    // Bounded: the oldest prompts are forgotten first (they may then be shown once more).
    if (!offered.includes(key)) await this.opts.store.update(OFFERED_KEY, [...offered, key].slice(-500));
  }

  async revoke(folder: string, which: (a: Approval) => boolean): Promise<number> {
    const all = { ...this.opts.store.get<Record<string, Approval[]>>(APPROVALS_KEY, {}) };
    const before = this.approvals(folder);
    const kept = before.filter((a) => !which(a));
    if (kept.length === 0) delete all[folder];
    else all[folder] = kept;
    await this.opts.store.update(APPROVALS_KEY, all);
    return before.length - kept.length;
  }
}

function isApproval(v: unknown): v is Approval {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return typeof a['domain'] === 'string' && typeof a['owner'] === 'string' && typeof a['file'] === 'string';
}

/** Every domain the identity lists, page by page (bounded: a listing that never ends stops at 20 pages). */
export async function listAllDomains(
  listPage: (opts: { nextToken?: string; maxResults: number; signal?: AbortSignal }) => Promise<{ items: readonly { name: string; owner?: string }[]; nextToken?: string }>,
  signal?: AbortSignal,
): Promise<DomainRef[]> {
  const out: DomainRef[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await listPage({ maxResults: 100, ...(nextToken ? { nextToken } : {}), ...(signal ? { signal } : {}) });
    for (const d of result.items) out.push({ name: d.name, ...(d.owner ? { owner: d.owner } : {}) });
    nextToken = result.nextToken;
    if (!nextToken) break;
  }
  return out;
}
