// Fault injection for reliability tests and benchmarks: throttling, server errors, connection resets, slow
// bodies and malformed answers (truncated, garbage, mistyped, enormous), at a rate and/or for named operations.
// Rates are applied deterministically (every 1/rate-th matching request) so a test sees the same sequence on
// every run. Syntax: see README.md. The malformed bodies themselves are built in faultBodies.ts.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export const FAULT_KINDS = ['throttle', 'error', 'reset', 'slow', 'truncate', 'garbage', 'mistype', 'enormous'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  /** 0..1; 1 = every matching request. */
  rate: number;
  /** Operation names (`ListPackages`, `npm:packument`) or prefixes ending in `*` (`npm:*`); empty = all. */
  operations: string[];
  /** Matching requests to let through before faulting starts. */
  after: number;
  /** Maximum number of faults this rule injects (Infinity = no limit). */
  count: number;
  /** throttle: Retry-After seconds. */
  retryAfter: number;
  /** error: HTTP status (500..599). */
  status: number;
  /** slow: milliseconds over which the body trickles out (default 2000); enormous/endless: when to stop. */
  ms?: number;
  /** truncate: cut a chunked body instead of one with a Content-Length. */
  chunked: boolean;
  /** mistype: wrong types inside list items (`fields`) or wrong types of the lists themselves (`lists`). */
  shape: 'fields' | 'lists';
  /** enormous: megabytes of padding (nextToken, token, packument…); default 10 on the control plane, 60 on the data plane. */
  size?: number;
  /** enormous: items in a control-plane list page. */
  items: number;
  /** enormous: a body that never ends (until `ms`, or the client goes away). */
  endless: boolean;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

