// Issue #11, "Command links carry no attacker text": the trusted hover Markdown, rendered as VS Code 1.139 renders
// it (marked 14.0.0 with VS Code's renderer overrides and allow-lists, vscodeMarkdown.ts), holds exactly our own
// command links, each with one opaque link id and a fixed label — whatever string of the hostile corpus, or of a
// corpus of Markdown-parser escape tricks, sits in any field a server or a manifest controls.
// (Tree tooltips are MarkdownStrings with `isTrusted = false`, so VS Code drops command links there; surfaces.test.ts
// checks them. The version-details document is shown as source, not as a trusted MarkdownString.)
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  APPROVE_DOMAIN_COMMAND,
  COPY_SNIPPET_COMMAND,
  commandLink,
  HOVER_COMMANDS,
  type HoverLinks,
  MANAGE_TRUST_COMMAND,
  REVEAL_COMMAND,
  SHOW_VERSIONS_COMMAND,
  UPDATE_COMMAND,
  approvalNoteMarkdown,
  hoverMarkdown,
  trustNoteMarkdown,
} from '../../../src/versions/hoverContent';
import { LINK_ID } from '../../../src/versions/linkArgs';
import type { ManifestDependency } from '../../../src/versions/manifestDependencies';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import type { PackageVersions, RepositoryVersion } from '../../../src/versions/versionSource';
import { HOSTILE_CORPUS, hostileString, printableString } from './corpus';
import { renderVsCodeMarkdown, type VsCodeMarkdownOptions } from './vscodeMarkdown';
import { runs } from '../stress';

// ----------------------------------------------------------------------------------------------- what is ours

/** The labels hoverContent.ts gives its command links; nothing else may be a link's text. */
const FIXED_LABELS = new Set(['Update to latest', 'Update to latest compatible', 'Show versions', 'Copy install snippet', 'Reveal in CodeArtifact Explorer', 'Manage Workspace Trust', 'Allow this domain']);
const SHOW_ALL_LABEL = /^Show all [0-9]+ versions$/;
/** What marked makes of our own hover Markdown (paragraphs, the versions table, bold, italics, code, hard breaks). */
const OUR_ELEMENTS = new Set(['p', 'strong', 'em', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'a']);
const LINK_ATTRIBUTES = new Set(['href', 'title', 'draggable']);

/** How hoverProvider.ts builds the hover (`isTrusted: { enabledCommands }`, theme icons off), and the same with icons on. */
const MODES: readonly VsCodeMarkdownOptions[] = [
  { isTrusted: true, supportThemeIcons: false },
  { isTrusted: true, supportThemeIcons: true },
];

// Link ids are ours (LinkArgStore hands them out); hostile text goes everywhere else.
const LINKS: HoverLinks = { update: '0123456789abcdef01234567', showVersions: '123456789abcdef012345678', copySnippet: '23456789abcdef0123456789', reveal: '3456789abcdef0123456789a' };
const APPROVE_ID = '456789abcdef0123456789ab';

interface ExpectedLink {
  readonly command: string;
  readonly id?: string;
  readonly label: string;
}

