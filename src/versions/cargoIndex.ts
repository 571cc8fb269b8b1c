// The Cargo sparse index as the version lookup reads it: where a crate's index file is (`1/a`, `2/ab`,
// `3/a/abc`, `ab/cd/abcd…`) and what its JSON lines list. A yanked version is listed but no requirement resolves
// to it (cargo keeps it only for existing lockfiles). Pure: no vscode, no I/O.
import { isPlausibleVersion } from '../core/versioning/versions';
import { isRecord } from '../core/jsonValues';
import { ShapeError, type Listed, type ListedVersion } from './dataPlaneAnswers';

/** Cargo's crate-name rule; anything else is not looked up (it would not be a path cargo asks for either). */
export function isCrateName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name);
}

/** The index file path of a crate, relative to the index root (lower-cased, as cargo asks for it). */
export function cargoIndexPath(name: string): string {
  const n = name.toLowerCase();
  if (n.length <= 2) return `${n.length}/${n}`;
  if (n.length === 3) return `3/${n.slice(0, 1)}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

/** One JSON object per line; lines that do not parse or lack `vers` are skipped, a file with none that parse is a ShapeError. */
export function readCargoIndex(text: string): Listed {
  const versions = new Map<string, ListedVersion>();
  let parsed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    parsed++;
    if (!isRecord(entry) || typeof entry.vers !== 'string' || !isPlausibleVersion(entry.vers)) continue;
    versions.set(entry.vers, entry.yanked === true ? { yanked: '', installable: false } : {});
  }
  if (parsed === 0 && text.trim() !== '') throw new ShapeError('no line of the index file is JSON');
  return { versions, distTags: {} };
}
