// Install snippets for one package version, per format, ready to paste.

export interface SnippetInput {
  format: string;
  namespace?: string;
  name: string;
  version: string;
}

/**
 * POSIX-shell quoting, only when needed (package names are usually plain). A word may not start with
 * `=` or `%` bare: zsh expands `=cmd`, and job control reads `%1`.
 */
function shellWord(s: string): string {
  return /^[A-Za-z0-9@./_][A-Za-z0-9@%+=:,./_-]*$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Whether a name can go into a command line as one harmless argument: quoting cannot stop a leading `-`
 * from reading as an option, and no shell can pass a NUL or an unpaired surrogate.
 */
function shellSafe(...words: string[]): boolean {
  return words.every((w) => !w.startsWith('-') && !w.includes('\0') && !LONE_SURROGATE.test(w));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Characters XML 1.0 cannot hold at all, not even as a character reference. */
// (Also C1 controls, which XML allows but discourages; in `u` mode the surrogate range matches lone ones only.)
const NOT_XML = /(?![\t\n\r])\p{Cc}|[\uFFFE\uFFFF\uD800-\uDFFF]/u;

/** Element text; `\r` as a reference, because an XML reader turns a raw one into `\n`. */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A Swift string literal's content. */
function swiftText(s: string): string {
  return s.replace(/[\\"\u2028\u2029]|\p{Cc}/gu, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u{${c.charCodeAt(0).toString(16)}}`));
}

/** Said instead of a command when a name cannot be written safely into one (one comment line). */
const NO_COMMAND = 'this name cannot be written safely into a command; install it by hand';

/** The npm package name as people write it: `@scope/name` (the API's namespace has no `@`). */
export function npmPackageName(namespace: string | undefined, name: string): string {
  return namespace ? `@${namespace.replace(/^@/, '')}/${name}` : name;
}

/** How a package is named in its own ecosystem: `@scope/name`, `group:artifact`, `name`. */
export function displayPackageName(format: string, namespace: string | undefined, name: string): string {
  switch (format) {
    case 'npm':
      return npmPackageName(namespace, name);
    case 'maven':
      return namespace ? `${namespace}:${name}` : name;
    default:
      return namespace ? `${namespace}/${name}` : name;
  }
}

export function installSnippet(v: SnippetInput): string {
  const parts = [v.namespace ?? '', v.name, v.version];
  switch (v.format) {
    case 'npm':
    case 'pypi':
    case 'cargo':
      // One word each: name and version together.
      if (!shellSafe(v.format === 'npm' ? npmPackageName(v.namespace, v.name) : v.name, v.version.replace(/^-/, ''))) return `# ${NO_COMMAND}`;
      break;
    case 'nuget':
    case 'ruby':
      if (!shellSafe(v.name, v.version)) return `# ${NO_COMMAND}`;
      break;
    case 'maven':
      if (parts.some((p) => NOT_XML.test(p))) return `<!-- ${NO_COMMAND} -->`;
      break;
    case 'swift':
      if (parts.some((p) => LONE_SURROGATE.test(p))) return `// ${NO_COMMAND}`;
      break;
  }
  switch (v.format) {
    case 'npm':
      return `npm i ${shellWord(`${npmPackageName(v.namespace, v.name)}@${v.version}`)}`;
    case 'pypi':
      return `pip install ${shellWord(`${v.name}==${v.version}`)}`;
    case 'maven':
      return [
        '<dependency>',
        `  <groupId>${xmlText(v.namespace ?? '')}</groupId>`,
        `  <artifactId>${xmlText(v.name)}</artifactId>`,
        `  <version>${xmlText(v.version)}</version>`,
        '</dependency>',
      ].join('\n');
    case 'nuget':
      return `dotnet add package ${shellWord(v.name)} --version ${shellWord(v.version)}`;
    case 'cargo':
      return `cargo add ${shellWord(`${v.name}@${v.version}`)}`;
    case 'ruby':
      return `gem install ${shellWord(v.name)} -v ${shellWord(v.version)}`;
    case 'swift':
      return `.package(id: "${swiftText(v.namespace ? `${v.namespace}.${v.name}` : v.name)}", exact: "${swiftText(v.version)}")`;
    default:
      return `${displayPackageName(v.format, v.namespace, v.name)}@${v.version}`;
  }
}
