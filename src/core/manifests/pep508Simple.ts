// PEP 508 requirements of the everyday shape (`name[extras] >=1,<2 ; python_version >= "3.8"`) read with one regular
// expression. pip-requirements-js's grammar costs about 1 ms a line, which makes a 10,000-line file take seconds;
// lines of this shape are read here in microseconds, and anything else (parentheses, URLs, unusual markers, an
// escaped quote) returns undefined and goes to the library. A unit test holds both readers to the same answer.

export interface LocatedText {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface SimpleRequirement {
  readonly name: LocatedText;
  readonly extras: readonly string[];
  readonly specs: readonly { readonly operator: LocatedText; readonly version: LocatedText }[];
  readonly marker?: LocatedText;
}

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const SPEC = '(?:~=|===|==|!=|<=|>=|<|>)[ \\t]*[A-Za-z0-9_.*+!-]+';
const MARKER_VAR = '(?:python_version|python_full_version|os_name|sys_platform|platform_release|platform_system|platform_version|platform_machine|platform_python_implementation|implementation_name|implementation_version|extra)';
const MARKER_VALUE = `(?:"[^"\\\\]*"|'[^'\\\\]*')`;
const MARKER_OP = '(?:===|==|!=|<=|>=|~=|<|>|not[ \\t]+in|in)';
const MARKER_ATOM = `(?:${MARKER_VAR}[ \\t]*${MARKER_OP}[ \\t]*${MARKER_VALUE}|${MARKER_VALUE}[ \\t]*${MARKER_OP}[ \\t]*${MARKER_VAR})`;
const MARKER = `${MARKER_ATOM}(?:[ \\t]+(?:and|or)[ \\t]+${MARKER_ATOM})*`;
const LINE = new RegExp(
  `^(${NAME})[ \\t]*(?:\\[[ \\t]*(${NAME}(?:[ \\t]*,[ \\t]*${NAME})*)?[ \\t]*\\])?[ \\t]*(${SPEC}(?:[ \\t]*,[ \\t]*${SPEC})*)?[ \\t]*(?:;[ \\t]*(${MARKER}))?[ \\t]*$`,
  'd',
);
const ONE_SPEC = /(~=|===|==|!=|<=|>=|<|>)[ \t]*([A-Za-z0-9_.*+!-]+)/g;

/** undefined when the line is not of the everyday shape (not necessarily invalid: ask the full grammar). */
export function parseSimpleRequirement(line: string): SimpleRequirement | undefined {
  const m = LINE.exec(line);
  if (!m?.indices) return undefined;
  const [nameAt, extrasAt, specsAt, markerAt] = [m.indices[1]!, m.indices[2], m.indices[3], m.indices[4]];
  const specs: { operator: LocatedText; version: LocatedText }[] = [];
  if (specsAt) {
    const text = line.slice(specsAt[0], specsAt[1]);
    for (const s of text.matchAll(ONE_SPEC)) {
      const opStart = specsAt[0] + s.index;
      const versionStart = specsAt[0] + s.index + s[0].length - s[2]!.length;
      specs.push({
        operator: { text: s[1]!, start: opStart, end: opStart + s[1]!.length },
        version: { text: s[2]!, start: versionStart, end: versionStart + s[2]!.length },
      });
    }
  }
  return {
    name: { text: m[1]!, start: nameAt[0], end: nameAt[1] },
    extras: extrasAt ? line.slice(extrasAt[0], extrasAt[1]).split(',').map((e) => e.trim()) : [],
    specs,
    ...(markerAt ? { marker: { text: line.slice(markerAt[0], markerAt[1]), start: markerAt[0], end: markerAt[1] } } : {}),
  };
}
