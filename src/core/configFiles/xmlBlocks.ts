// What the settings.xml and NuGet.Config edits share: our blocks sit between XML comment markers, a container
// element we had to create carries a marker of its own, and removal takes such a container away once it is empty.
import { SaxesParser } from 'saxes';
import { type CommentStyle, ConfigEditError, type Lines, MARKER_TOOL, joinLines, lineIndexAt, markerOffsets, removeBlocks } from './managedBlock';

export const xmlComments: CommentStyle = {
  line: (text, indent) => `${indent}<!-- ${text} -->`,
  parse: (content) => /^\s*<!-- (.*) -->$/.exec(content)?.[1],
};

/** Written right after the start tag of a container we created, so that removal knows the container is ours. */
export const CREATED = `<!-- ${MARKER_TOOL}: created for CodeArtifact entries, removed with them -->`;

/**
 * Refuses (with `refusal`) a file in which a line that looks like one of our marker comments is really text or
 * CDATA (say, a <description> quoting our block): removing it there would change the user's value.
 */
export function assertMarkersAreComments(doc: Lines, refusal: string): void {
  const offsets = markerOffsets(doc, xmlComments);
  if (offsets.length === 0) return;
  const text = joinLines({ ...doc, bom: false });
  const comments = new Set<number>();
  const parser = new SaxesParser({ xmlns: false, position: true });
  parser.on('error', () => undefined);
  parser.on('comment', () => {
    comments.add(text.lastIndexOf('<!--', parser.position - 1));
  });
  parser.write(text).close();
  if (offsets.some((o) => !comments.has(o))) throw new ConfigEditError(refusal);
}

/** Where a container element is in the text, and whether we created it (its start tag is followed by CREATED). */
export interface ContainerSpan {
  readonly startTagEnd: number;
  readonly endTagStart: number;
  readonly endTagEnd: number;
  readonly createdByUs: boolean;
}

/**
 * Removes the blocks `ours` picks, then each container we created that is left empty. `scan` reads the file's
 * containers (it throws on a file that is not the XML it expects).
 */
export function removeOurBlocks(doc: Lines, ours: (blockId: string) => boolean, scan: (text: string) => { readonly text: string; readonly containers: ReadonlyMap<string, ContainerSpan> }): Lines {
  let current = removeBlocks(doc, xmlComments, ours);
  for (;;) {
    if (!current.lines.some((l) => l.includes(CREATED))) return current;
    const layout = scan(joinLines({ ...current, bom: false }));
    const empty = [...layout.containers.values()].find((c) => c.createdByUs && layout.text.slice(c.startTagEnd + CREATED.length, c.endTagStart).trim() === '');
    if (!empty) return current;
    const first = lineIndexAt(current, empty.startTagEnd - 1);
    const last = lineIndexAt(current, empty.endTagEnd - 1);
    const lines = [...current.lines];
    lines.splice(first, last - first + 1);
    current = { ...current, lines };
  }
}
