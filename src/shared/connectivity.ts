// Whether CodeArtifact is reachable, as the last calls found: any network failure (control or data plane) makes it
// offline, any answer from the server makes it online again. The status bar shows it; Retry and window focus probe
// while offline. No vscode import.
import { Emitter } from './emitter';
import { summarizeFailure } from './failureSummary';

export interface ConnectivityState {
  readonly online: boolean;
  /** Offline: a few words ("can't reach CodeArtifact") and the full message for the tooltip and log. */
  readonly reason?: string;
  readonly detail?: string;
}

export class Connectivity {
  private current: ConnectivityState = { online: true };
  private readonly changed = new Emitter<ConnectivityState>();
  readonly onDidChange = this.changed.event;

  get state(): ConnectivityState {
    return this.current;
  }

  /** A call failed: offline when the network is why, otherwise nothing changes (the server answered). */
  failed(err: unknown): void {
    const summary = summarizeFailure(err);
    // Other failures (denied, not signed in, cancelled) say nothing about the network.
    if (!summary.offline) return;
    const detail = err instanceof Error ? err.message : String(err);
    if (!this.current.online && this.current.reason === summary.reason && this.current.detail === detail) return;
    this.set({ online: false, reason: summary.reason, detail });
  }

  succeeded(): void {
    if (!this.current.online) this.set({ online: true });
  }

  private set(state: ConnectivityState): void {
    this.current = state;
    this.changed.fire(state);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