/** Everything in the rendered Markdown that is not exactly our links, in order, and our plain structure. */
function problems(markdown: string, expected: readonly ExpectedLink[], mode: VsCodeMarkdownOptions): string[] {
  const r = renderVsCodeMarkdown(markdown, mode);
  const out: string[] = [];
  for (const u of r.unreadable) out.push(`unreadable ${u.slice(0, 60)}`);
  for (const h of r.rawHtml) out.push(`raw HTML${h.kept ? ' (kept)' : ''} ${h.text.slice(0, 60)}`);
  for (const src of r.images) out.push(`image ${src.slice(0, 60)}`);
  for (const icon of r.icons) out.push(`icon ${icon}`);
  for (const e of r.elements) {
    if (!OUR_ELEMENTS.has(e.name)) out.push(`element <${e.name}>`);
    for (const a of e.attributes) if (!(e.name === 'a' && LINK_ATTRIBUTES.has(a.name))) out.push(`attribute ${a.name}=${JSON.stringify(a.value.slice(0, 40))} on <${e.name}>`);
  }
  for (const l of r.links) {
    const where = `link ${JSON.stringify(l.label.slice(0, 40))} → ${l.href.slice(0, 100)}`;
    if (!FIXED_LABELS.has(l.label) && !SHOW_ALL_LABEL.test(l.label)) out.push(`${where}: label is not ours`);
    if (l.labelElements.length > 0) out.push(`${where}: label holds <${l.labelElements.join('>, <')}>`);
    if (l.title !== '') out.push(`${where}: has a title`);
    if (!l.live) out.push(`${where}: VS Code would drop it`);
    const m = /^command:([A-Za-z.]+)(?:\?([^#]*))?$/.exec(l.href);
    if (!m || !l.command) {
      out.push(`${where}: not a command link of ours`);
      continue;
    }
    const [, id = '', query] = m;
    if (!HOVER_COMMANDS.includes(id) || l.command.id !== id) out.push(`${where}: command ${l.command.id} is not a hover command`);
    if (id === MANAGE_TRUST_COMMAND) {
      if (query !== undefined || l.command.args.length !== 0) out.push(`${where}: ${MANAGE_TRUST_COMMAND} takes no arguments`);
      continue;
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(decodeURIComponent(query ?? ''));
    } catch {
      decoded = undefined;
    }
    const one = (v: unknown): boolean => Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && LINK_ID.test(v[0]);
    if (!one(decoded)) out.push(`${where}: query is not [one link id]`);
    // What VS Code's command opener would pass: the same single id.
    if (!one(l.command.args) || JSON.stringify(l.command.args) !== JSON.stringify(decoded)) out.push(`${where}: the command would get ${JSON.stringify(l.command.args).slice(0, 60)}`);
  }
  const got = r.links.map((l) => ({ command: l.command?.id ?? l.href, ...(l.command?.args[0] !== undefined ? { id: typeof l.command.args[0] === 'string' ? l.command.args[0] : JSON.stringify(l.command.args[0]) } : {}), label: l.label }));
  if (JSON.stringify(got) !== JSON.stringify(expected)) out.push(`links ${JSON.stringify(got).slice(0, 400)} are not exactly ${JSON.stringify(expected)}`);
  return out;
}

// ------------------------------------------------------------------------------------------- the three notes

const span = { start: 0, end: 1, text: 'x' };

interface HoverInput {
  readonly dep: ManifestDependency;
  readonly target: RepositoryTarget;
  readonly pkg: PackageVersions;
  readonly links: HoverLinks;
  readonly newest: number;
}

const version = (v: string, status = 'Published', extra: Partial<RepositoryVersion> = {}): RepositoryVersion => ({ version: v, status, installable: true, publishedTime: new Date(Date.UTC(2024, 0, 2)), ...extra });

/** A dependency with an update, tags, a deprecation and every link. */
function cleanInput(): HoverInput {
  return {
    dep: { ecosystem: 'npm', displayName: '@scope/lodash', namespace: 'scope', name: 'lodash', nameSpan: span, range: '^1.0.0', rangeSpan: { ...span, text: '^1.0.0' }, pinned: undefined },
    target: { domain: 'acme', owner: '111122223333', repository: 'npm-store', format: 'npm', source: '.npmrc' },
    pkg: {
      found: true,
      versions: [version('2.0.0'), version('1.5.0', 'Unlisted'), version('1.2.0', 'Published', { deprecated: 'use 1.5' }), version('1.0.0')],
      distTags: { latest: '2.0.0', next: '3.0.0-beta.1' },
      latest: '2.0.0',
      inRepository: true,
      fetchedAt: 0,
    },
    links: LINKS,
    newest: 8,
  };
}

function expectedHoverLinks(md: string, i: HoverInput): ExpectedLink[] {
  if (!i.pkg.found) return [];
  const out: ExpectedLink[] = [];
  const update = i.links.updateTo === 'latestCompatible' ? 'Update to latest compatible' : 'Update to latest';
  // The update link is there only when the versions allow an update; whether they do is hoverMarkdown's business.
  if (i.links.update !== undefined && md.includes(commandLink(update, UPDATE_COMMAND, i.links.update))) out.push({ command: UPDATE_COMMAND, id: i.links.update, label: update });
  out.push({ command: SHOW_VERSIONS_COMMAND, id: i.links.showVersions, label: i.pkg.versions.length > i.newest ? `Show all ${i.pkg.versions.length} versions` : 'Show versions' });
  if (i.links.copySnippet !== undefined) out.push({ command: COPY_SNIPPET_COMMAND, id: i.links.copySnippet, label: 'Copy install snippet' });
  if (i.links.reveal !== undefined) out.push({ command: REVEAL_COMMAND, id: i.links.reveal, label: 'Reveal in CodeArtifact Explorer' });
  return out;
}

function hoverProblems(i: HoverInput, mode: VsCodeMarkdownOptions): string[] {
  const md = hoverMarkdown(i.dep, i.target, i.pkg, i.links, i.newest);
  return problems(md, expectedHoverLinks(md, i), mode);
}

const withPkg = (i: HoverInput, pkg: Partial<PackageVersions>): HoverInput => ({ ...i, pkg: { ...i.pkg, ...pkg } });
const withVersions = (i: HoverInput, f: (v: RepositoryVersion, n: number) => RepositoryVersion): HoverInput => withPkg(i, { versions: i.pkg.versions.map(f) });

/** Each field of the hover a server or a manifest controls, set to `h` on its own; and all of them at once. */
const HOVER_FIELDS: Readonly<Record<string, (i: HoverInput, h: string) => HoverInput>> = {
  'dependency name (manifest)': (i, h) => ({ ...i, dep: { ...i.dep, displayName: h, name: h } }),
  'namespace (manifest)': (i, h) => ({ ...i, dep: { ...i.dep, namespace: h } }),
  'range (manifest)': (i, h) => ({ ...i, dep: { ...i.dep, range: h, rangeSpan: { ...span, text: h } } }),
  'pinned version (manifest)': (i, h) => ({ ...i, dep: { ...i.dep, range: h, pinned: h } }),
  'domain (folder settings)': (i, h) => ({ ...i, target: { ...i.target, domain: h } }),
  'owner (folder settings)': (i, h) => ({ ...i, target: { ...i.target, owner: h } }),
  'repository (folder settings)': (i, h) => ({ ...i, target: { ...i.target, repository: h } }),
  'source (file name)': (i, h) => ({ ...i, target: { ...i.target, source: h } }),
  'version (server)': (i, h) => withVersions(i, (v, n) => (n === 1 ? { ...v, version: h } : v)),
  'newest version and latest (server)': (i, h) => withPkg(withVersions(i, (v, n) => (n === 0 ? { ...v, version: h } : v)), { latest: h, distTags: { ...i.pkg.distTags, latest: h } }),
  'status (server)': (i, h) => withVersions(i, (v) => ({ ...v, status: h })),
  'deprecation (server)': (i, h) => withVersions(i, (v) => ({ ...v, deprecated: h })),
  'yank reason (server)': (i, h) => withVersions(i, (v, n) => (n === 0 ? { ...v, yanked: h, installable: false } : v)),
  'requires-python (server)': (i, h) => withVersions(i, (v) => ({ ...v, requiresPython: h })),
  'reason of a partial answer, index missing (server text in a failure)': (i, h) => withPkg(i, { partial: { missing: 'index', kind: 'badResponse', reason: h } }),
  'reason of a partial answer, statuses missing': (i, h) => withPkg(i, { partial: { missing: 'statuses', kind: 'accessDenied', reason: h } }),
  'dist-tag name (server)': (i, h) => withPkg(i, { distTags: { ...i.pkg.distTags, [h]: '1.0.0' } }),
  'dist-tag value (server)': (i, h) => withPkg(i, { distTags: { ...i.pkg.distTags, next: h } }),
  'everything, fewer rows shown': (i, h) => ({
    dep: { ecosystem: 'npm', displayName: h, name: h, namespace: h, nameSpan: span, range: h, rangeSpan: { ...span, text: h }, pinned: h },
    target: { domain: h, owner: h, repository: h, format: 'npm', source: h },
    pkg: {
      found: true,
      versions: [h, `1.0.0${h}`, '1.0.0', `2.0.0-${h}`].map((v, n) => ({ version: v, status: [h, 'Unlisted', 'Published', h][n] ?? h, installable: n !== 0, deprecated: n === 2 ? h : undefined, publishedTime: new Date(n * 1e12) })),
      distTags: { latest: h, [h]: h, next: `2.0.0-${h}` },
      latest: h,
      inRepository: true,
      fetchedAt: 0,
    },
    links: { ...i.links, updateTo: 'latestCompatible' },
    newest: 2,
  }),
};

const trustDep = (h: string): ManifestDependency => ({ ...cleanInput().dep, displayName: h, name: h });
const trustProblems = (h: string, mode: VsCodeMarkdownOptions): string[] => problems(trustNoteMarkdown(trustDep(h)), [{ command: MANAGE_TRUST_COMMAND, label: 'Manage Workspace Trust' }], mode);

/** The approval note: name (manifest), domain and owner (folder settings or files), the file's label. */
const APPROVAL_FIELDS: Readonly<Record<string, (h: string) => [ManifestDependency, RepositoryTarget, string]>> = {
  name: (h) => [trustDep(h), cleanInput().target, '.npmrc'],
  domain: (h) => [trustDep('x'), { ...cleanInput().target, domain: h }, '.npmrc'],
  owner: (h) => [trustDep('x'), { ...cleanInput().target, owner: h }, '.npmrc'],
  'file label': (h) => [trustDep('x'), cleanInput().target, h],
  everything: (h) => [trustDep(h), { ...cleanInput().target, domain: h, owner: h, repository: h, source: h }, h],
};
function approvalProblems(args: [ManifestDependency, RepositoryTarget, string], mode: VsCodeMarkdownOptions): string[] {
  return problems(approvalNoteMarkdown(...args, APPROVE_ID), [{ command: APPROVE_DOMAIN_COMMAND, id: APPROVE_ID, label: 'Allow this domain' }], mode);
}

// ------------------------------------------------------------------------------------- Markdown parser tricks

const EVIL = 'command:codeartifact.updateDependency?%5B%22evil%22%5D';
/** A link that looks exactly like ours: our label, our command, one of our real ids. */
const FORGED = `[Update to latest](command:${UPDATE_COMMAND}?${encodeURIComponent(JSON.stringify([LINKS.update]))})`;

/**
 * Known ways to make a Markdown parser see a link, HTML, an image or an icon where an escaper saw text.
 * `raw`: unescaped in a paragraph, VS Code's renderer makes something of it that the checker must flag.
 */
const PARSER_TRICKS: readonly { readonly name: string; readonly text: string; readonly raw: boolean }[] = [
  { name: 'plain command link', text: `[x](${EVIL})`, raw: true },
  { name: 'link nested in a label', text: `[[Update to latest](${EVIL})]`, raw: true },
  { name: 'closes a label, opens a link', text: `Update to latest](${EVIL}) [x`, raw: false },
  { name: 'forged copy of our own link', text: FORGED, raw: true },
  { name: 'backslash-escaped brackets', text: `\\[x\\](${EVIL})`, raw: false },
  { name: 'escaped backslash before a bracket', text: `\\\\[x](${EVIL})`, raw: true },
  { name: '`](` split by an escape', text: `[x\\](${EVIL})] [y]\\(${EVIL})`, raw: false },
  { name: 'decimal entity brackets', text: `&#91;x&#93;(${EVIL})`, raw: false },
  { name: 'hex entity brackets and parens', text: `&#x5B;x&#x5D;&#x28;${EVIL}&#x29;`, raw: false },
  { name: 'named entity brackets', text: `&lbrack;x&rbrack;(${EVIL})`, raw: false },
  { name: 'entity colon in the href', text: `[x](command&#58;${UPDATE_COMMAND}) [y](command&colon;${UPDATE_COMMAND})`, raw: true },
  { name: 'autolink', text: `<${EVIL}>`, raw: true },
  { name: 'https autolink', text: '<https://evil.example/x>', raw: true },
  { name: 'reference link, definition on its own line', text: `[x][1]\n\n[1]: ${EVIL}`, raw: true },
  { name: 'collapsed and shortcut references', text: `[x][] [y]\n[x]: ${EVIL}\n[y]: <${EVIL}> "t"`, raw: true },
  { name: 'link title', text: `[x](${EVIL} "Update to latest")`, raw: true },
  { name: 'link title in parentheses', text: `[x](${EVIL} (t))`, raw: true },
  { name: 'href in angle brackets', text: `[x](<${EVIL}>)`, raw: true },
  { name: 'href with spaces and a line break', text: `[x]( ${EVIL} ) [y](\n${EVIL}\n)`, raw: true },
  { name: 'nested and unbalanced parentheses', text: `[x](${EVIL}(a)b) [y](command:a(b)`, raw: true },
  { name: 'HTML anchor', text: `<a href="${EVIL}">x</a>`, raw: true },
  { name: 'span, which trusted Markdown keeps', text: '<span style="color:#f00;">x</span>', raw: true },
  { name: 'entity-encoded tag', text: `&lt;a href="${EVIL}"&gt;x&lt;/a&gt;`, raw: false },
  { name: 'HTML comment and CDATA', text: `<!-- [x](${EVIL}) --> <![CDATA[x]]> <?php x ?>`, raw: true },
  { name: 'backticks around a link', text: `\`[x](${EVIL})\``, raw: false },
  { name: 'unbalanced backticks', text: `\`\` [x](${EVIL}) \``, raw: true },
  { name: 'unicode look-alike brackets', text: `［x］（${EVIL}） ⁅x⁆(${EVIL}) ❲x❳(${EVIL}) ⟦x⟧(${EVIL})`, raw: false },
  { name: 'zero-width characters inside the syntax', text: `[x]\u200b(${EVIL}) [\u200by](${EVIL}) \u2060[z](${EVIL})`, raw: true },
  { name: 'CR LF ends the paragraph, then a definition', text: `x\r\n\r\n[x]: ${EVIL}\r\n[x]`, raw: true },
  { name: 'lone CR', text: `x\r[x](${EVIL})`, raw: true },
  { name: 'U+2028 and U+2029 line separators', text: `x\u2028\u2029[x](${EVIL})`, raw: true },
  { name: 'LF then a heading or a list item', text: `x\n# [x](${EVIL})\n- [y](${EVIL})`, raw: true },
  { name: 'table cell break-out', text: `x |\n|---|\n| [x](${EVIL}) |`, raw: true },
  { name: 'pipes', text: `| [x](${EVIL}) | y |`, raw: true },
  { name: 'emphasis runs around a link', text: `***[x](${EVIL})*** _[y](${EVIL})_ **z`, raw: true },
  { name: 'strikethrough', text: `~~[x](${EVIL})~~ ~y~`, raw: true },
  { name: 'backslash at the end of a line', text: `x\\\n[x](${EVIL}) \\`, raw: true },
  { name: 'footnote', text: `[^1]\n\n[^1]: ${EVIL}`, raw: true },
  { name: 'image with a command', text: `![x](${EVIL})`, raw: true },
  { name: 'javascript: and data: links', text: '[x](javascript:alert(1)) [y](data:text/html;base64,PHNjcmlwdD4=)', raw: true },
  { name: 'theme icon in a label', text: `[$(zap)](${EVIL}) $(zap)`, raw: true },
  { name: 'escaped theme icon', text: '\\$(zap) \\\\$(zap)', raw: false },
  { name: 'www. after a word character', text: 'xwww.evil.example _www.evil.example', raw: true },
  { name: 'e-mail whose domain starts with a dash', text: 'user@-evil.example', raw: true },
  { name: 'bare URLs, any case', text: 'https://evil.example HTTPS://evil.example ftp://evil.example', raw: true },
  { name: 'fenced and indented code', text: `~~~\n[x](${EVIL})\n~~~\n\n    [y](${EVIL})`, raw: true },
  { name: 'setext heading and rule', text: 'x\n===\n\n---', raw: true },
  { name: 'percent-encoded brackets', text: `%5Bx%5D(${EVIL})`, raw: false },
];

// --------------------------------------------------------------------------------------------------- tests

describe('hostile input: hover Markdown as VS Code renders it (marked 14.0.0)', function () {
  this.timeout(120_000);

  it('the checker catches injected links, HTML, images and icons when escaping is bypassed', () => {
    const mode = MODES[1] ?? { isTrusted: true, supportThemeIcons: true };
    // Straight into the checker, as if escapeMarkdown had not run.
    const injected = problems(`**lodash** [x](${EVIL})`, [], mode);
    assert.ok(injected.some((p) => p.includes('label is not ours')), injected.join('\n'));
    assert.ok(injected.some((p) => p.includes('not [one link id]')), injected.join('\n'));
    // A forged copy of one of our links, next to the real hover: the links are not exactly ours any more.
    const input = cleanInput();
    const md = hoverMarkdown(input.dep, input.target, input.pkg, input.links);
    assert.deepEqual(problems(md, expectedHoverLinks(md, input), mode), []);
    assert.ok(problems(`${md}\n\n${FORGED}`, expectedHoverLinks(md, input), mode).some((p) => p.startsWith('links ')));
    for (const raw of ['<span style="color:#f00;">x</span>', '![i](https://evil.example/p.png)', '$(zap)', 'https://evil.example', '```\nx\n```', `[Show versions](command:workbench.action.terminal.sendSequence?${encodeURIComponent('{"text":"x"}')})`]) {
      assert.notDeepEqual(problems(raw, [], mode), [], raw);
    }
    // Every trick meant to work on a parser does work on this one when nothing escapes it.
    for (const t of PARSER_TRICKS.filter((x) => x.raw)) assert.notDeepEqual(problems(`x ${t.text}\n\ny`, [], mode), [], t.name);
  });

  it('our own links render with their labels, commands and single link ids', () => {
    const mode = MODES[0] ?? { isTrusted: true, supportThemeIcons: false };
    const i = cleanInput();
    const md = hoverMarkdown(i.dep, i.target, i.pkg, i.links, i.newest);
    const all = expectedHoverLinks(md, i);
    assert.deepEqual(all.map((l) => l.label), ['Update to latest', 'Show versions', 'Copy install snippet', 'Reveal in CodeArtifact Explorer']);
    assert.deepEqual(problems(md, all, mode), []);
    const compatible = { ...i, links: { ...i.links, updateTo: 'latestCompatible' as const }, newest: 2 };
    const md2 = hoverMarkdown(compatible.dep, compatible.target, compatible.pkg, compatible.links, compatible.newest);
    assert.deepEqual(expectedHoverLinks(md2, compatible).map((l) => l.label), ['Update to latest compatible', 'Show all 4 versions', 'Copy install snippet', 'Reveal in CodeArtifact Explorer']);
    assert.deepEqual(problems(md2, expectedHoverLinks(md2, compatible), mode), []);
    const bare = { ...i, links: { showVersions: LINKS.showVersions } };
    const md3 = hoverMarkdown(bare.dep, bare.target, bare.pkg, bare.links);
    assert.deepEqual(problems(md3, [{ command: SHOW_VERSIONS_COMMAND, id: LINKS.showVersions, label: 'Show versions' }], mode), []);
    assert.deepEqual(trustProblems('lodash', mode), []);
    assert.deepEqual(approvalProblems([trustDep('lodash'), i.target, '.npmrc'], mode), []);
    // The link ids really are what VS Code's command opener passes.
    const links = renderVsCodeMarkdown(md, mode).links;
    assert.deepEqual(links.map((l) => l.command), [
      { id: UPDATE_COMMAND, args: [LINKS.update] },
      { id: SHOW_VERSIONS_COMMAND, args: [LINKS.showVersions] },
      { id: COPY_SNIPPET_COMMAND, args: [LINKS.copySnippet] },
      { id: REVEAL_COMMAND, args: [LINKS.reveal] },
    ]);
  });

  it('regressions: cases this renderer caught that markdown-it did not', () => {
    const i = cleanInput();
    const hover = (dep: Partial<ManifestDependency>, target: Partial<RepositoryTarget>): HoverInput => ({ ...i, dep: { ...i.dep, ...dep }, target: { ...i.target, ...target } });
    const hovers: [string, HoverInput][] = [
      // marked autolinks `www.` after a letter, and e-mails whose domain starts with `-`.
      ['www. after a letter', hover({ displayName: 'lodashwww.evil.example' }, {})],
      ['e-mail domain starting with a dash', hover({}, { source: 'user@-evil.example' })],
      // marked's emphasis masking ignores backslashes: an escaped backtick or `[` in the name hid the closing `**`,
      // which then closed inside the repository's code span and left the rest of it as live Markdown.
      ['escaped backtick in the name, link in the repository', hover({ displayName: '`' }, { repository: `***[x](${EVIL})` })],
      ['escaped `[…](` in the name, link in the repository', hover({ displayName: '[a](b' }, { repository: `)***[x](${EVIL})` })],
    ];
    for (const mode of MODES) {
      for (const [name, input] of hovers) assert.deepEqual(hoverProblems(input, mode), [], name);
      // An empty code span was two backticks in a row, which paired with the next span's fence.
      assert.deepEqual(approvalProblems([trustDep('x'), { ...i.target, domain: '`', owner: `[x](${EVIL})` }, ''], mode), [], 'empty file label');
      // An escaped `[` in the name, `](…)` in the file label's code: the mask ran from one into the other.
      const label = `Update to latest](${EVIL}) [x`;
      assert.deepEqual(approvalProblems([trustDep(label), { ...i.target, domain: `***[x](${EVIL})*** **z`, owner: '' }, label], mode), [], 'escaped [ before code');
      // A backtick inside a code span (a longer fence) left part of the next code span unmasked, where the `****`
      // of an empty name found its closing `**`.
      assert.deepEqual(approvalProblems([trustDep(''), { ...i.target, domain: '`', owner: `***[x](${EVIL})*** **z` }, ''], mode), [], 'backtick in code');
      assert.deepEqual(hoverProblems(hover({ displayName: '', range: 'a`b' }, { repository: `***[x](${EVIL})` }), mode), [], 'backtick in the range');
    }
    // `$(A` at the end of the source, then our `)`: an icon where theme icons are on.
    assert.deepEqual(hoverProblems(hover({}, { source: '$(A' }), { isTrusted: true, supportThemeIcons: true }), [], 'icon across the end of a field');
  });

  it('hoverMarkdown: every corpus string in every server/manifest field', () => {
    let cases = 0;
    for (const [field, set] of Object.entries(HOVER_FIELDS)) {
      for (const h of HOSTILE_CORPUS) {
        for (const found of field.startsWith('everything') ? [true, false] : [true]) {
          const input = set(cleanInput(), h);
          const i = found ? input : withPkg(input, { found: false });
          for (const mode of MODES) {
            assert.deepEqual(hoverProblems(i, mode), [], `${field}, icons ${mode.supportThemeIcons}: ${JSON.stringify(h.slice(0, 80))}`);
            cases++;
          }
        }
      }
    }
    assert.ok(cases > 4000, `${cases}`);
  });

  it('trustNoteMarkdown and approvalNoteMarkdown: every corpus string in every field', () => {
    for (const h of HOSTILE_CORPUS) {
      for (const mode of MODES) {
        assert.deepEqual(trustProblems(h, mode), [], `trust note: ${JSON.stringify(h.slice(0, 80))}`);
        for (const [field, args] of Object.entries(APPROVAL_FIELDS)) assert.deepEqual(approvalProblems(args(h), mode), [], `approval ${field}: ${JSON.stringify(h.slice(0, 80))}`);
      }
    }
  });

  it('every parser trick in every field of all three notes', () => {
    for (const t of PARSER_TRICKS) {
      for (const text of [t.text, `lodash${t.text}`, `${t.text}lodash`]) {
        for (const mode of MODES) {
          for (const [field, set] of Object.entries(HOVER_FIELDS)) assert.deepEqual(hoverProblems(set(cleanInput(), text), mode), [], `${t.name} in ${field}`);
          assert.deepEqual(trustProblems(text, mode), [], `${t.name} in the trust note`);
          for (const [field, args] of Object.entries(APPROVAL_FIELDS)) assert.deepEqual(approvalProblems(args(text), mode), [], `${t.name} in approval ${field}`);
        }
      }
    }
  });

  it('generated hostile text, parser tricks mixed in, across the fields at once', () => {
    // Markdown punctuation in printable runs (printableString) is what finds parser-specific gaps fastest.
    const piece = fc.oneof(hostileString, printableString, fc.constantFrom(...PARSER_TRICKS.map((t) => t.text)));
    const hostile = fc.array(piece, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(hostile, hostile, hostile, fc.boolean(), (a, b, c, icons) => {
        const mode = { isTrusted: true, supportThemeIcons: icons };
        const i = cleanInput();
        const input: HoverInput = {
          ...i,
          dep: { ...i.dep, displayName: a, name: a, range: b, rangeSpan: { ...span, text: b }, pinned: c },
          target: { ...i.target, domain: b, repository: c, source: a },
          pkg: { ...i.pkg, versions: [version(a, c), version('1.0.0', b, { deprecated: a }), version(c)], distTags: { latest: '1.0.0', [b]: c }, latest: '1.0.0' },
        };
        assert.deepEqual(hoverProblems(input, mode), []);
        assert.deepEqual(trustProblems(a, mode), []);
        assert.deepEqual(approvalProblems([trustDep(a), { ...i.target, domain: b, owner: c }, a], mode), []);
      }),
      { numRuns: runs(200) },
    );
  });
});
