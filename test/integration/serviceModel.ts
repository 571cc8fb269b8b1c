// The CodeArtifact service model as botocore ships it (service-2.json, paginators-1.json), and what a
// restJson1 client derives from it: how an operation's input goes on the wire, and whether an answer (success
// or error) has the shape, members, types, enums, constraints and HTTP bindings the model gives it. Checkers
// return deviations as strings ("ListPackages: packages[0].format: 'foo' is not one of …") instead of
// throwing, so one run reports every deviation at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './helpers';

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'timestamp' | 'blob' | 'double' | 'float';
  members?: Record<string, MemberRef>;
  required?: string[];
  payload?: string;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  streaming?: boolean;
  exception?: boolean;
  error?: { httpStatusCode: number; code?: string };
  timestampFormat?: MemberRef['timestampFormat'];
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface Paginator {
  input_token: string;
  output_token: string;
  limit_key?: string;
  result_key: string;
}

export interface ServiceModel {
  metadata: { protocol: string; signingName: string; apiVersion: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
  paginators: Record<string, Paginator>;
}

export const MODEL_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'aws');

/** botocore's model as the installed Debian `awscli` carries it (older than ours; CI installs it). */
export const AWS_CLI_MODEL = '/usr/lib/python3/dist-packages/awscli/botocore/data/codeartifact/2018-09-22/service-2.json';

export function loadServiceModel(servicePath = join(MODEL_DIR, 'codeartifact-2018-09-22.service-2.json'), paginatorsPath: string | undefined = join(MODEL_DIR, 'codeartifact-2018-09-22.paginators-1.json')): ServiceModel {
  const service = JSON.parse(readFileSync(servicePath, 'utf8')) as Omit<ServiceModel, 'paginators'>;
  const paginators = paginatorsPath ? (JSON.parse(readFileSync(paginatorsPath, 'utf8')) as { pagination: Record<string, Paginator> }).pagination : {};
  return { ...service, paginators };
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`the model has no shape ${name}`);
  return shape;
}

// ---- requests ----------------------------------------------------------------------------------------------

export interface WireRequest {
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Input values as the test writes them: member names of the input shape; timestamps as Date, blobs as Buffer. */
export type Input = Record<string, unknown>;

/** Puts an operation's input on the wire the way a restJson1 client generated from the model does. */
export function serializeRequest(model: ServiceModel, operation: string, input: Input): WireRequest {
  const op = model.operations[operation];
  if (!op) throw new Error(`the model has no operation ${operation}`);
  const shape = op.input ? shapeOf(model, op.input.shape) : { type: 'structure' as const, members: {} };
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  let payload: Buffer | undefined;
  let hasBodyMembers = false;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = input[name];
    const target = shapeOf(model, ref.shape);
    if (shape.payload === name) {
      if (value === undefined) continue;
      payload = target.type === 'blob' ? Buffer.from(value as Buffer) : Buffer.from(JSON.stringify(toJson(model, ref, value)));
      headers['content-type'] = target.type === 'blob' ? 'application/octet-stream' : 'application/json';
      continue;
    }
    if (ref.location === undefined) hasBodyMembers = true;
    if (value === undefined) continue;
    const key = ref.locationName ?? name;
    switch (ref.location) {
      case 'querystring':
        for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) query.append(key, scalarText(target, v, 'iso8601'));
        break;
      case 'header':
        headers[key.toLowerCase()] = scalarText(target, value, 'rfc822');
        break;
      case 'uri':
      case 'headers':
      case 'statusCode':
        throw new Error(`${operation}.${name}: location ${ref.location} is not used by CodeArtifact and not implemented here`);
      default:
        body[key] = toJson(model, ref, value);
    }
  }
  if (payload === undefined && hasBodyMembers) {
    payload = Buffer.from(JSON.stringify(body));
    headers['content-type'] = 'application/json';
  }
  const qs = query.toString().replace(/\+/g, '%20');
  return { method: op.http.method, path: `${op.http.requestUri}${qs ? `?${qs}` : ''}`, headers, body: payload };
}

function scalarText(shape: Shape, value: unknown, timestampFormat: 'iso8601' | 'rfc822'): string {
  if (shape.type === 'timestamp') {
    const d = value as Date;
    return timestampFormat === 'iso8601' ? d.toISOString() : d.toUTCString();
  }
  return String(value);
}

