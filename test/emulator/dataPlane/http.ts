// Small HTTP helpers shared by the npm, PyPI and Maven handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Uploads larger than this are refused (413) rather than buffered. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The token a client sent: `Bearer <token>` (npm) or Basic `aws:<token>` (pip, twine, mvn). Real CodeArtifact
 * takes either form for every format. Undefined when no Authorization header came.
 */
export function tokenFrom(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0 || decoded.slice(0, colon) !== 'aws') return '';
    return decoded.slice(colon + 1);
  }
  return '';
}

/** An error in the shape each client understands: npm reads JSON `error`, pip and mvn show the text. */
export function sendError(res: ServerResponse, status: number, format: string, message: string, realm?: string): void {
  if (status === 401 && realm !== undefined) {
    // Its own header line: Maven gives up when Basic is folded into a combined challenge.
    res.setHeader('WWW-Authenticate', `Basic realm="${realm}"`);
  }
  if (format === 'npm') {
    sendJson(res, status, { error: message });
  } else {
    send(res, status, 'text/plain; charset=utf-8', Buffer.from(`${message}\n`));
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  send(res, status, contentType, Buffer.from(JSON.stringify(body)));
}

/** Sends a whole body; HEAD gets the headers only. */
export function send(res: ServerResponse, status: number, contentType: string, body: Buffer, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(body.length));
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `Request body larger than ${limit} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** True when `accept` prefers `wanted` (with a q-value above 0) over every type in `others`. */
export function prefers(accept: string | undefined, wanted: string, others: string[]): boolean {
  if (!accept) return false;
  const q = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(type.trim().toLowerCase(), Number.isFinite(value) ? value : 0);
  }
  const mine = q.get(wanted) ?? 0;
  return mine > 0 && others.every((o) => (q.get(o) ?? 0) <= mine);
}

/** Decodes one path segment; a malformed escape is a client error, not a crash. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `Malformed path segment: ${segment}`);
  }
}

export function methodNotAllowed(method: string | undefined): HttpError {
  return new HttpError(405, `Method ${method ?? '?'} is not allowed here.`);
}
