// What each ecosystem's data-plane answer lists: npm's packument, the PyPI simple index (read by
// core/pypiSimple.ts) and maven-metadata.xml, as versions with the facts the answer gives. Entries of the
// wrong type are skipped; a structure wrong where it matters is a ShapeError. Pure: no vscode, no I/O.
import { child, children, readXmlTree } from '../core/manifests/xmlTree';
import type { SimpleProject } from '../core/pypiSimple';
import { isPlausibleVersion } from '../core/versioning/versions';
import { dateOf, isRecord } from '../core/jsonValues';

/** A data-plane answer whose structure is wrong where it matters (not just a bad entry, which is skipped). */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/** A version as the data plane lists it. */
export interface ListedVersion {
  readonly publishedTime?: Date;
  readonly deprecated?: string;
  readonly yanked?: string;
  readonly requiresPython?: string;
  /** `false`: listed, but no range resolves to it (PyPI: every file yanked, or no file at all). Default true. */
  readonly installable?: false;
}

export interface Listed {
  readonly versions: Map<string, ListedVersion>;
  readonly distTags: Record<string, string>;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ShapeError('it is not JSON');
  }
}

/**
 * npm's packument. Entries of the wrong type are skipped (a version whose manifest is not an object, a
 * `time` or `dist-tags` value that is not a string); a `versions` that is not an object is a ShapeError.
 */
export function readPackument(doc: unknown): Listed {
  const versions = new Map<string, { publishedTime?: Date; deprecated?: string }>();
  const distTags: Record<string, string> = {};
  if (!isRecord(doc)) throw new ShapeError('the packument is not a JSON object');
  const time = isRecord(doc['time']) ? doc['time'] : {};
  if (doc['versions'] !== undefined && !isRecord(doc['versions'])) throw new ShapeError('its "versions" is not an object');
  if (isRecord(doc['versions'])) {
    for (const [version, manifest] of Object.entries(doc['versions'])) {
      if (!isRecord(manifest) || !isPlausibleVersion(version)) continue;
      const deprecated = typeof manifest['deprecated'] === 'string' && manifest['deprecated'] !== '' ? manifest['deprecated'] : undefined;
      const publishedTime = dateOf(time[version]);
      versions.set(version, { ...(publishedTime ? { publishedTime } : {}), ...(deprecated ? { deprecated } : {}) });
    }
  }
  if (isRecord(doc['dist-tags'])) {
    for (const [tag, v] of Object.entries(doc['dist-tags'])) if (typeof v === 'string' && isPlausibleVersion(v)) distTags[tag] = v;
  }
  return { versions, distTags };
}

/** The simple index's releases: a yanked version, or one without files, is listed but not installable. */
export function listedFromSimple(project: SimpleProject): Listed {
  const versions = new Map<string, ListedVersion>();
  for (const [version, release] of project.releases) {
    versions.set(version, {
      ...(release.uploadTime ? { publishedTime: release.uploadTime } : {}),
      ...(release.yanked !== undefined ? { yanked: release.yanked } : {}),
      ...(release.requiresPython ? { requiresPython: release.requiresPython } : {}),
      ...(release.yanked !== undefined || release.files === 0 ? { installable: false as const } : {}),
    });
  }
  return { versions, distTags: {} };
}

/**
 * maven-metadata.xml: `metadata/versioning/versions/version`. A document with a DOCTYPE is refused (its
 * entities are never expanded, nothing is fetched), as is one that is not well-formed or not `<metadata>`;
 * `<version>` elements with child elements or implausible text are skipped.
 */
export function readMavenMetadata(xml: string): Listed {
  const versions = new Map<string, object>();
  const { root, errors } = readXmlTree(xml);
  if (!root) throw new ShapeError('it is not XML');
  if (root.name !== 'metadata') throw new ShapeError(`its root element is <${root.name}>, not <metadata>`);
  // A DOCTYPE can only stand before the root element.
  if (/<!DOCTYPE/i.test(xml.slice(0, root.start))) throw new ShapeError('it declares a DOCTYPE, which is refused');
  if (errors > 0) throw new ShapeError('it is not well-formed XML');
  for (const v of children(child(child(root, 'versioning'), 'versions'), 'version')) {
    const text = v.text.trim();
    if (v.children.length === 0 && isPlausibleVersion(text)) versions.set(text, {});
  }
  return { versions, distTags: {} };
}
