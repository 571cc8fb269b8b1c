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
export function tokenFrom(req: IncomingMessage, basicUsers: readonly string[] = ['aws'], allowRaw = false): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  if (allowRaw && !/\s/.test(header.trim())) return header.trim();
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0 || !basicUsers.includes(decoded.slice(0, colon))) return '';
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
  } else if (format === 'swift') {
    // SE-0292 §3.3: problem details (RFC 7807) with Content-Version.
    res.setHeader('Content-Version', '1');
    sendJson(res, status, { detail: message, status }, 'application/problem+json');
  } else if (format === 'cargo') {
    // The Cargo web API's error shape; cargo prints each `detail`.
    sendJson(res, status, { errors: [{ detail: message }] });
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

/**
 * A multipart/form-data request body, parsed by undici's parser built into Node (no hand-written parser). Not
 * multipart: 400 with `notMultipart`; unparseable: 400.
 */
export async function readMultipart(req: IncomingMessage, notMultipart: string): Promise<FormData> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) throw new HttpError(400, notMultipart);
  const body = await readBody(req);
  try {
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new HttpError(400, 'The multipart body could not be parsed.');
  }
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

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** The ranges of an Accept header; entries that do not parse (or carry a malformed `q`) are left out. */
function mediaRanges(accept: string): MediaRange[] {
  const out: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';').map((p) => p.trim());
    const m = /^([a-z0-9!#$&^_.+-]+|\*)\/([a-z0-9!#$&^_.+-]+|\*)$/i.exec(range);
    if (!m || (m[1] === '*' && m[2] !== '*')) continue;
    let q = 1;
    const qParam = params.find((p) => /^q\s*=/i.test(p));
    if (qParam !== undefined) {
      const value = qParam.replace(/^q\s*=\s*/i, '');
      if (!/^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value)) continue;
      q = Number(value);
    }
    out.push({ type: (m[1] ?? '').toLowerCase(), subtype: (m[2] ?? '').toLowerCase(), q });
  }
  return out;
}

/**
 * Proactive negotiation (RFC 9110 §12.5.1): the offered type with the highest q-value, where each offered type takes
 * the q of the most specific range that matches it (`a/b` over `a/*` over `*\/*`). Ties go to the earlier offer
 * (the server's preference); no Accept header takes the first. Undefined when nothing offered is acceptable (406).
 */
export function negotiate(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = mediaRanges(accept);
  let best: string | undefined;
  let bestQ = 0;
  for (const candidate of offered) {
    const [type = '', subtype = ''] = candidate.toLowerCase().split('/');
    let q: number | undefined;
    let specificity = -1;
    for (const r of ranges) {
      const s = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' ? 0 : -1;
      if (s > specificity) {
        specificity = s;
        q = r.q;
      }
    }
    if (q !== undefined && q > bestQ) {
      best = candidate;
      bestQ = q;
    }
  }
  return best;
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
