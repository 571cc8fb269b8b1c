// Maven's dependency resolution does not order versions with ComparableVersion but with maven-resolver's
// GenericVersion (org.eclipse.aether.util.version, resolver 1.6.3 in Maven 3.8.7): that order decides which
// versions a range contains and which one resolution picks. The two agree on usual versions and differ on odd
// ones (`1.0.0.X1`, unknown qualifiers); test/differential/maven checks this port against the real classes.

const enum Kind {
  Min = 0,
  Qualifier = 2,
  String = 3,
  Int = 4,
  BigInt = 5,
  Max = 8,
}

interface Item {
  readonly kind: Kind;
  /** Numbers and qualifier ranks as bigint; strings lower-cased. */
  readonly value: bigint | string;
}

const QUALIFIERS: Readonly<Record<string, bigint>> = {
  alpha: -5n, beta: -4n, milestone: -3n, cr: -2n, rc: -2n, snapshot: -1n, ga: 0n, final: 0n, release: 0n, '': 0n, sp: 1n,
};
const SHORT: Readonly<Record<string, bigint>> = { a: -5n, b: -4n, m: -3n };

const isNumber = (item: Item): boolean => (item.kind & Kind.Qualifier) === 0;
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** GenericVersion's tokenizer: `.`, `-`, `_` and digit/letter changes split; empty parts are 0. */
export function parseGenericVersion(version: string): Item[] {
  const text = version.length > 0 ? version : '0';
  const items: Item[] = [];
  let index = 0;
  const n = text.length;
  while (index < n) {
    let state = -2; // -2 nothing yet, -1 letters, 0 leading zeros, 1 digits
    let start = index;
    let end = n;
    let terminatedByNumber = false;
    for (; index < n; index++) {
      const c = text[index]!;
      if (c === '.' || c === '-' || c === '_') {
        end = index;
        index++;
        break;
      }
      if (isDigit(c)) {
        if (state === -1) {
          end = index;
          terminatedByNumber = true;
          break;
        }
        if (state === 0) start++; // strips leading zeros
        state = state > 0 || c !== '0' ? 1 : 0;
      } else {
        if (state >= 0) {
          end = index;
          break;
        }
        state = -1;
      }
    }
    const token = end - start > 0 ? text.slice(start, end) : '0';
    const number = end - start > 0 ? state >= 0 : true;
    items.push(toItem(token, number, index >= n, terminatedByNumber));
  }
  trimPadding(items);
  return items;
}

function toItem(token: string, number: boolean, last: boolean, terminatedByNumber: boolean): Item {
  if (number) return { kind: token.length < 10 ? Kind.Int : Kind.BigInt, value: BigInt(token) };
  const lower = token.toLowerCase();
  if (last && lower === 'min') return { kind: Kind.Min, value: 'min' };
  if (last && lower === 'max') return { kind: Kind.Max, value: 'max' };
  if (terminatedByNumber && token.length === 1 && SHORT[lower] !== undefined) return { kind: Kind.Qualifier, value: SHORT[lower] };
  const rank = Object.prototype.hasOwnProperty.call(QUALIFIERS, lower) ? QUALIFIERS[lower] : undefined;
  return rank !== undefined ? { kind: Kind.Qualifier, value: rank } : { kind: Kind.String, value: lower };
}

/** Compared with the padding item (0 or `ga`). */
function padSign(item: Item): number {
  switch (item.kind) {
    case Kind.Min:
      return -1;
    case Kind.Max:
    case Kind.BigInt:
    case Kind.String:
      return 1;
    default: {
      const v = item.value as bigint;
      return v < 0n ? -1 : v > 0n ? 1 : 0;
    }
  }
}

function compareItem(a: Item, b: Item): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  if (a.kind === Kind.Min || a.kind === Kind.Max) return 0;
  if (a.kind === Kind.String) {
    const x = a.value as string;
    const y = b.value as string;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = a.value as bigint;
  const y = b.value as bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

function trimPadding(items: Item[]): void {
  let number: boolean | undefined;
  let end = items.length - 1;
  for (let i = end; i > 0; i--) {
    const item = items[i]!;
    if (isNumber(item) !== number) {
      end = i;
      number = isNumber(item);
    }
    if (end === i && (i === items.length - 1 || isNumber(items[i - 1]!) === isNumber(item)) && padSign(item) === 0) {
      items.splice(i, 1);
      end--;
    }
  }
}

function comparePadding(items: readonly Item[], index: number, number: boolean | undefined): number {
  for (let i = index; i < items.length; i++) {
    const item = items[i]!;
    if (number !== undefined && number !== isNumber(item)) break;
    const rel = padSign(item);
    if (rel !== 0) return rel;
  }
  return 0;
}

/** Negative, zero or positive, as GenericVersion.compareTo. */
export function compareGenericItems(these: readonly Item[], those: readonly Item[]): number {
  let number = true;
  for (let index = 0; ; index++) {
    if (index >= these.length && index >= those.length) return 0;
    if (index >= these.length) return -comparePadding(those, index, undefined);
    if (index >= those.length) return comparePadding(these, index, undefined);
    const a = these[index]!;
    const b = those[index]!;
    if (isNumber(a) !== isNumber(b)) {
      return number === isNumber(a) ? comparePadding(these, index, number) : -comparePadding(those, index, number);
    }
    const rel = compareItem(a, b);
    if (rel !== 0) return rel;
    number = isNumber(a);
  }
}

export function compareGeneric(a: string, b: string): number {
  return Math.sign(compareGenericItems(parseGenericVersion(a), parseGenericVersion(b))) || 0;
}
