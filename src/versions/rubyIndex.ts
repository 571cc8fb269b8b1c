// The RubyGems compact index as the version lookup reads it: `info/NAME` lists one version per line after
// `---` (`1.2.0 dep:~> 1.0|checksum:…`, a platform gem as `1.2.0-java`). Yanked versions are not in it.
// Pure: no vscode, no I/O.
import { isPlausibleVersion } from '../core/versioning/versions';
import { ShapeError, type Listed, type ListedVersion } from './dataPlaneAnswers';

export function isGemName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name);
}

export function readRubyInfo(text: string): Listed {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const start = lines.indexOf('---');
  if (start === -1) throw new ShapeError('it is not a compact index info file (no "---" line)');
  const versions = new Map<string, ListedVersion>();
  for (const line of lines.slice(start + 1)) {
    const token = line.split(' ', 1)[0] ?? '';
    // `1.2.0-x86_64-linux`: a platform build of 1.2.0; the version is what is listed.
    const version = token.replace(/-[a-z][\w-]*$/i, '');
    if (version !== '' && isPlausibleVersion(version)) versions.set(version, {});
  }
  return { versions, distTags: {} };
}
