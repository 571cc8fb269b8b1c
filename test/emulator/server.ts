// The emulator's HTTP server: one port on 127.0.0.1 for the control plane (/v1/...) and the data plane
// (/{domain}-{owner}/{format}/{repo}/...). Latency, faults and request statistics apply to both planes
// here, before dispatch, so every client sees them the same way.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizeControlPlane, identify } from './authorization';
import { handleControlPlane, operationFor, errorReply, type Reply } from './controlPlane';
import { readBody } from './dataPlane/http';
import { handleDataPlane } from './dataPlane/router';
import { enormousBody, expectedContentType, GARBAGE_BODY, mistypeBody, streamBody } from './faultBodies';
import { captureResponse, FaultInjector, parseFaults, sendTruncated, slowBody, type FaultRule } from './faults';
import { Store } from './model';
import { loadSeed, readSeedFile, validateSeed, type Seed } from './seed';
import { parseAuthorization } from './sigv4';
import { fromVpcPath } from './dataPlane/vpcPaths';
import { RateQuotas } from './quotas';
import { SsoPortal, ssoOperationFor } from './sso';

/** What the data plane gets from the server for each request. */
export interface DataPlaneContext {
  store: Store;
  /** The server's base URL, `http://127.0.0.1:PORT` (no trailing slash). */
  endpoint: string;
  /** Count one request under an operation name such as `npm:packument` (stats for tests and benchmarks). */
  count(operation: string): void;
  /** The request came in the VPC endpoint form `/FORMAT/d/DOMAIN-OWNER/REPO/…` (URLs in answers keep that form). */
  vpcStyle?: boolean;
}

export type DataPlaneHandler = (ctx: DataPlaneContext, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface EmulatorStats {
  /** Every HTTP round trip, both planes, including faulted and rejected ones. */
  requests: number;
  /** Operation name → count: control-plane names (`ListPackages`) and data-plane names (`npm:packument`). */
  operations: Record<string, number>;
  /** Requests being handled right now. */
  inFlight: number;
  /** Highest `inFlight` seen since start or the last resetStats(). */
  peakConcurrent: number;
  /** Faults injected, by kind. */
  faults: Record<string, number>;
  /** Requests answered by the override (setOverride) instead of the emulator. */
  overridden: number;
}

/** What an override sees of a request: its operation name (as in stats and fault `ops`), method and URL. */
export interface OverrideRequest {
  operation: string;
  method: string;
  url: URL;
}

/**
 * Answers a request in the emulator's place (a hostile or broken service: a repository endpoint on another host,
 * a redirect); `undefined` lets the emulator answer as usual.
 */
export type Override = (request: OverrideRequest) => Reply | undefined;

export interface EmulatorOptions {
  /** A seed object or the path of a seed JSON file. */
  seed: Seed | string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Delay added before every response. */
  latencyMs?: number;
  /** Fault spec, see README.md. */
  faults?: string;
  /** Enforce the documented per-account request-rate quotas, each rate times this scale (quotas.ts); off by default. */
  quotaScale?: number;
  /** Clock in epoch milliseconds (token expiry, publish times). */
  now?: () => number;
  /** The state of an emulator that was stopped: a restart that keeps it (tokens, publishes) is the service coming back. */
  store?: Store;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  endpoint: string;
  store: Store;
  stats: EmulatorStats;
  /** The AWS SSO portal and SSO-OIDC for SSO profiles (sso.ts, README "SSO profiles"). */
  sso: SsoPortal;
  setFaults(spec: string | undefined): void;
  /** See `Override`; `undefined` removes it. Applies to both planes, after latency and faults. */
  setOverride(override: Override | undefined): void;
  setLatency(ms: number): void;
  /** Turns the documented rate quotas on (times `scale`) or off (`undefined`). */
  setQuotas(scale: number | undefined): void;
  resetStats(): void;
  stop(): Promise<void>;
}

/** `/{domain}-{owner}/{format}/{repo}/…`: the owner is the 12 digits after the last `-` of the first segment. */
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$)/i;
const DATA_PLANE_PATH = /^\/([a-z][a-z0-9-]*)-(\d{12})\/([a-z]+)\/([^/]+)(?:\/|$)/;

/**
 * A coarse name for a data-plane request, known before the handler runs, so faults can target e.g.
 * `npm:tarball` or `maven:*`. The handler reports its own (finer) names through `count()` for stats.
 */
