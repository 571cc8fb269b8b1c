// Every place where API or manifest strings become UI, fed the hostile corpus: the dependency hover, the
// explorer's labels/descriptions/tooltips (cheap and resolved), the version-details loader, error messages
// and diagnostics. Checked with a real Markdown parser (markdownCheck.ts) and the display policy.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeArtifactApi, VersionDetails } from '../../../src/aws/codeArtifactApi';
import { toApiError } from '../../../src/aws/errors';
import { DISPLAY_LIMITS, displayLabels, messageText } from '../../../src/core/displayText';
import { renderVersionDetails } from '../../../src/core/versionDetails';
import {
  DomainNode,
  ExternalConnectionNode,
  FormatNode,
  LoadMoreNode,
  MessageNode,
  NamespaceNode,
  PackageNode,
  RepositoryNode,
  RootNode,
  UpstreamsNode,
  VersionNode,
  type ExplorerContext,
  type ExplorerNode,
} from '../../../src/explorer/model';
import { DependenciesNode, DependencyNode } from '../../../src/explorer/dependencyNodes';
import { loadVersionDetails } from '../../../src/explorer/versionDetailsData';
import { findingsFor, lensTitle } from '../../../src/versions/dependencyInsight';
import { HOVER_COMMANDS, hoverMarkdown, lookAlikeNote, MAX_COMMAND_LINK, MAX_HOVER_TAGS } from '../../../src/versions/hoverContent';
import type { ManifestDependency } from '../../../src/versions/manifestDependencies';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import type { PackageVersions } from '../../../src/versions/versionSource';
import { FORBIDDEN_IN_UI, HOSTILE_CORPUS, hostileString, LONG_STRINGS } from './corpus';
import { injectionProblems, inspectMarkdown } from './markdownCheck';
import { runs } from '../stress';

const span = { start: 0, end: 1, text: 'x' };
const ownCommand = (href: string) => HOVER_COMMANDS.some((id) => href.startsWith(`command:${id}?`));

function dep(h: string, ecosystem: ManifestDependency['ecosystem'] = 'npm'): ManifestDependency {
  return { ecosystem, displayName: h, name: h, namespace: h, nameSpan: span, range: h, rangeSpan: { ...span, text: h }, pinned: h };
}
const target = (h: string): RepositoryTarget => ({ domain: h, owner: h, repository: h, format: 'npm', source: h });
function pkg(h: string, found = true): PackageVersions {
  const versions = [h, `1.0.0${h}`, '1.0.0', `2.0.0-${h}`].map((version, i) => ({ version, status: [h, 'Unlisted', 'Published', h][i] ?? h, installable: i !== 0, deprecated: i === 2 ? h : undefined, publishedTime: new Date(i * 1e12) }));
  const distTags: Record<string, string> = { latest: h, [h]: h, next: `2.0.0-${h}` };
  for (let i = 0; i < 50; i++) distTags[`${h}${i}`] = h;
  return { found, versions, distTags, latest: h, inRepository: true, fetchedAt: 0 };
}
// Link ids are ours (LinkArgStore), never server text; `h` goes everywhere else.
const links = (_h: string) => ({ update: '0123456789abcdef01234567', showVersions: '123456789abcdef012345678', copySnippet: '23456789abcdef0123456789', reveal: '3456789abcdef0123456789a' });