function toJson(model: ServiceModel, ref: MemberRef, value: unknown): unknown {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'timestamp':
      return (value as Date).getTime() / 1000;
    case 'blob':
      return Buffer.from(value as Buffer).toString('base64');
    case 'list':
      return (value as unknown[]).map((v) => toJson(model, shape.member as MemberRef, v));
    case 'map':
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJson(model, shape.value as MemberRef, v)]));
    case 'structure':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => {
          const member = shape.members?.[k];
          if (!member) throw new Error(`${ref.shape} has no member ${k}`);
          return [member.locationName ?? k, toJson(model, member, v)];
        }),
      );
    default:
      return value;
  }
}

/** Deviations of a test's own input from the input shape: a valid call must be valid by the model. */
export function checkInput(model: ServiceModel, operation: string, input: Input): string[] {
  const op = model.operations[operation];
  if (!op?.input) return Object.keys(input).length > 0 ? [`${operation} takes no input`] : [];
  const out: string[] = [];
  const shape = shapeOf(model, op.input.shape);
  // The test names top-level members by their member names, wherever they are bound.
  const byName: Shape = { ...shape, members: Object.fromEntries(Object.entries(shape.members ?? {}).map(([name, ref]) => [name, { shape: ref.shape }])) };
  checkStructure(model, op.input.shape, byName, inputAsJson(model, op.input.shape, input), 'input', out);
  return out;
}

function inputAsJson(model: ServiceModel, shapeName: string, input: Input): Record<string, unknown> {
  const shape = shapeOf(model, shapeName);
  const json: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const ref = shape.members?.[name];
    // Blobs in a payload are raw bytes; checked here as what JSON would carry.
    json[name] = ref ? toJson(model, ref, value) : value;
  }
  return json;
}

// ---- answers -----------------------------------------------------------------------------------------------

export interface WireAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The parsed output of a successful answer (header members included), for the test's own follow-up calls. */
export type Output = Record<string, unknown>;

/** Checks a 2xx answer against the operation's output shape; returns the output and the deviations found. */
export function checkSuccess(model: ServiceModel, operation: string, answer: WireAnswer): { output: Output; deviations: string[] } {
  const op = model.operations[operation];
  if (!op) return { output: {}, deviations: [`the model has no operation ${operation}`] };
  const out: string[] = [];
  const expected = op.http.responseCode ?? 200;
  if (answer.status !== expected) out.push(`status ${answer.status}, the model says ${expected}`);
  const shapeName = op.output?.shape;
  const shape: Shape = shapeName ? shapeOf(model, shapeName) : { type: 'structure', members: {} };
  const output: Output = {};
  const bodyMembers: Record<string, MemberRef> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location === 'header') {
      const raw = answer.headers[(ref.locationName ?? name).toLowerCase()];
      if (raw === undefined) continue;
      const value = headerValue(shapeOf(model, ref.shape), raw, `header ${ref.locationName ?? name}`, out);
      if (value !== undefined) {
        checkValue(model, ref, value, `header ${ref.locationName ?? name}`, out);
        output[name] = value;
      }
    } else if (ref.location === 'statusCode') {
      output[name] = answer.status;
    } else if (ref.location !== undefined) {
      out.push(`${name}: output location ${ref.location} is not checked here`);
    } else if (shape.payload !== name) {
      bodyMembers[name] = ref;
    }
  }
  const payloadRef = shape.payload !== undefined ? shape.members?.[shape.payload] : undefined;
  if (payloadRef && shapeOf(model, payloadRef.shape).type === 'blob') {
    // A streaming blob: the body is the bytes themselves, whatever they are.
    output[shape.payload as string] = answer.body;
  } else {
    const json = parseJsonBody(answer, out);
    if (json !== undefined) {
      if (payloadRef) {
        checkValue(model, payloadRef, json, 'body', out);
        output[shape.payload as string] = json;
      } else if (shapeName) {
        checkStructure(model, shapeName, { ...shape, members: bodyMembers }, json, 'body', out);
        Object.assign(output, json as Record<string, unknown>);
      } else if (!isEmptyObject(json)) {
        out.push(`body: the operation has no output but the answer has ${shown(json)}`);
      }
    }
  }
  for (const name of shape.required ?? []) {
    if (output[name] === undefined || output[name] === null) out.push(`${name}: required by ${shapeName ?? 'the output'} but missing`);
  }
  return { output, deviations: out };
}

/**
 * Checks an error answer: its type (x-amzn-errortype, else `__type`/`code` in the body) is one of the
 * operation's declared errors, the status is that error's `httpStatusCode`, and the body fits its shape.
 * Returns the error type.
 */
