// The signed-in connection: which profile, region and endpoint, and the API built from them. The explorer,
// the status bar and the commands listen to `onDidChange`. No runtime `vscode` import: settings, memento and
// log are injected, so that tests drive sign-in against the emulator in plain Node.
import type * as vscode from 'vscode';
import { SdkCodeArtifactApi, type ApiOptions, type CodeArtifactApi } from '../aws/codeArtifactApi';
import { readCaBundle, readProfileConnection } from '../aws/profileConnection';
import { CodeArtifactError } from '../aws/errors';
import { listProfiles, resolveRegion, type ProfileInfo } from '../aws/profiles';
import { Emitter } from '../shared/emitter';
import type { ConnectionSettings } from '../shared/settings';

/** The slice of LogOutputChannel the session writes to. */
export type SessionLog = Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'trace'>;

const SIGNED_IN_KEY = 'codeartifact.signedIn';

export interface Connection {
  /** Undefined = default credential chain. */
  profile: string | undefined;
  region: string;
  /** Control plane: the setting, else what the environment or the profile's config says (see readProfileConnection). */
  endpoint: string | undefined;
  /** The user's data-plane override (VPC endpoint without private DNS). */
  dataPlaneEndpoint?: string;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  /** Path of the CA bundle in effect. */
  caBundle?: string;
}

export type ApiFactory = (opts: ApiOptions) => CodeArtifactApi & { dispose?(): void };

export class Session {
  private current: { connection: Connection; api: CodeArtifactApi & { dispose?(): void }; caCertificates?: string } | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly signedOut = new Emitter<void>();
  /** The user signed out (not a reload or a settings change): what was kept for them should be forgotten. */
  readonly onDidSignOut = this.signedOut.event;
  private readonly called = new Emitter<{ operation: string; error?: CodeArtifactError }>();
  /** Every control-plane call's outcome (for the connectivity state); never about tokens. */
  readonly onDidCall = this.called.event;
  /** The timeout the API was built with, to rebuild it when the setting changes. */
  private timeoutSeconds: number | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: SessionLog,
    private readonly readSettings: () => ConnectionSettings,
    private readonly createApi: ApiFactory = (opts) => new SdkCodeArtifactApi(opts),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get signedIn(): boolean {
    return this.current !== undefined;
  }
  get connection(): Connection | undefined {
    return this.current?.connection;
  }
  /** PEM text of the connection's CA bundle, for the data-plane requests the extension makes itself. */
  get caCertificates(): string | undefined {
    return this.current?.caCertificates;
  }

  /** The API of the signed-in connection, or a `notSignedIn` error that the UI turns into a Sign In button. */
  api(): CodeArtifactApi {
    if (!this.current) throw new CodeArtifactError({ kind: 'notSignedIn' }, 'Not signed in to CodeArtifact. Sign in with an AWS profile to continue.');
    return this.current.api;
  }

  settings(): ConnectionSettings {
    return this.readSettings();
  }

