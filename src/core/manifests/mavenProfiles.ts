// Which of a pom's profiles Maven 3.8 activates on its own: the JDK, OS, property and file activators (every
// condition a profile names must hold), and activeByDefault only when no other profile of that pom is active.
// Properties come from the user (-D) then the system; file paths are relative to the pom's directory.

import * as path from 'node:path';
import { compareGeneric } from '../versioning/genericVersion';
import { parseMavenRange } from '../versioning/mavenVersion';
import type { RawDependency } from './mavenModel';
import { child, type XmlElement } from './xmlTree';

export interface ActivationContext {
  /** `java.version` of the JDK Maven would run on (e.g. `17.0.15`). */
  readonly javaVersion: string;
  /** As Java reports them: os.name `Linux`, arch `amd64`, version the kernel's; family `unix`, `windows`, `mac`. */
  readonly os: { readonly name: string; readonly family: string; readonly arch: string; readonly version: string };
  readonly systemProperties?: Readonly<Record<string, string>>;
  readonly userProperties?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface RawProfile {
  readonly id: string;
  readonly activation: XmlElement | undefined;
  readonly properties: Map<string, string>;
  readonly dependencies: RawDependency[];
  readonly managed: RawDependency[];
}

export interface FileCheck {
  exists(file: string): Promise<boolean>;
}

const value = (e: XmlElement | undefined): string | undefined => (e ? e.text.trim() : undefined);

/** `!x` negates. */
function matches(expected: string, actual: string): boolean {
  const negated = expected.startsWith('!');
  const want = (negated ? expected.slice(1) : expected).toLowerCase();
  return (want === actual.toLowerCase()) !== negated;
}

function jdkMatches(spec: string, javaVersion: string): boolean {
  const negated = spec.startsWith('!');
  const jdk = negated ? spec.slice(1) : spec;
  let result: boolean;
  if (jdk.startsWith('[') || jdk.startsWith('(')) {
    const range = parseMavenRange(jdk);
    result =
      range?.kind === 'ranges' &&
      range.restrictions.some((r) => {
        const low = r.lower ? compareGeneric(javaVersion, r.lower.version) : 1;
        const high = r.upper ? compareGeneric(javaVersion, r.upper.version) : -1;
        return (low > 0 || (low === 0 && r.lower?.inclusive === true)) && (high < 0 || (high === 0 && r.upper?.inclusive === true));
      });
  } else {
    result = javaVersion.startsWith(jdk);
  }
  return result !== negated;
}

function osFamilyMatches(family: string, ctx: ActivationContext): boolean {
  const name = ctx.os.name.toLowerCase();
  switch (family.toLowerCase()) {
    case 'windows':
      return name.includes('windows');
    case 'mac':
      return name.includes('mac');
    case 'unix':
      return !name.includes('windows') && !name.includes('os/2') && !name.includes('netware') && !name.includes('z/os');
    case 'dos':
      return name.includes('windows') || name.includes('dos');
    default:
      return ctx.os.family.toLowerCase() === family.toLowerCase();
  }
}

/** undefined: the profile names no condition an activator reads (only activeByDefault, or nothing). */
export async function conditionsHold(activation: XmlElement, dir: string | undefined, ctx: ActivationContext, io: FileCheck): Promise<boolean | undefined> {
  const checks: boolean[] = [];
  const jdk = value(child(activation, 'jdk'));
  // An unknown JDK (empty javaVersion) activates no JDK profile.
  if (jdk !== undefined) checks.push(ctx.javaVersion !== '' && jdkMatches(jdk, ctx.javaVersion));
  const os = child(activation, 'os');
  if (os) {
    const name = value(child(os, 'name'));
    const family = value(child(os, 'family'));
    const arch = value(child(os, 'arch'));
    const version = value(child(os, 'version'));
    if (name !== undefined) checks.push(matches(name, ctx.os.name));
    if (family !== undefined) checks.push(osFamilyMatches(family.replace(/^!/, ''), ctx) !== family.startsWith('!'));
    if (arch !== undefined) checks.push(matches(arch, ctx.os.arch));
    if (version !== undefined) checks.push(matches(version, ctx.os.version));
  }
  const property = child(activation, 'property');
  const propertyName = value(child(property, 'name'));
  if (propertyName !== undefined && propertyName !== '') {
    const negated = propertyName.startsWith('!');
    const name = negated ? propertyName.slice(1) : propertyName;
    const actual = ctx.userProperties?.[name] ?? ctx.systemProperties?.[name];
    const expected = value(child(property, 'value'));
    if (expected === undefined || expected === '') {
      checks.push((actual !== undefined && actual !== '') !== negated);
    } else {
      const valueNegated = expected.startsWith('!');
      checks.push(!negated && (actual === (valueNegated ? expected.slice(1) : expected)) !== valueNegated);
    }
  }
  const file = child(activation, 'file');
  if (file) {
    const exists = value(child(file, 'exists'));
    const missing = value(child(file, 'missing'));
    const written = exists ?? missing;
    if (written !== undefined && written !== '') {
      if (dir === undefined) {
        checks.push(false);
      } else {
        const expanded = written.replace(/\$\{(project\.basedir|basedir)\}/g, dir);
        const full = path.isAbsolute(expanded) ? expanded : path.join(dir, expanded);
        const there = /\$\{/.test(expanded) ? false : await io.exists(full);
        checks.push(exists !== undefined ? there : !there);
      }
    }
  }
  return checks.length === 0 ? undefined : checks.every(Boolean);
}

/** The profiles of one pom that Maven activates by itself, in declaration order. */
export async function activeProfiles(profiles: readonly RawProfile[], dir: string | undefined, ctx: ActivationContext, io: FileCheck): Promise<RawProfile[]> {
  const active: RawProfile[] = [];
  const byDefault: RawProfile[] = [];
  for (const profile of profiles) {
    if (!profile.activation) continue;
    const held = await conditionsHold(profile.activation, dir, ctx, io);
    if (held === true) active.push(profile);
    else if (value(child(profile.activation, 'activeByDefault')) === 'true') byDefault.push(profile);
  }
  return active.length > 0 ? active : byDefault;
}
