// A small element tree over saxes, keeping the raw offsets of each element and of its content.
// saxes reports raw string offsets; it never fetches a DTD nor expands entities declared in one (an
// undeclared entity is an error we count and skip), so DOCTYPE tricks such as "billion laughs" stay inert.

import { SaxesParser } from 'saxes';

export interface XmlElement {
  readonly name: string;
  readonly parent: XmlElement | undefined;
  readonly children: XmlElement[];
  /** Offset of the `<` that opens the element. */
  readonly start: number;
  /** Offsets of the content between the tags (equal for `<a/>`). */
  contentStart: number;
  contentEnd: number;
  /** Offset just past the closing `>`. */
  end: number;
  /** Decoded text and CDATA directly inside the element. */
  text: string;
}

const MAX_DEPTH = 256;

/** Never throws for malformed XML (errors are counted); elements nested deeper than MAX_DEPTH are dropped. */
export function readXmlTree(source: string): { root: XmlElement | undefined; errors: number } {
  const parser = new SaxesParser({ position: true });
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  let depth = 0;
  let skipped = 0; // elements below MAX_DEPTH are not kept
  let errors = 0;
  parser.on('error', () => {
    errors++;
  });
  parser.on('opentag', (tag) => {
    if (depth >= MAX_DEPTH) {
      skipped++;
      return;
    }
    const end = parser.position;
    const element: XmlElement = {
      name: tag.name,
      parent: current,
      children: [],
      start: Math.max(0, source.lastIndexOf('<', end - 1)),
      contentStart: end,
      contentEnd: end,
      end,
      text: '',
    };
    if (current) current.children.push(element);
    else root ??= element;
    current = element;
    depth++;
  });
  parser.on('closetag', (tag) => {
    if (skipped > 0) {
      skipped--;
      return;
    }
    if (!current) return;
    const end = parser.position;
    current.end = end;
    current.contentEnd = tag.isSelfClosing ? current.contentStart : Math.max(current.contentStart, source.lastIndexOf('</', end - 1));
    current = current.parent;
    depth--;
  });
  const addText = (text: string): void => {
    if (current && skipped === 0) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(source).close();
  return { root, errors };
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}