describe('hostile input: dependency hover', () => {
  it('links only to its own commands; no HTML, images, icons or control characters (corpus)', () => {
    for (const h of HOSTILE_CORPUS) {
      for (const found of [true, false]) {
        const md = hoverMarkdown(dep(h), target(h), pkg(h, found), links(h));
        assert.deepEqual(injectionProblems(md, ownCommand, { themeIcons: true }), [], JSON.stringify(h.slice(0, 80)));
        assert.doesNotMatch(md.replace(/\n/g, ''), FORBIDDEN_IN_UI, 'nothing but our own line breaks');
      }
    }
  });

  it('links only to its own commands (generated names, versions, tags, statuses)', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const md = hoverMarkdown({ ...dep(a), range: b }, target(b), pkg(a), links(b));
        assert.deepEqual(injectionProblems(md, ownCommand, { themeIcons: true }), []);
      }),
      { numRuns: runs(300) },
    );
  });

  it('the command links survive and carry only their link id', () => {
    const md = hoverMarkdown(dep('lodash'), target('repo'), pkg('1.2.3'), links('a)b](command:evil)'));
    const hrefs = inspectMarkdown(md).links.map((l) => l.href);
    assert.equal(hrefs.length, 4);
    const ids = Object.values(links(''));
    for (const href of hrefs) {
      assert.ok(ownCommand(href), href);
      const args = JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))) as unknown[];
      assert.equal(args.length, 1);
      assert.ok(ids.includes(String(args[0])), href);
    }
  });

  it('stays bounded for 100k-character names, ranges, versions and tags', () => {
    for (const h of LONG_STRINGS) {
      const md = hoverMarkdown(dep(h), target(h), pkg(h), links(h));
      assert.ok(md.length < 60_000, `${md.length}`);
      assert.ok(md.split('\n').every((l) => l.length < 30_000));
      // A command whose arguments would be huge is left out rather than bloat the hover.
      assert.ok(inspectMarkdown(md).links.every((l) => l.href.length <= MAX_COMMAND_LINK));
    }
    const md = hoverMarkdown(dep('x'), target('r'), pkg('1.0.0'), links('y'));
    assert.match(md, new RegExp(`and ${50 + 2 - MAX_HOVER_TAGS} more`), 'tags are capped');
  });

  it('makes look-alike names visible, and keeps them as they are', () => {
    const md = hoverMarkdown(dep('lod\u0430sh'), target('repo'), pkg('1.0.0'), links('x'));
    assert.match(md, /^\*\*lod\u0430sh\*\*/);
    assert.match(md, /non-ASCII characters: а \(U\+0430, Cyrillic\)/);
    assert.equal(lookAlikeNote('lodash'), undefined);
    assert.equal(lookAlikeNote('@scope/name.js_x-1'), undefined);
    assert.match(lookAlikeNote('lo\u200bdash') ?? '', /\\\\u\{200B\} \(U\+200B\)/, 'an invisible character is named too');
    assert.doesNotMatch(hoverMarkdown(dep('lodash'), target('repo'), pkg('1.0.0'), links('x')), /non-ASCII/);
  });
});

/** Answers every call with hostile data (or fails with a hostile message). */
function hostileApi(h: string, fail = false): CodeArtifactApi {
  const details: VersionDetails = { packageName: h, displayName: h, version: h, summary: h, homePage: h, sourceCodeRepository: h, licenses: [{ name: h, url: h }], status: h, revision: h, origin: { type: 'INTERNAL', repositoryName: h } };
  const answer = <T>(v: T) => (fail ? Promise.reject(toApiError(Object.assign(new Error(h), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }), { action: 'codeartifact:Describe', resource: h, region: 'us-east-1', knownRegion: true })) : Promise.resolve(v));
  const api: Partial<CodeArtifactApi> = {
    describeDomain: () => answer({ name: h, owner: h, encryptionKey: h, status: h, repositoryCount: 1 }),
    describePackageVersion: () => answer(details),
    listAssets: () => answer({ items: [{ name: h, hashes: { [h]: h } }] }),
    getReadme: () => answer(h),
    listDependencies: () => answer({ items: [{ namespace: h, package: h, dependencyType: h, versionRequirement: h }] }),
  };
  return api as CodeArtifactApi;
}

function explorerNodes(h: string): ExplorerNode[] {
  const root = new RootNode();
  const domain = new DomainNode(root, { name: h, owner: h, encryptionKey: h, status: h, error: toApiError(new Error(h), { action: h, region: 'r', knownRegion: true }) });
  const repo = new RepositoryNode(domain, domain, h, { name: h, domain: h, domainOwner: h, description: h, administratorAccount: h }, 1);
  repo.filter = h;
  const format = new FormatNode(repo, 'npm');
  const ns = new NamespaceNode(format, h);
  const pack = new PackageNode(ns, repo, { format: 'npm', namespace: h, name: h });
  pack.defaultDisplayVersion = h;
  const mavenPack = new PackageNode(new NamespaceNode(new FormatNode(repo, 'maven'), h), repo, { format: 'maven', namespace: h, name: h });
  const deps = new DependenciesNode(new VersionNode(mavenPack, { version: h, status: h }));
  return [
    domain,
    repo,
    new UpstreamsNode(repo, [h, h]),
    new ExternalConnectionNode(repo, h, h, h),
    format,
    ns,
    pack,
    mavenPack,
    new VersionNode(pack, { version: h, status: h, origin: { type: 'EXTERNAL', externalConnectionName: h } }),
    new VersionNode(pack, { version: h, status: 'Published' }),
    new MessageNode(repo, h, toApiError(new Error(h), { action: h, region: 'r', knownRegion: true })),
    new MessageNode(repo, h),
    new LoadMoreNode(domain),
    deps,
    new DependencyNode(deps, { namespace: h, package: h, dependencyType: h, versionRequirement: h }),
  ];
}

