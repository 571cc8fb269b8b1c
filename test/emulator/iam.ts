// IAM as CodeArtifact applies it, far enough for least-privilege tests: identities (access keys with an ARN and
// identity-based policies, optionally temporary), domain and repository resource policies, and AWS's evaluation
// order (an explicit Deny wins; within an account an identity or a resource policy may allow; across accounts both
// must). Policies are IAM JSON: Action/NotAction and Resource/NotResource with `*`/`?` wildcards, Principal in
// resource policies, and the few Condition keys the emulator can know (others are refused, never ignored).
// Messages follow AWS's documented form: "User: ARN is not authorized to perform: ACTION on resource: ARN because
// no identity-based policy allows the ACTION action".

export type Effect = 'Allow' | 'Deny';

export interface Condition {
  operator: (typeof CONDITION_OPERATORS)[number];
  key: string;
  values: string[];
}

export interface Statement {
  sid?: string;
  effect: Effect;
  /** Exactly one of actions / notActions. */
  actions?: string[];
  notActions?: string[];
  /** Identity policies: exactly one of resources / notResources. Resource policies: optional (the resource itself). */
  resources?: string[];
  notResources?: string[];
  /** Resource policies only: `*`, principal ARNs or 12-digit accounts. */
  principals?: string[];
  conditions: Condition[];
}

export interface Policy {
  statements: Statement[];
}

export type PolicyKind = 'identity' | 'resource';

/** A caller: who an access key is, and what its identity-based policies allow. */
export interface Identity {
  accessKeyId: string;
  account: string;
  /** `arn:aws:iam::ACCOUNT:user/NAME`, `…:role/NAME` or `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  arn: string;
  /** Undefined: full access in its own account (the seed's `accounts`, as before identities existed). */
  policies?: Policy[];
  /** Temporary credentials: the request must carry this `X-Amz-Security-Token` (their end: Store.sessionExpiry). */
  sessionToken?: string;
}

export class PolicyError extends Error {
  override name = 'PolicyError';
}

export const CONDITION_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const;
/** The request-context keys the emulator knows; a condition on any other key is refused, not silently ignored. */
export const CONDITION_KEYS = ['sts:AWSServiceName', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:ResourceAccount'] as const;

const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const ACCOUNT = /^\d{12}$/;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, path: string): string[] {
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || list.some((s) => typeof s !== 'string' || s === '')) {
    throw new PolicyError(`${path}: must be a non-empty string or a non-empty list of strings`);
  }
  return list as string[];
}

function principalList(v: unknown, path: string): string[] {
  if (v === '*') return ['*'];
  if (!isObject(v)) throw new PolicyError(`${path}: must be "*" or {"AWS": …}`);
  const keys = Object.keys(v);
  const other = keys.find((k) => k !== 'AWS');
  if (other !== undefined) throw new PolicyError(`${path}.${other}: only AWS principals are supported (CodeArtifact resource policies name accounts, users and roles)`);
  const list = stringList(v.AWS, `${path}.AWS`);
  for (const [i, p] of list.entries()) {
    if (p !== '*' && !ACCOUNT.test(p) && !/^arn:aws[a-z-]*:(iam|sts)::\d{12}:.+$/.test(p)) {
      throw new PolicyError(`${path}.AWS[${i}]: ${JSON.stringify(p)} is not "*", a 12-digit account or an IAM/STS principal ARN`);
    }
  }
  return list;
}

function conditionList(v: unknown, path: string): Condition[] {
  if (!isObject(v)) throw new PolicyError(`${path}: must be an object of operator → {key: value(s)}`);
  const out: Condition[] = [];
  for (const [operator, tests] of Object.entries(v)) {
    if (!(CONDITION_OPERATORS as readonly string[]).includes(operator)) {
      throw new PolicyError(`${path}.${operator}: the emulator does not support this condition operator (supported: ${CONDITION_OPERATORS.join(', ')})`);
    }
    if (!isObject(tests)) throw new PolicyError(`${path}.${operator}: must be an object of key → value(s)`);
    for (const [key, values] of Object.entries(tests)) {
      if (!(CONDITION_KEYS as readonly string[]).includes(key)) {
        throw new PolicyError(`${path}.${operator}.${key}: the emulator does not support this condition key (supported: ${CONDITION_KEYS.join(', ')})`);
      }
      out.push({ operator: operator as Condition['operator'], key, values: stringList(values, `${path}.${operator}.${key}`) });
    }
  }
  return out;
}

