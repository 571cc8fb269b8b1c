// The registry config files a manifest's analysis reads (pip.conf, .npmrc, settings.xml, .cargo/config.toml …): the
// same few files for every manifest and after every keystroke. Each read is several file-system calls, which in a
// busy extension host cost milliseconds a cold hover waits for. Kept for a short while; the config watcher and
// Refresh forget them at once (ManifestAnalyzer.clear), so a fixed file still shows within a second. No vscode here.

/** Entries above this many are pruned of expired ones (a workspace of many folders reads many ancestors' files). */
const PRUNE_ABOVE = 256;

export class ConfigReads {
  private readonly entries = new Map<string, { at: number; text: Promise<string | undefined> }>();

  constructor(
    /** Reads one file; a missing or unreadable file is `undefined`, never a rejection. */
    private readonly read: (file: string) => Promise<string | undefined>,
    /** How long a read stands for the file when no watcher said it changed (files outside the watched ones). */
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(file: string): Promise<string | undefined> {
    const at = this.now();
    const hit = this.entries.get(file);
    if (hit && at - hit.at < this.ttlMs) return hit.text;
    if (this.entries.size >= PRUNE_ABOVE) {
      for (const [key, entry] of this.entries) if (at - entry.at >= this.ttlMs) this.entries.delete(key);
    }
    const text = this.read(file).catch(() => undefined);
    this.entries.set(file, { at, text });
    return text;
  }

  clear(): void {
    this.entries.clear();
  }
}