export function dataPlaneOperation(format: string, method: string, rest: string): string {
  const m = method.toUpperCase();
  switch (format) {
    case 'npm':
      if (rest === '-/ping' || rest.startsWith('-/ping?')) return 'npm:ping';
      if (rest.includes('-/package/')) return 'npm:distTags';
      if (m === 'PUT') return 'npm:publish';
      if (/\/-\/[^/]+\.tgz$/.test(rest)) return 'npm:tarball';
      return 'npm:packument';
    case 'pypi':
      if (m === 'POST') return 'pypi:upload';
      if (rest.startsWith('simple')) return 'pypi:simple';
      return 'pypi:download';
    case 'maven':
      return m === 'PUT' ? 'maven:put' : 'maven:get';
    default:
      return `${format}:request`;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  let store = options.store;
  if (!store) {
    const seed = typeof options.seed === 'string' ? readSeedFile(options.seed) : validateSeed(options.seed);
    store = new Store(options.now ?? Date.now);
    loadSeed(store, seed);
  }
  const sso = new SsoPortal(store);

  let faults = new FaultInjector(parseFaults(options.faults));
  let quotas = options.quotaScale !== undefined ? new RateQuotas(options.quotaScale) : undefined;
  let override: Override | undefined;
  let latencyMs = options.latencyMs ?? 0;
  const stats: EmulatorStats = { requests: 0, operations: {}, inFlight: 0, peakConcurrent: 0, faults: {}, overridden: 0 };
  const count = (operation: string): void => {
    stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
  };
  let endpoint = '';

  const applyFault = (rule: FaultRule, operation: string, req: IncomingMessage, res: ServerResponse): boolean => {
    stats.faults[rule.kind] = (stats.faults[rule.kind] ?? 0) + 1;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    switch (rule.kind) {
      case 'throttle':
        send(res, errorReply('ThrottlingException', 429, 'Rate exceeded', {}, { 'retry-after': String(rule.retryAfter) }));
        return true;
      case 'error':
        send(res, errorReply('InternalServerException', rule.status, 'We encountered an internal error. Please try again.'));
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'slow':
        slowBody(res, rule.ms ?? 2000);
        return false;
      case 'truncate':
        captureResponse(res, (captured, raw) => sendTruncated(res, captured, raw, rule.chunked));
        return false;
      case 'garbage':
        send(res, { status: 200, headers: { 'content-type': expectedContentType(operation, path) }, body: GARBAGE_BODY });
        return true;
      case 'mistype':
        captureResponse(res, (captured, raw) => {
          const body = mistypeBody(operation, path, captured, rule.shape) ?? captured.body;
          raw.writeHead(captured.status, { ...captured.headers, 'content-length': String(body.length) });
          raw.end(body);
        });
        return false;
      case 'enormous': {
        const { contentType, pieces } = enormousBody(operation, path, rule, endpoint);
        streamBody(res, 200, contentType, pieces);
        return true;
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    // URL parsing would silently collapse `..` (also `%2e%2e`) and route a traversal somewhere else: refuse it.
    if (DOT_SEGMENT.test(rawPath)) {
      count('invalidPath');
      send(res, errorReply('ValidationException', 400, 'The request path must not contain "." or ".." segments.'));
      return;
    }
    // Origin-form paths are appended, so `//x/y` stays a path instead of becoming host `x`.
    const target = req.url ?? '/';
    const url = target.startsWith('/') ? new URL(`${endpoint}${target}`) : new URL(target, endpoint);
    const ownPath = fromVpcPath(url.pathname);
    if (ownPath) url.pathname = ownPath;
    const method = req.method ?? 'GET';
    // SSO profiles reach the portal and SSO-OIDC here (AWS_ENDPOINT_URL_SSO / _SSO_OIDC), under the same latency and faults.
    const ssoOperation = ssoOperationFor(method, url.pathname);
    const dataPlane = DATA_PLANE_PATH.exec(url.pathname);
    const controlOperation = url.pathname.startsWith('/v1/') ? operationFor(method, url.pathname) : undefined;
    let operation: string;
    if (dataPlane) {
      const rawRest = url.pathname.slice(dataPlane[0].length);
      let rest = rawRest;
      try {
        rest = decodeURIComponent(rawRest);
      } catch {
        // Malformed percent-encoding: classify the raw path; the data plane answers it.
      }
      operation = dataPlaneOperation(dataPlane[3] ?? '', method, rest);
    } else {
      operation = ssoOperation ?? controlOperation ?? 'unknown';
    }

    await delay(latencyMs);
    const fault = faults.pick(operation);
    if (fault && applyFault(fault, operation, req, res)) return;
    const replaced = override?.({ operation, method, url });
    if (replaced) {
      count(operation);
      stats.overridden += 1;
      await readBody(req, 512 * 1024 * 1024);
      send(res, replaced);
      return;
    }

    if (ssoOperation) {
      count(ssoOperation);
      send(res, sso.handle(ssoOperation, url, req.headers, await readBody(req, 64 * 1024)));
      return;
    }
    if (dataPlane) {
      const ctx: DataPlaneContext = { store, endpoint, count, ...(ownPath ? { vpcStyle: true } : {}) };
      if (await handleDataPlane(ctx, req, res, url)) return;
      count('unknown');
      send(res, errorReply('ResourceNotFoundException', 404, `Nothing is served at ${url.pathname}.`));
      return;
    }

    if (!url.pathname.startsWith('/v1/')) {
      count('unknown');
      send(res, errorReply('UnknownOperationException', 404, `No CodeArtifact operation at ${method} ${url.pathname}.`));
      return;
    }
    count(controlOperation ?? 'unknown');
    const auth = parseAuthorization(header(req, 'authorization'), header(req, 'x-amz-date') !== undefined || header(req, 'date') !== undefined);
    const body = await readBody(req, 512 * 1024 * 1024);
    if (!auth.ok) {
      send(res, errorReply(auth.failure.code, 403, auth.failure.message));
      return;
    }
    if (!controlOperation) {
      send(res, errorReply('UnknownOperationException', 404, `No CodeArtifact operation at ${method} ${url.pathname}.`));
      return;
    }
    const { accessKeyId, region } = auth.credential;
    const who = identify(store, accessKeyId, header(req, 'x-amz-security-token'));
    if ('reply' in who) {
      send(res, who.reply);
      return;
    }
    const wait = quotas?.take(who.identity.account, controlOperation);
    if (wait !== undefined) {
      stats.faults['quota'] = (stats.faults['quota'] ?? 0) + 1;
      send(res, errorReply('ThrottlingException', 429, 'Rate exceeded', {}, { 'retry-after': String(wait) }));
      return;
    }
    const denied = authorizeControlPlane(store, who.identity, region, controlOperation, url, body);
    if (denied) {
      send(res, denied);
      return;
    }
    const sessionExpiresAt = store.sessionExpiry.get(accessKeyId);
    const caller = { accessKeyId, region, account: who.identity.account, ...(sessionExpiresAt !== undefined ? { sessionExpiresAt } : {}) };
    send(res, await handleControlPlane({ store, endpoint }, caller, { operation: controlOperation, url, headers: req.headers, body }));
  };

  const server: Server = createServer((req, res) => {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.peakConcurrent = Math.max(stats.peakConcurrent, stats.inFlight);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      stats.inFlight -= 1;
    };
    // 'finish' (body handed to the socket) comes before the client sees the end; 'close' covers aborts.
    res.on('finish', finish);
    res.on('close', finish);
    handle(req, res).catch((err: unknown) => {
      // A bug in a handler: answer 500 (the SDK retries it) and say what happened on stderr.
      process.stderr.write(`emulator: ${req.method ?? ''} ${(req.url ?? '').split('?')[0] ?? ''} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (!res.headersSent) send(res, errorReply('InternalServerException', 500, 'The emulator failed to handle this request.'));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    store,
    stats,
    sso,
    setFaults(spec: string | undefined): void {
      faults = new FaultInjector(parseFaults(spec));
    },
    setOverride(next: Override | undefined): void {
      override = next;
    },
    setQuotas(scale: number | undefined): void {
      quotas = scale !== undefined ? new RateQuotas(scale) : undefined;
    },
    setLatency(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`latency must be a non-negative number of milliseconds, got ${ms}`);
      latencyMs = ms;
    },
    resetStats(): void {
      stats.requests = 0;
      stats.operations = {};
      stats.peakConcurrent = stats.inFlight;
      stats.faults = {};
      stats.overridden = 0;
    },
    stop(): Promise<void> {
      return new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