const STATEMENT_FIELDS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'];

function parseStatement(s: unknown, path: string, kind: PolicyKind): Statement {
  if (!isObject(s)) throw new PolicyError(`${path}: must be an object`);
  for (const key of Object.keys(s)) if (!STATEMENT_FIELDS.includes(key)) throw new PolicyError(`${path}.${key}: not a policy statement element`);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new PolicyError(`${path}.Effect: must be "Allow" or "Deny"`);
  const st: Statement = { effect: s.Effect, conditions: [] };
  if (s.Sid !== undefined) {
    if (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(s.Sid)) throw new PolicyError(`${path}.Sid: must be letters and digits`);
    st.sid = s.Sid;
  }
  if ((s.Action === undefined) === (s.NotAction === undefined)) throw new PolicyError(`${path}: give exactly one of Action, NotAction`);
  const actionKey = s.Action !== undefined ? 'Action' : 'NotAction';
  const actions = stringList(s[actionKey], `${path}.${actionKey}`);
  for (const [i, a] of actions.entries()) if (!ACTION.test(a)) throw new PolicyError(`${path}.${actionKey}[${i}]: ${JSON.stringify(a)} is not "service:Action" (wildcards * and ? allowed)`);
  if (actionKey === 'Action') st.actions = actions;
  else st.notActions = actions;
  if (s.Resource !== undefined && s.NotResource !== undefined) throw new PolicyError(`${path}: give Resource or NotResource, not both`);
  if (kind === 'identity' && s.Resource === undefined && s.NotResource === undefined) throw new PolicyError(`${path}: an identity-based policy statement needs Resource or NotResource`);
  for (const key of ['Resource', 'NotResource'] as const) {
    if (s[key] === undefined) continue;
    const list = stringList(s[key], `${path}.${key}`);
    for (const [i, r] of list.entries()) if (r !== '*' && !r.startsWith('arn:')) throw new PolicyError(`${path}.${key}[${i}]: ${JSON.stringify(r)} is not "*" or an ARN`);
    if (key === 'Resource') st.resources = list;
    else st.notResources = list;
  }
  if (s.NotPrincipal !== undefined) throw new PolicyError(`${path}.NotPrincipal: not supported by the emulator`);
  if (kind === 'identity' && s.Principal !== undefined) throw new PolicyError(`${path}.Principal: an identity-based policy has no Principal (it applies to the identity it is attached to)`);
  if (kind === 'resource') {
    if (s.Principal === undefined) throw new PolicyError(`${path}.Principal: a resource policy statement must name a Principal`);
    st.principals = principalList(s.Principal, `${path}.Principal`);
  }
  if (s.Condition !== undefined) st.conditions = conditionList(s.Condition, `${path}.Condition`);
  return st;
}

/** Validates an IAM policy (a JSON string or the parsed object); throws PolicyError naming the offending element. */
export function parsePolicy(document: unknown, kind: PolicyKind): Policy {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = JSON.parse(document);
    } catch (err) {
      throw new PolicyError(`the policy document is not valid JSON: ${(err as Error).message}`);
    }
  }
  if (!isObject(value)) throw new PolicyError('a policy document must be a JSON object with Version and Statement');
  for (const key of Object.keys(value)) if (!['Version', 'Id', 'Statement'].includes(key)) throw new PolicyError(`${key}: not a policy element (expected Version, Id, Statement)`);
  if (value.Version !== '2012-10-17' && value.Version !== '2008-10-17') throw new PolicyError('Version: must be "2012-10-17" (or the older "2008-10-17")');
  const raw = Array.isArray(value.Statement) ? (value.Statement as unknown[]) : value.Statement === undefined ? [] : [value.Statement];
  if (raw.length === 0) throw new PolicyError('Statement: required, one statement or a non-empty list');
  return { statements: raw.map((s, i) => parseStatement(s, Array.isArray(value.Statement) ? `Statement[${i}]` : 'Statement', kind)) };
}

