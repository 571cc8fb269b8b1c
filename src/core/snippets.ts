// Install snippets for one package version, per format, ready to paste.

export interface SnippetInput {
  format: string;
  namespace?: string;
  name: string;
  version: string;
}

/** POSIX-shell quoting, only when needed (package names are usually plain). */
function shellWord(s: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

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
      return `.package(id: "${v.namespace ? `${v.namespace}.` : ''}${v.name}", exact: "${v.version}")`;
    default:
      return `${displayPackageName(v.format, v.namespace, v.name)}@${v.version}`;
  }
}