function number(text: string, what: string, rule: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new FaultSpecError(`fault rule ${JSON.stringify(rule)}: ${what} must be a number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** `chunked`, `chunked=1`, `chunked=true` → true; `0`/`false` → false. */
function flag(value: string, what: string, rule: string): boolean {
  if (value === '' || value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new FaultSpecError(`fault rule ${JSON.stringify(rule)}: ${what} must be 1 or 0, got ${JSON.stringify(value)}`);
}

/**
 * `kind[=rate][/key=value...]` rules separated by commas, e.g.
 * `throttle=0.1`, `error/ops=ListPackages/count=2`, `reset=0.05/ops=npm:*`, `slow/ms=3000/ops=maven:file`.
 */
export function parseFaults(spec: string | undefined): FaultRule[] {
  if (spec === undefined || spec.trim() === '') return [];
  return spec.split(',').map((raw) => {
    const text = raw.trim();
    const [head = '', ...options] = text.split('/');
    const [kind = '', rateText] = head.split('=');
    if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new FaultSpecError(`fault rule ${JSON.stringify(text)}: unknown kind ${JSON.stringify(kind)} (use ${FAULT_KINDS.join(', ')})`);
    }
    const rule: FaultRule = {
      kind: kind as FaultKind,
      rate: rateText === undefined ? 1 : number(rateText, 'rate', text, 0, 1),
      operations: [],
      after: 0,
      count: Infinity,
      retryAfter: 1,
      status: 500,
      chunked: false,
      shape: 'fields',
      items: 100_000,
      endless: false,
    };
    for (const option of options) {
      const eq = option.indexOf('=');
      const key = eq < 0 ? option : option.slice(0, eq);
      const value = eq < 0 ? '' : option.slice(eq + 1);
      switch (key) {
        case 'rate': rule.rate = number(value, 'rate', text, 0, 1); break;
        case 'ops': rule.operations = value.split('+').filter((o) => o !== ''); break;
        case 'after': rule.after = number(value, 'after', text, 0, Number.MAX_SAFE_INTEGER); break;
        case 'count': rule.count = number(value, 'count', text, 0, Number.MAX_SAFE_INTEGER); break;
        case 'retryAfter': rule.retryAfter = number(value, 'retryAfter', text, 0, 3600); break;
        case 'status': rule.status = number(value, 'status', text, 500, 599); break;
        case 'ms': rule.ms = number(value, 'ms', text, 0, 600000); break;
        case 'chunked': rule.chunked = flag(value, 'chunked', text); break;
        case 'endless': rule.endless = flag(value, 'endless', text); break;
        case 'size': rule.size = number(value, 'size', text, 0, 4096); break;
        case 'items': rule.items = number(value, 'items', text, 0, 10_000_000); break;
        case 'shape':
          if (value !== 'fields' && value !== 'lists') throw new FaultSpecError(`fault rule ${JSON.stringify(text)}: shape must be fields or lists, got ${JSON.stringify(value)}`);
          rule.shape = value;
          break;
        default:
          throw new FaultSpecError(
            `fault rule ${JSON.stringify(text)}: unknown option ${JSON.stringify(key)} (use rate, ops, after, count, retryAfter, status, ms, chunked, shape, size, items, endless)`,
          );
      }
    }
    return rule;
  });
}

function matches(rule: FaultRule, operation: string): boolean {
  if (rule.operations.length === 0) return true;
  return rule.operations.some((o) => (o.endsWith('*') ? operation.startsWith(o.slice(0, -1)) : o === operation));
}

/** Decides, request by request, which fault (if any) to inject. */
export class FaultInjector {
  private readonly seen: number[];
  private readonly injected: number[];

  constructor(readonly rules: FaultRule[]) {
    this.seen = rules.map(() => 0);
    this.injected = rules.map(() => 0);
  }

  /** The first rule that fires for this request; every matching rule advances its counter. */
  pick(operation: string): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    this.rules.forEach((rule, i) => {
      if (!matches(rule, operation)) return;
      const n = (this.seen[i] ?? 0) + 1;
      this.seen[i] = n;
      if (n <= rule.after || (this.injected[i] ?? 0) >= rule.count) return;
      // Fire when the running total of `rate` crosses an integer: exactly rate·N faults over N requests.
      const k = n - rule.after;
      const fires = Math.floor(k * rule.rate + 1e-9) > Math.floor((k - 1) * rule.rate + 1e-9);
      if (fires && !chosen) {
        chosen = rule;
        this.injected[i] = (this.injected[i] ?? 0) + 1;
      }
    });
    return chosen;
  }
}

/** A chunk given to write()/end() as bytes; undefined for none (or a callback in its place). */
function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return undefined;
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : undefined;
}

/** Makes `res.write` collect into `chunks` instead of sending (the caller's `end` decides what goes out). */
function holdWrites(res: ServerResponse, chunks: Buffer[]): void {
  res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const b = toBuffer(chunk, encoding);
    if (b) chunks.push(b);
    const callback = typeof encoding === 'function' ? encoding : cb;
    if (typeof callback === 'function') queueMicrotask(() => (callback as () => void)());
    return true;
  }) as typeof res.write;
}

/**
 * Makes `res` deliver its body slowly: everything written is held back, then sent in small pieces spread over
 * `ms` (headers first, so the client sees a response that stalls mid-body).
 */
export function slowBody(res: ServerResponse, ms: number): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (chunk: Buffer) => boolean;
  const end = res.end.bind(res) as (chunk?: Buffer) => ServerResponse;
  holdWrites(res, chunks);
  res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown): ServerResponse => {
    const b = toBuffer(chunk, encoding);
    if (b) chunks.push(b);
    const body = Buffer.concat(chunks);
    const callback = [chunk, encoding, cb].find((x) => typeof x === 'function') as (() => void) | undefined;
    const pieces = Math.max(1, Math.min(20, body.length));
    const size = Math.ceil(body.length / pieces);
    let sent = 0;
    res.flushHeaders();
    const step = (): void => {
      if (res.destroyed) return;
      const piece = body.subarray(sent, sent + size);
      sent += size;
      if (sent >= body.length) {
        // The last piece goes with end(), so the response is finished when the client has every byte.
        end(piece);
        callback?.();
        return;
      }
      write(piece);
      setTimeout(step, ms / pieces);
    };
    setTimeout(step, ms / pieces);
    return res;
  }) as typeof res.end;
}

/** A response as the handler produced it, before anything went on the wire. */
export interface CapturedResponse {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** The real writeHead/write/end, for sending a (changed) captured response. */
export interface RawResponse {
  writeHead(status: number, headers: OutgoingHttpHeaders): void;
  write(chunk: Buffer, cb?: () => void): boolean;
  end(chunk?: Buffer): void;
}

/**
 * Holds back everything the handler writes (status, headers, body) and hands it to `deliver` when the handler
 * ends the response, so a fault can send it changed: cut short, retyped, with another length.
 */
export function captureResponse(res: ServerResponse, deliver: (captured: CapturedResponse, raw: RawResponse) => void): void {
  const chunks: Buffer[] = [];
  let status: number | undefined;
  let headers: OutgoingHttpHeaders = {};
  const raw: RawResponse = {
    writeHead: res.writeHead.bind(res),
    write: res.write.bind(res) as RawResponse['write'],
    end: res.end.bind(res) as RawResponse['end'],
  };
  res.writeHead = ((code: number, ...rest: unknown[]): ServerResponse => {
    status = code;
    const h = rest.find((x) => typeof x === 'object' && x !== null && !Array.isArray(x)) as OutgoingHttpHeaders | undefined;
    if (h) headers = { ...headers, ...h };
    return res;
  });
  holdWrites(res, chunks);
  res.end = ((chunk?: unknown, encoding?: unknown): ServerResponse => {
    const b = toBuffer(chunk, encoding);
    if (b) chunks.push(b);
    // Headers set with setHeader() live on `res`; those given to writeHead() win, as in Node.
    const merged: OutgoingHttpHeaders = { ...res.getHeaders() };
    for (const [k, v] of Object.entries(headers)) merged[k.toLowerCase()] = v;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    deliver({ status: status ?? res.statusCode, headers: merged, body: Buffer.concat(chunks) }, raw);
    return res;
  }) as typeof res.end;
}

/**
 * Sends the headers (full Content-Length, or chunked framing) and the first half of the body, then destroys
 * the socket: the client sees a 200 whose body stops in the middle.
 */
export function sendTruncated(res: ServerResponse, captured: CapturedResponse, raw: RawResponse, chunked: boolean): void {
  const headers: OutgoingHttpHeaders = { ...captured.headers };
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  if (chunked) headers['transfer-encoding'] = 'chunked';
  else headers['content-length'] = String(captured.body.length);
  raw.writeHead(captured.status, headers);
  res.flushHeaders();
  const half = captured.body.subarray(0, Math.floor(captured.body.length / 2));
  const cut = (): void => void res.socket?.destroy();
  if (half.length === 0) setImmediate(cut);
  else raw.write(half, () => setImmediate(cut));
}
