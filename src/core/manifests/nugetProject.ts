// NuGet dependencies in MSBuild files and packages.config, with exact offsets:
// - `*.csproj`/`*.fsproj`/`*.vbproj` (and Directory.Build.props/targets): `<PackageReference Include="X" Version="1.0" />`,
//   the version as an attribute or a `<Version>` child element, `VersionOverride` under central package management;
// - `Directory.Packages.props`: `<PackageVersion Include= Version= />` and `<GlobalPackageReference>`;
// - `packages.config`: `<package id= version= />` (the version installed; `allowedVersions` is its range).
// `$(Property)` is resolved from this file's own `<PropertyGroup>`s only; anything else stays unresolved.
// Never throws: broken XML yields what saxes could read (an unclosed element is still read), or nothing.

import { spanOf, trimSpan, type TextSpan } from './textSpan';
import { readXmlTree, type XmlElement } from './xmlTree';

export type NugetReferenceKind = 'PackageReference' | 'PackageVersion' | 'GlobalPackageReference' | 'package';

export interface NugetValue {
  /** As written (attribute value without quotes, or the element's trimmed text). */
  readonly span: TextSpan;
  /** Entities decoded and `$(Property)` resolved where this file defines it. */
  readonly value: string;
  readonly resolved: boolean;
  /** When the text is exactly `$(Name)` and this file sets it: where its value is (what an update edits). */
  readonly property?: { readonly name: string; readonly span: TextSpan };
}

export interface NugetReference {
  readonly kind: NugetReferenceKind;
  readonly id: NugetValue;
  /** `Version`, `VersionOverride` (wins under central management), or packages.config's `version`. */
  readonly version?: NugetValue;
  /** packages.config: `allowedVersions`, the range an update may move in. */
  readonly allowedVersions?: NugetValue;
  /** `Update=` rather than `Include=`: changes an item declared elsewhere. */
  readonly update?: boolean;
  readonly element: TextSpan;
}

export interface NugetProject {
  readonly references: readonly NugetReference[];
  /** `<ManagePackageVersionsCentrally>true</…>` in this file. */
  readonly centralManagement: boolean;
  readonly xmlErrors: number;
}

const EMPTY: NugetProject = { references: [], centralManagement: false, xmlErrors: 0 };

const ATTRIBUTE = /([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;

interface Attribute {
  readonly name: string;
  /** The value without its quotes. */
  readonly span: TextSpan;
}

/** Attributes of an element's start tag, with offsets (saxes gives values but no positions). */
function attributesOf(source: string, element: XmlElement): Attribute[] {
  const tagEnd = element.contentStart;
  const nameEnd = element.start + 1 + element.name.length;
  const tag = source.slice(nameEnd, tagEnd);
  const out: Attribute[] = [];
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const quoted = m[2] ?? '';
    const valueStart = nameEnd + (m.index ?? 0) + m[0].length - quoted.length + 1;
    out.push({ name: m[1] ?? '', span: spanOf(source, valueStart, valueStart + quoted.length - 2) });
  }
  return out;
}

function attribute(attrs: readonly Attribute[], name: string): Attribute | undefined {
  const lower = name.toLowerCase();
  return attrs.find((a) => a.name.toLowerCase() === lower);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[ref] ?? all;
  });
}

function walk(element: XmlElement, visit: (e: XmlElement) => void): void {
  visit(element);
  for (const c of element.children) walk(c, visit);
}

/** Never throws. */
export function parseNugetProject(source: string): NugetProject {
  try {
    const { root, errors } = readXmlTree(source);
    if (!root) return { ...EMPTY, xmlErrors: errors };
    return extract(source, root, errors);
  } catch {
    return EMPTY;
  }
}

function extract(source: string, root: XmlElement, errors: number): NugetProject {
  const properties = new Map<string, { value: string; span: TextSpan }>();
  let centralManagement = false;
  walk(root, (e) => {
    if (e.parent?.name !== 'PropertyGroup') return;
    const span = trimSpan(source, e.contentStart, e.contentEnd);
    // The last definition wins, as MSBuild evaluates properties in order.
    properties.set(e.name.toLowerCase(), { value: decodeXml(span.text), span });
    if (e.name === 'ManagePackageVersionsCentrally' && span.text.trim().toLowerCase() === 'true') centralManagement = true;
  });

  const valueOf = (span: TextSpan): NugetValue => {
    const text = decodeXml(span.text);
    const whole = /^\$\(\s*([A-Za-z_][\w.-]*)\s*\)$/.exec(text.trim());
    if (whole?.[1] !== undefined) {
      const p = properties.get(whole[1].toLowerCase());
      return p ? { span, value: p.value, resolved: !p.value.includes('$('), property: { name: whole[1], span: p.span } } : { span, value: text, resolved: false };
    }
    let resolved = true;
    const value = text.replace(/\$\(\s*([A-Za-z_][\w.-]*)\s*\)/g, (all, name: string) => {
      const p = properties.get(name.toLowerCase());
      if (!p) resolved = false;
      return p?.value ?? all;
    });
    return { span, value, resolved: resolved && !value.includes('$(') && !value.includes('@(') && !value.includes('%(') };
  };

  const references: NugetReference[] = [];
  walk(root, (e) => {
    const kind = root.name === 'packages' ? (e.name === 'package' && e.parent === root ? 'package' : undefined) : referenceKind(e);
    if (!kind) return;
    const attrs = attributesOf(source, e);
    const idAttr = kind === 'package' ? attribute(attrs, 'id') : (attribute(attrs, 'Include') ?? attribute(attrs, 'Update'));
    if (!idAttr) return;
    const id = valueOf(idAttr.span);
    // `A;B` lists several items: not one package we can point at.
    if (id.value.includes(';') || id.value.trim() === '') return;
    const childVersion = (name: string): TextSpan | undefined => {
      const c = e.children.find((x) => x.name.toLowerCase() === name.toLowerCase());
      return c ? trimSpan(source, c.contentStart, c.contentEnd) : undefined;
    };
    const versionSpan =
      kind === 'package'
        ? attribute(attrs, 'version')?.span
        : (attribute(attrs, 'VersionOverride')?.span ?? childVersion('VersionOverride') ?? attribute(attrs, 'Version')?.span ?? childVersion('Version'));
    const allowed = kind === 'package' ? attribute(attrs, 'allowedVersions')?.span : undefined;
    references.push({
      kind,
      id,
      ...(versionSpan ? { version: valueOf(versionSpan) } : {}),
      ...(allowed ? { allowedVersions: valueOf(allowed) } : {}),
      ...(kind !== 'package' && !attribute(attrs, 'Include') ? { update: true } : {}),
      element: spanOf(source, e.start, e.end),
    });
  });
  return { references, centralManagement, xmlErrors: errors };
}

function referenceKind(e: XmlElement): NugetReferenceKind | undefined {
  if (e.parent?.name !== 'ItemGroup') return undefined;
  if (e.name === 'PackageReference' || e.name === 'PackageVersion' || e.name === 'GlobalPackageReference') return e.name;
  return undefined;
}
