// What "Publish to CodeArtifact" runs: the program, its arguments and its environment, for npm publish, twine
// upload and mvn deploy. The token travels only in the environment — never in an argument (visible in `ps`, shell
// history and logs) and never in a file; where a tool reads credentials from a file (Maven), the file holds a
// `${env.…}` reference. No shell: the program is started with an argument list, so nothing a workspace writes
// (a file name, a package name) can become shell syntax. Pure: no I/O here.

export type PublishTool = 'npm' | 'twine' | 'maven';

export interface PublishPlan {
  readonly tool: PublishTool;
  /** The program (resolved on PATH by the terminal). */
  readonly program: string;
  readonly args: readonly string[];
  /** Added to the terminal's environment; the only place the token is. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** A file to write before running (Maven's server entry): never contains the token. */
  readonly file?: { readonly path: string; readonly text: string };
  /** The command as shown to a person and in the log (no token, no environment values). */
  readonly display: string;
}

export const TOKEN_ENV = 'CODEARTIFACT_AUTH_TOKEN';
/** The server id of the settings file the Maven plan writes; unlikely to clash with the user's own. */
export const MAVEN_SERVER_ID = 'codeartifact-publish';

export class PublishPlanError extends Error {
  override readonly name = 'PublishPlanError';
}

function endpointUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PublishPlanError(`Not an http(s) repository address: ${url.protocol}`);
  if (url.username || url.password || url.search || url.hash) throw new PublishPlanError('The repository address carries credentials, a query or a fragment.');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** npm's per-registry key (`//host/path/:_authToken`), as npm's "nerf dart" writes it. */
export function npmAuthKey(endpoint: string): string {
  const url = endpointUrl(endpoint);
  return `//${url.host}${url.pathname}:_authToken`;
}

function quoteForDisplay(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function display(program: string, args: readonly string[]): string {
  return [program, ...args].map(quoteForDisplay).join(' ');
}

/**
 * `npm publish --registry <endpoint>`; the token in `npm_config_//host/path/:_authToken`, which npm reads from the
 * environment without renaming nerf-darted keys (@npmcli/config). The registry flag wins over any `.npmrc` and
 * `publishConfig` in the folder, so a hostile project cannot send the token elsewhere.
 */
export function npmPublishPlan(opts: { endpoint: string; token: string; cwd: string; platform?: NodeJS.Platform }): PublishPlan {
  const registry = endpointUrl(opts.endpoint).toString();
  const program = (opts.platform ?? process.platform) === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['publish', '--registry', registry];
  return { tool: 'npm', program, args, env: { [`npm_config_${npmAuthKey(registry)}`]: opts.token }, cwd: opts.cwd, display: display('npm', args) };
}

/** Distribution files twine would upload: wheels and sdists, by name. */
export function isDistributionFile(name: string): boolean {
  return /\.(whl|tar\.gz|zip)$/i.test(name) && !name.startsWith('.');
}

/**
 * `twine upload --repository-url <endpoint> --non-interactive -- <files>`; user `aws` and the token in TWINE_USERNAME /
 * TWINE_PASSWORD. Files are absolute paths after `--`, so a file named like an option stays a file.
 */
export function twineUploadPlan(opts: { endpoint: string; token: string; cwd: string; files: readonly string[] }): PublishPlan {
  if (opts.files.length === 0) throw new PublishPlanError('There is nothing to upload in dist/: build the package first (python -m build).');
  for (const f of opts.files) if (!f.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(f)) throw new PublishPlanError(`Not an absolute path: ${f}`);
  const args = ['upload', '--repository-url', endpointUrl(opts.endpoint).toString(), '--non-interactive', '--', ...opts.files];
  return { tool: 'twine', program: 'twine', args, env: { TWINE_USERNAME: 'aws', TWINE_PASSWORD: opts.token }, cwd: opts.cwd, display: display('twine', args) };
}

/** The global settings file for `mvn -gs`: one server whose password is read from the environment at run time. */
export function mavenServerSettings(): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Written by the CodeArtifact extension for one deploy; the token comes from the environment. -->',
    '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">',
    '  <servers>',
    '    <server>',
    `      <id>${MAVEN_SERVER_ID}</id>`,
    '      <username>aws</username>',
    `      <password>\${env.${TOKEN_ENV}}</password>`,
    '    </server>',
    '  </servers>',
    '</settings>',
    '',
  ].join('\n');
}

/**
 * `mvn -gs <settings> deploy -DaltDeploymentRepository=<id>::default::<endpoint>` (the form maven-deploy-plugin 2.x
 * and 3.x both read); the token in CODEARTIFACT_AUTH_TOKEN. `-gs` adds our server beside the user's own settings.
 */
export function mavenDeployPlan(opts: { endpoint: string; token: string; cwd: string; settingsPath: string; platform?: NodeJS.Platform }): PublishPlan {
  const url = endpointUrl(opts.endpoint).toString();
  const program = (opts.platform ?? process.platform) === 'win32' ? 'mvn.cmd' : 'mvn';
  const args = ['-gs', opts.settingsPath, 'deploy', `-DaltDeploymentRepository=${MAVEN_SERVER_ID}::default::${url}`];
  return { tool: 'maven', program, args, env: { [TOKEN_ENV]: opts.token }, cwd: opts.cwd, file: { path: opts.settingsPath, text: mavenServerSettings() }, display: display('mvn', args) };
}

/** A wheel's or sdist's project name and version from its file name (PEP 427 / PEP 625), for the confirmation. */
export function distributionCoordinates(fileName: string): { name: string; version: string } | undefined {
  const wheel = /^([^-]+)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/i.exec(fileName);
  if (wheel) return { name: wheel[1]!, version: wheel[2]! };
  const sdist = /^(.+)-([^-]+)\.(?:tar\.gz|zip)$/i.exec(fileName);
  return sdist ? { name: sdist[1]!, version: sdist[2]! } : undefined;
}