/** IAM wildcard match: `*` any run of characters, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, ignoreCase ? 'is' : 's');
  return re.test(value);
}

function conditionsHold(conditions: Condition[], context: Record<string, string>): boolean {
  return conditions.every((c) => {
    const actual = context[c.key];
    const like = c.operator === 'StringLike' || c.operator === 'StringNotLike';
    const negated = c.operator === 'StringNotEquals' || c.operator === 'StringNotLike';
    // A key absent from the request matches no value: positive operators fail, negated ones hold (IAM's rule).
    const matched = actual !== undefined && c.values.some((v) => (like ? wildcardMatch(v, actual) : v === actual));
    return negated ? !matched : matched;
  });
}

function principalMatches(principals: string[], identity: Identity): boolean {
  return principals.some((p) => {
    if (p === '*' || p === identity.arn || p === identity.account || p === `arn:aws:iam::${identity.account}:root`) return true;
    // A role principal covers its sessions.
    const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(identity.arn);
    return session !== null && p === `arn:aws:iam::${session[1]}:role/${session[2]}`;
  });
}

function statementApplies(st: Statement, effect: Effect, action: string, resource: string, context: Record<string, string>, identity?: Identity): boolean {
  if (st.effect !== effect) return false;
  if (st.actions && !st.actions.some((a) => wildcardMatch(a, action, true))) return false;
  if (st.notActions?.some((a) => wildcardMatch(a, action, true))) return false;
  if (st.resources && !st.resources.some((r) => wildcardMatch(r, resource))) return false;
  if (st.notResources?.some((r) => wildcardMatch(r, resource))) return false;
  if (identity && st.principals && !principalMatches(st.principals, identity)) return false;
  return conditionsHold(st.conditions, context);
}

/** One authorization question: may this identity do `action` on `resource`? */
export interface AccessRequest {
  action: string;
  /** The resource ARN, or `*` for actions without a resource type (ListDomains, sts:GetServiceBearerToken). */
  resource: string;
  /** The account that owns the resource; undefined when no resource policy can apply. */
  resourceAccount?: string;
  /** The domain's and the repository's permissions policies, where they apply. */
  resourcePolicies: Policy[];
  /** Extra request-context keys (e.g. `sts:AWSServiceName`). */
  context?: Record<string, string>;
}

export type Decision = { allowed: true } | { allowed: false; message: string };

/** AWS's evaluation: explicit Deny anywhere wins; same account: identity OR resource policy allows; cross-account: both. */
export function evaluate(identity: Identity, request: AccessRequest): Decision {
  const { action, resource } = request;
  const context: Record<string, string> = { 'aws:PrincipalAccount': identity.account, 'aws:PrincipalArn': identity.arn, ...(request.resourceAccount ? { 'aws:ResourceAccount': request.resourceAccount } : {}), ...request.context };
  const onResource = resource === '*' ? '' : ` on resource: ${resource}`;
  const deny = (why: string): Decision => ({ allowed: false, message: `User: ${identity.arn} is not authorized to perform: ${action}${onResource} ${why}` });
  const identityStatements = (identity.policies ?? []).flatMap((p) => p.statements);
  const resourceStatements = request.resourcePolicies.flatMap((p) => p.statements);
  if (identityStatements.some((st) => statementApplies(st, 'Deny', action, resource, context))) return deny('with an explicit deny in an identity-based policy');
  if (resourceStatements.some((st) => statementApplies(st, 'Deny', action, resource, context, identity))) return deny('with an explicit deny in a resource-based policy');
  const identityAllows = identity.policies === undefined || identityStatements.some((st) => statementApplies(st, 'Allow', action, resource, context));
  const resourceAllows = resourceStatements.some((st) => statementApplies(st, 'Allow', action, resource, context, identity));
  const crossAccount = request.resourceAccount !== undefined && request.resourceAccount !== identity.account;
  if (crossAccount) {
    if (!identityAllows) return deny(`because no identity-based policy allows the ${action} action`);
    if (!resourceAllows) return deny(`because no resource-based policy allows the ${action} action`);
    return { allowed: true };
  }
  if (identityAllows || resourceAllows) return { allowed: true };
  return deny(`because no identity-based policy allows the ${action} action`);
}
