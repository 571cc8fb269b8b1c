// Command links in hovers carry an opaque id, never data: a link's arguments are only what the extension stored
// behind the id when it made the hover. Whatever a server or a manifest says cannot become a command argument,
// and a forged link (another extension's Markdown, a crafted `command:` URI) names no id we hold. No vscode here.
import { randomBytes } from 'node:crypto';

export const LINK_ID = /^[0-9a-f]{24}$/;

export class LinkArgStore<T> {
  private readonly entries = new Map<string, T>();

  /** `capacity`: hovers made long ago fall out first (their links then say "hover again"). */
  constructor(private readonly capacity = 500) {}

  put(value: T): string {
    const id = randomBytes(12).toString('hex');
    this.entries.set(id, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return id;
  }

  /** The stored value of a link's argument, or undefined for anything that is not an id we handed out. */
  get(arg: unknown): T | undefined {
    const id = Array.isArray(arg) ? (arg as unknown[])[0] : arg;
    return typeof id === 'string' && LINK_ID.test(id) ? this.entries.get(id) : undefined;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
