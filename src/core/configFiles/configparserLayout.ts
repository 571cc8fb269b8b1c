// Where sections and options sit in a file read by Python's configparser (pip.conf, .pypirc).
// The `ini` package cannot be used here: it has no continuation lines, and pip and twine configs rely on
// them (`index-servers =` followed by indented names). This follows configparser's own line rules
// (RawConfigParser defaults): `#`/`;` comment lines, `[name]` headers, `key = value` or `key: value`,
// and continuation lines indented deeper than their option. It only locates; values are not interpreted.
import { type Lines, lineContent } from './managedBlock';

export interface ConfigOption {
  readonly section: string | undefined;
  /** As configparser stores it: lower-cased. */
  readonly key: string;
  /** First and last line (inclusive) of the option, continuation lines included. */
  readonly start: number;
  readonly end: number;
  /** The value split into its non-empty pieces (first line's value, then each continuation line). */
  readonly values: readonly string[];
}

export interface ConfigSection {
  readonly name: string;
  readonly header: number;
  /** Last line before the next header (or the file's last line). */
  readonly end: number;
  /** Last line of the last option in the section, or the header when it has none. */
  readonly lastContent: number;
}

export interface ConfigLayout {
  readonly sections: readonly ConfigSection[];
  readonly options: readonly ConfigOption[];
}

const isComment = (s: string): boolean => /^\s*[#;]/.test(s);
const indentOf = (s: string): number => /^\s*/.exec(s)?.[0].length ?? 0;

export function scanConfigparser(doc: Lines): ConfigLayout {
  const sections: { name: string; header: number; end: number; lastContent: number }[] = [];
  const options: ConfigOption[] = [];
  const contents = doc.lines.map(lineContent);
  let i = 0;
  while (i < contents.length) {
    const line = contents[i] ?? '';
    const current = sections[sections.length - 1];
    if (line.trim() === '' || isComment(line)) {
      i++;
      continue;
    }
    const header = /^\[(.+)\]\s*$/.exec(line.trim());
    if (header && indentOf(line) === 0) {
      if (current) current.end = i - 1;
      sections.push({ name: header[1] ?? '', header: i, end: contents.length - 1, lastContent: i });
      i++;
      continue;
    }
    const option = /^(.*?)\s*[=:]\s*(.*)$/.exec(line.trim());
    if (!option) {
      i++;
      continue;
    }
    const indent = indentOf(line);
    const values = option[2] ? [option[2]] : [];
    let end = i;
    for (let j = i + 1; j < contents.length; j++) {
      const next = contents[j] ?? '';
      if (next.trim() === '' || isComment(next)) continue;
      if (indentOf(next) <= indent) break;
      values.push(next.trim());
      end = j;
    }
    options.push({ section: current?.name, key: (option[1] ?? '').toLowerCase(), start: i, end, values });
    if (current) current.lastContent = end;
    i = end + 1;
  }
  return { sections, options };
}

export function findOption(layout: ConfigLayout, section: string, keys: readonly string[]): ConfigOption | undefined {
  return layout.options.find((o) => o.section === section && keys.includes(o.key));
}

export function findSection(layout: ConfigLayout, name: string): ConfigSection | undefined {
  return layout.sections.find((s) => s.name === name);
}
