// Secrets put on the clipboard come off it again, as password managers do: after a minute, or at Sign Out,
// the clipboard is cleared if it still holds exactly what we put there (never the user's own later copy).
// No runtime `vscode` import: clipboard and timers are injected.
import { defaultTimers, type Timers } from './tokens';

export interface Clipboard {
  readText(): Thenable<string>;
  writeText(text: string): Thenable<void>;
}

export const CLEAR_CLIPBOARD_AFTER_MS = 60_000;

export class ClipboardGuard {
  private held: { text: string; timer: unknown } | undefined;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly timers: Timers = defaultTimers,
    private readonly afterMs: number = CLEAR_CLIPBOARD_AFTER_MS,
  ) {}

  /** Copies `secret` and schedules its removal. */
  async copySecret(secret: string): Promise<void> {
    this.cancelTimer();
    await this.clipboard.writeText(secret);
    this.held = { text: secret, timer: this.timers.setTimeout(() => void this.clear(), this.afterMs) };
  }

  /** The user chose to keep it: no automatic clearing for this copy. */
  keep(): void {
    this.cancelTimer();
    this.held = undefined;
  }

  get holding(): boolean {
    return this.held !== undefined;
  }

  /** Clears the clipboard if it still holds our secret. Returns true if it did. */
  async clear(): Promise<boolean> {
    const held = this.held;
    this.cancelTimer();
    this.held = undefined;
    if (!held) return false;
    try {
      if ((await this.clipboard.readText()) !== held.text) return false;
      await this.clipboard.writeText('');
      return true;
    } catch {
      return false;
    }
  }

  private cancelTimer(): void {
    if (this.held?.timer !== undefined) this.timers.clearTimeout(this.held.timer);
  }

  dispose(): void {
    void this.clear();
  }
}