/**
 * Errors AWS's front end answers before any operation runs (authentication), for every service, so no model
 * declares them: the "Common Errors" of the AWS API references, with the status restJson services answer.
 */
export const COMMON_ERRORS: Record<string, number> = {
  UnrecognizedClientException: 403,
  ExpiredTokenException: 403,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
};

export function checkError(model: ServiceModel, operation: string, answer: WireAnswer): { type: string | undefined; body: Record<string, unknown>; deviations: string[] } {
  const op = model.operations[operation];
  const out: string[] = [];
  const body = parseJsonBody(answer, out);
  const fromHeader = answer.headers['x-amzn-errortype']?.split(':')[0];
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const fromBody = typeof record.__type === 'string' ? record.__type.split('#').pop()?.split(':')[0] : typeof record.code === 'string' ? record.code : undefined;
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) out.push(`error type ${fromHeader} in the header but ${fromBody} in the body`);
  const type = fromHeader ?? fromBody;
  if (type === undefined) {
    out.push(`status ${answer.status} without an error type (no x-amzn-errortype header, no __type)`);
    return { type, body: record, deviations: out };
  }
  const declared = (op?.errors ?? []).map((e) => e.shape);
  const shapeName = declared.find((name) => name === type || model.shapes[name]?.error?.code === type);
  const common = COMMON_ERRORS[type];
  if (!shapeName && common !== undefined) {
    if (answer.status !== common) out.push(`${type} with status ${answer.status}, AWS answers ${common}`);
    if (typeof record.message !== 'string' || record.message === '') out.push(`${type} without a message`);
    return { type, body: record, deviations: out };
  }
  if (!shapeName) {
    out.push(`error ${type} (${answer.status}) is not one of ${operation}'s errors: ${declared.join(', ')}`);
    return { type, body: record, deviations: out };
  }
  const shape = shapeOf(model, shapeName);
  if (answer.status !== shape.error?.httpStatusCode) out.push(`${type} with status ${answer.status}, the model says ${shape.error?.httpStatusCode ?? '?'}`);
  const bodyMembers: Record<string, MemberRef> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location === 'header') {
      const raw = answer.headers[(ref.locationName ?? name).toLowerCase()];
      const value = raw === undefined ? undefined : headerValue(shapeOf(model, ref.shape), raw, `header ${ref.locationName ?? name}`, out);
      if (value !== undefined) checkValue(model, ref, value, `header ${ref.locationName ?? name}`, out);
    } else {
      bodyMembers[name] = ref;
    }
  }
  // `__type` and `code` carry the error type itself, not members.
  const { __type: _type, code: _code, ...members } = record;
  if (body !== undefined) checkStructure(model, shapeName, { ...shape, members: bodyMembers }, members, 'body', out);
  return { type, body: record, deviations: out.map((d) => `${type}: ${d}`) };
}

function parseJsonBody(answer: WireAnswer, out: string[]): unknown {
  const type = answer.headers['content-type'] ?? '';
  if (answer.body.length === 0) return {};
  if (!/^application\/(x-amz-json-1\.[01]|json)\b/.test(type)) out.push(`content-type ${JSON.stringify(type)} for a JSON body`);
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    out.push(`the body is not JSON: ${answer.body.toString('utf8').slice(0, 80)}`);
    return undefined;
  }
}

function headerValue(shape: Shape, raw: string, path: string, out: string[]): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(raw)) {
        out.push(`${path}: ${JSON.stringify(raw)} is not an integer`);
        return undefined;
      }
      return Number(raw);
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') {
        out.push(`${path}: ${JSON.stringify(raw)} is not a boolean`);
        return undefined;
      }
      return raw === 'true';
    case 'timestamp': {
      const t = Date.parse(raw);
      if (Number.isNaN(t)) {
        out.push(`${path}: ${JSON.stringify(raw)} is not an HTTP date`);
        return undefined;
      }
      return t / 1000;
    }
    default:
      return raw;
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Botocore patterns are Java regular expressions; AWS validates them against the whole value. */
function patternOf(source: string): RegExp {
  return new RegExp(`^(?:${source.replace(/\\p\{IsWhitespace\}/g, '\\p{White_Space}')})$`, 'u');
}