  /** The profile whose region applies when none is chosen: the named one, else AWS_PROFILE, else `default`. */
  async profileInfo(profile: string | undefined): Promise<ProfileInfo | undefined> {
    const name = profile ?? this.env.AWS_PROFILE ?? 'default';
    try {
      return (await listProfiles()).find((p) => p.name === name);
    } catch (err) {
      this.log.warn(`Could not read the AWS config files: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Reconnects from settings after a reload, if the last session ended signed in. Does not call AWS. */
  async restore(): Promise<void> {
    if (!this.memento.get<boolean>(SIGNED_IN_KEY, false)) return;
    const s = this.settings();
    const region = resolveRegion(s.region, await this.profileInfo(s.profile), this.env);
    if (!region) return;
    try {
      await this.use(await this.connectionFor(s.profile, region));
    } catch (err) {
      // e.g. the profile's ca_bundle cannot be read: stay signed out; signing in shows the message.
      this.log.warn(`Could not restore the last connection: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Settings first, then the environment and the profile's own config, as the AWS CLI reads them. */
  private async connectionFor(profile: string | undefined, region: string): Promise<Connection> {
    const s = this.settings();
    const p = await readProfileConnection(s.endpoint, profile, this.env);
    return {
      profile,
      region,
      endpoint: p.endpoint?.url,
      ...(s.dataPlaneEndpoint ? { dataPlaneEndpoint: s.dataPlaneEndpoint } : {}),
      ...(p.useFipsEndpoint ? { useFipsEndpoint: true } : {}),
      ...(p.useDualstackEndpoint || s.useDualstackEndpoint ? { useDualstackEndpoint: true } : {}),
      ...(p.caBundle ? { caBundle: p.caBundle } : {}),
    };
  }

  /** Connects and proves it with one ListDomains call; nothing changes if that fails. Returns the domain count of the first page. */
  async signIn(profile: string | undefined, region: string, signal?: AbortSignal): Promise<number> {
    const connection = await this.connectionFor(profile, region);
    const { api, caCertificates } = await this.build(connection);
    try {
      const page = await api.listDomains({ signal, maxResults: 100 });
      this.replace({ connection, api, ...(caCertificates ? { caCertificates } : {}) });
      await this.memento.update(SIGNED_IN_KEY, true);
      const how = [connection.endpoint && 'custom endpoint', connection.dataPlaneEndpoint && 'custom repository endpoint', connection.useFipsEndpoint && 'FIPS', connection.useDualstackEndpoint && 'dual-stack', connection.caBundle && 'own CA bundle'].filter(Boolean);
      this.log.info(`Signed in with ${profile ? `profile ${profile}` : 'the default credential chain'} in ${region}${how.length ? ` (${how.join(', ')})` : ''}`);
      return page.items.length;
    } catch (err) {
      api.dispose?.();
      throw err;
    }
  }

  async signOut(): Promise<void> {
    this.replace(undefined);
    await this.memento.update(SIGNED_IN_KEY, false);
    this.signedOut.fire();
    this.log.info('Signed out');
  }

  /**
   * Settings changed under us (profile, region or endpoint edited by hand): rebuild the API with the new values.
   * Returns true if the connection changed. Sign-in writes the settings it has just verified, which is a no-op here.
   */
  async reloadFromSettings(): Promise<boolean> {
    if (!this.current) return false;
    const s = this.settings();
    const region = resolveRegion(s.region, await this.profileInfo(s.profile), this.env) ?? this.current.connection.region;
    const next = await this.connectionFor(s.profile, region);
    const now = this.current.connection;
    const keys: (keyof Connection)[] = ['profile', 'region', 'endpoint', 'dataPlaneEndpoint', 'useFipsEndpoint', 'useDualstackEndpoint', 'caBundle'];
    if (keys.every((k) => now[k] === next[k])) {
      if (s.timeoutSeconds === this.timeoutSeconds) return false;
      this.log.info(`Settings changed: network timeout ${s.timeoutSeconds ?? 'default'} s`);
    } else {
      this.log.info(`Settings changed: now ${next.profile ? `profile ${next.profile}` : 'the default credential chain'} in ${next.region}`);
    }
    try {
      await this.use(next);
    } catch (err) {
      this.log.warn(`Kept the previous connection: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    return true;
  }

  private async use(connection: Connection): Promise<void> {
    const { api, caCertificates } = await this.build(connection);
    this.replace({ connection, api, ...(caCertificates ? { caCertificates } : {}) });
  }

  private async build(connection: Connection): Promise<{ api: CodeArtifactApi & { dispose?(): void }; caCertificates?: string }> {
    const timeoutSeconds = this.settings().timeoutSeconds;
    this.timeoutSeconds = timeoutSeconds;
    const caBundle = connection.caBundle ? await readCaBundle(connection.caBundle) : undefined;
    const api = this.createApi({
      region: connection.region,
      profile: connection.profile,
      endpoint: connection.endpoint,
      ...(connection.useFipsEndpoint ? { useFipsEndpoint: true } : {}),
      ...(connection.useDualstackEndpoint ? { useDualstackEndpoint: true } : {}),
      ...(caBundle ? { caBundle } : {}),
      // Connect and first byte within the timeout, and the whole call (retries of quick failures included) barely
      // longer: a hanging endpoint is reported after about that long, not after three attempts.
      ...(timeoutSeconds !== undefined ? { requestTimeoutMs: timeoutSeconds * 1000, callTimeoutMs: timeoutSeconds * 1000 + 2000 } : {}),
      onCall: ({ operation, ms, error }) => {
        if (error) this.log.warn(`${operation} failed after ${ms} ms: ${error.message}`);
        else this.log.trace(`${operation} ${ms} ms`);
        this.called.fire({ operation, ...(error ? { error } : {}) });
      },
      // Entries left out of an answer, a nextToken ignored: the listing goes on, the log says why it looks short.
      onWarning: (message) => this.log.warn(message),
    });
    return { api, ...(caBundle ? { caCertificates: caBundle } : {}) };
  }

  private replace(next: Session['current']): void {
    this.current?.api.dispose?.();
    this.current = next;
    this.changed.fire();
  }

  dispose(): void {
    this.current?.api.dispose?.();
    this.current = undefined;
    this.changed.dispose();
    this.called.dispose();
  }
}