describe('hostile input: explorer tree', () => {
  const ctx = (h: string): ExplorerContext => ({ api: () => hostileApi(h), extraDomains: () => [], pageSizes: { domains: 1, repositories: 1, packages: 1, versions: 1 } });

  it('labels and descriptions are neutralised and bounded; tooltips inject nothing (no links at all)', async () => {
    for (const h of HOSTILE_CORPUS) {
      for (const node of explorerNodes(h)) {
        const view = displayLabels(node.view());
        const where = `${node.constructor.name} ${JSON.stringify(h.slice(0, 60))}`;
        for (const s of [view.label, view.description ?? '']) {
          assert.doesNotMatch(s, FORBIDDEN_IN_UI, where);
          assert.ok([...s].length <= DISPLAY_LIMITS.label, where);
        }
        // Tree tooltips are Markdown with theme icons on and commands off: no link of any kind belongs there.
        const tips = [view.tooltip, await node.resolveTooltip(ctx(h))].filter((t): t is string => t !== undefined);
        for (const tip of tips) {
          // The one icon allowed is the warning the model itself puts on a domain that could not be described.
          const expected = node instanceof DomainNode ? ['icon $(warning)'] : [];
          assert.deepEqual(injectionProblems(tip, () => false, { themeIcons: true }), expected, where);
          assert.doesNotMatch(tip.replace(/\n/g, ''), FORBIDDEN_IN_UI, where);
          assert.ok(tip.length < 40_000, `${where}: ${tip.length}`);
        }
      }
    }
  });

  it('keeps our own icon in a tooltip, and only ours', () => {
    const domain = explorerNodes('$(zap)')[0];
    const tip = domain?.view().tooltip ?? '';
    assert.deepEqual(inspectMarkdown(tip, { themeIcons: true }).icons, ['$(warning)']);
  });
});

describe('hostile input: version details loader, error messages, diagnostics', () => {
  it('the details document built from a hostile server injects nothing, also when every call fails', async () => {
    for (const h of [...HOSTILE_CORPUS.slice(0, 80), ...LONG_STRINGS]) {
      for (const fail of [false, true]) {
        const ref = { domain: h, repository: h, format: 'npm' as const, package: h, version: h, namespace: h };
        const doc = renderVersionDetails(await loadVersionDetails(hostileApi(h, fail), ref));
        assert.deepEqual(injectionProblems(doc, (href) => /^https?:\/\//.test(href)), [], JSON.stringify(h.slice(0, 60)));
        assert.doesNotMatch(doc.replace(/[\n\t]/g, ''), FORBIDDEN_IN_UI);
      }
    }
  });

  it('error messages carry server text neutralised, without notification links, bounded', () => {
    const names = ['AccessDeniedException', 'ResourceNotFoundException', 'ValidationException', 'InternalServerException', 'Weird', 'CredentialsProviderError'];
    for (const h of HOSTILE_CORPUS) {
      for (const name of names) {
        const err = Object.assign(new Error(`${h} perform: codeartifact:X on resource: ${h}`), { name, resourceId: h, resourceType: h, reason: h });
        const e = toApiError(err, { action: 'codeartifact:ListPackages', resource: h, profile: h, region: 'us-east-1', knownRegion: true, endpoint: undefined });
        assert.doesNotMatch(e.message, FORBIDDEN_IN_UI, `${name} ${JSON.stringify(h.slice(0, 60))}`);
        assert.ok(!e.message.includes(']('), e.message);
        assert.ok([...e.message].length <= DISPLAY_LIMITS.message);
      }
    }
  });

  it('diagnostic messages and code lens titles (as diagnosticsProvider.ts and lensProvider.ts route them) are clean', () => {
    for (const h of HOSTILE_CORPUS) {
      for (const eco of ['npm', 'pypi', 'maven'] as const) {
        const d = { ...dep(h, eco), pinned: `1.0.0${h}` };
        for (const p of [pkg(h), pkg(h, false), { ...pkg(h), versions: pkg(h).versions.map((v) => ({ ...v, version: `1.0.0${h}`, status: 'Archived' })) }]) {
          for (const f of findingsFor(d, p, `${h}/${h}`)) {
            const msg = messageText(f.message);
            assert.doesNotMatch(msg, FORBIDDEN_IN_UI);
            assert.ok([...msg].length <= DISPLAY_LIMITS.message);
          }
          assert.doesNotMatch(messageText(lensTitle(d, p)), FORBIDDEN_IN_UI);
        }
      }
    }
  });
});