// Epoch seconds between 2000 and 2100: a number outside is milliseconds or nonsense.
const EPOCH_2000 = 946_684_800;
const EPOCH_2100 = 4_102_444_800;

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function checkStructure(model: ServiceModel, shapeName: string, shape: Shape, value: unknown, path: string, out: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.push(`${path}: ${shown(value)} is not a structure (${shapeName})`);
    return;
  }
  const byWireName = new Map(Object.entries(shape.members ?? {}).map(([name, ref]) => [ref.locationName ?? name, { name, ref }]));
  const record = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(record)) {
    const member = byWireName.get(key);
    const at = path === 'body' ? key : `${path}.${key}`;
    if (!member) {
      const near = [...byWireName.keys()].find((k) => k.toLowerCase() === key.toLowerCase());
      out.push(`${at}: not a member of ${shapeName}${near ? ` (the model spells it ${near})` : ''}`);
      continue;
    }
    checkValue(model, member.ref, v, at, out);
  }
  for (const name of shape.required ?? []) {
    const ref = shape.members?.[name];
    // Header-bound required members are checked by the caller.
    if (!ref || ref.location !== undefined) continue;
    const v = record[ref.locationName ?? name];
    if (v === undefined || v === null) out.push(`${path === 'body' ? name : `${path}.${name}`}: required by ${shapeName} but missing`);
  }
}

/** Checks one JSON value against the shape a member refers to (recursively). */
export function checkValue(model: ServiceModel, ref: MemberRef, value: unknown, path: string, out: string[]): void {
  const shape = shapeOf(model, ref.shape);
  if (value === null) {
    out.push(`${path}: null (a ${shape.type} of shape ${ref.shape} is left out when it has no value)`);
    return;
  }
  switch (shape.type) {
    case 'structure':
      checkStructure(model, ref.shape, shape, value, path, out);
      return;
    case 'list': {
      if (!Array.isArray(value)) {
        out.push(`${path}: ${shown(value)} is not a list (${ref.shape})`);
        return;
      }
      checkLength(shape, value.length, ref.shape, path, out);
      value.forEach((v, i) => checkValue(model, shape.member as MemberRef, v, `${path}[${i}]`, out));
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push(`${path}: ${shown(value)} is not a map (${ref.shape})`);
        return;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(shape, entries.length, ref.shape, path, out);
      for (const [k, v] of entries) {
        checkValue(model, shape.key as MemberRef, k, `${path} key ${JSON.stringify(k)}`, out);
        checkValue(model, shape.value as MemberRef, v, `${path}[${JSON.stringify(k)}]`, out);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') {
        out.push(`${path}: ${shown(value)} is not a string (${ref.shape})`);
        return;
      }
      if (shape.enum && !shape.enum.includes(value)) out.push(`${path}: ${shown(value)} is not one of ${ref.shape}: ${shape.enum.join(', ')}`);
      checkLength(shape, [...value].length, ref.shape, path, out);
      if (shape.pattern !== undefined && !patternOf(shape.pattern).test(value)) out.push(`${path}: ${shown(value)} does not match ${ref.shape}'s pattern ${shape.pattern}`);
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        out.push(`${path}: ${shown(value)} is not an ${shape.type} (${ref.shape})`);
        return;
      }
      if (shape.type === 'integer' && (value < -(2 ** 31) || value >= 2 ** 31)) out.push(`${path}: ${value} does not fit a 32-bit integer`);
      if (shape.min !== undefined && value < shape.min) out.push(`${path}: ${value} is below ${ref.shape}'s minimum ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) out.push(`${path}: ${value} is above ${ref.shape}'s maximum ${shape.max}`);
      return;
    }
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${path}: ${shown(value)} is not a number (${ref.shape})`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${path}: ${shown(value)} is not a boolean (${ref.shape})`);
      return;
    case 'timestamp': {
      const format = ref.timestampFormat ?? shape.timestampFormat ?? 'unixTimestamp';
      if (format !== 'unixTimestamp') {
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) out.push(`${path}: ${shown(value)} is not a ${format} timestamp`);
        return;
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${path}: ${shown(value)} is not a timestamp in epoch seconds (a JSON number)`);
      else if (value < EPOCH_2000 || value > EPOCH_2100) out.push(`${path}: ${value} is not plausible as epoch seconds (milliseconds?)`);
      return;
    }
    case 'blob':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) out.push(`${path}: ${shown(value)} is not base64 (${ref.shape})`);
      return;
  }
}

function checkLength(shape: Shape, length: number, name: string, path: string, out: string[]): void {
  if (shape.min !== undefined && length < shape.min) out.push(`${path}: length ${length} is below ${name}'s minimum ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) out.push(`${path}: length ${length} is above ${name}'s maximum ${shape.max}`);
}
