// Where each client reads its user-level configuration. Environment, home directory and platform are
// arguments so tests (and the integration suite's temp HOME) decide them.
import * as path from 'node:path';

export interface UserContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly platform?: NodeJS.Platform;
}

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/** npm's user config: `NPM_CONFIG_USERCONFIG` (any case, as npm accepts), else ~/.npmrc. */
export function userNpmrcPath(ctx: UserContext): string {
  const fromEnv = Object.entries(ctx.env).find(([k]) => k.toLowerCase() === 'npm_config_userconfig')?.[1];
  return path.resolve(ctx.home, nonEmpty(fromEnv) ?? '.npmrc');
}

/** yarn berry's home-level rc file: ~/.yarnrc.yml (the name follows `YARN_RC_FILENAME`). */
export function userYarnrcPath(ctx: UserContext): string {
  return path.join(ctx.home, nonEmpty(ctx.env.YARN_RC_FILENAME) ?? '.yarnrc.yml');
}

/**
 * The pip config we write: `PIP_CONFIG_FILE` when set (pip reads it last, so it wins), else the per-user
 * file — %APPDATA%\pip\pip.ini on Windows, $XDG_CONFIG_HOME/pip/pip.conf (default ~/.config) elsewhere,
 * which pip reads on macOS too.
 */
export function userPipConfigPath(ctx: UserContext): string {
  const explicit = nonEmpty(ctx.env.PIP_CONFIG_FILE);
  if (explicit !== undefined && explicit !== 'os.devnull' && explicit !== '/dev/null') return path.resolve(ctx.home, explicit);
  if ((ctx.platform ?? process.platform) === 'win32') {
    return path.join(nonEmpty(ctx.env.APPDATA) ?? path.join(ctx.home, 'AppData', 'Roaming'), 'pip', 'pip.ini');
  }
  return path.join(nonEmpty(ctx.env.XDG_CONFIG_HOME) ?? path.join(ctx.home, '.config'), 'pip', 'pip.conf');
}

export function pypircPath(ctx: UserContext): string {
  return path.join(ctx.home, '.pypirc');
}

export function mavenSettingsPath(ctx: UserContext): string {
  return path.join(ctx.home, '.m2', 'settings.xml');
}

/**
 * Maven's global settings, ${maven.home}/conf/settings.xml: MAVEN_HOME or M2_HOME when set, else where Debian's
 * and Homebrew's maven live. The first that exists is the one; none found means Maven's default file.
 */
export function mavenGlobalSettingsPaths(ctx: UserContext): string[] {
  const homes = [nonEmpty(ctx.env.MAVEN_HOME), nonEmpty(ctx.env.M2_HOME)].filter((h): h is string => h !== undefined);
  if (homes.length === 0 && (ctx.platform ?? process.platform) !== 'win32') homes.push('/usr/share/maven', '/opt/homebrew/opt/maven/libexec', '/usr/local/opt/maven/libexec');
  return [...new Set(homes.map((h) => path.join(h, 'conf', 'settings.xml')))];
}

/** Gradle runs every script in $GRADLE_USER_HOME/init.d (default ~/.gradle/init.d). */
export function gradleInitScriptPath(ctx: UserContext, name: string): string {
  return path.join(nonEmpty(ctx.env.GRADLE_USER_HOME) ?? path.join(ctx.home, '.gradle'), 'init.d', `${name}.gradle`);
}
