// Diagnostics, lens titles, quick-fix edits and the hover's Markdown, from manifests parsed by the real parsers
// and repository answers built by hand.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, findingsFor, lensTitle, updateEdits } from '../../../src/versions/dependencyInsight';
import { commandLink, COPY_SNIPPET_COMMAND, HOVER_COMMANDS, hoverMarkdown, packageLocationOf, REVEAL_COMMAND, SHOW_VERSIONS_COMMAND, UPDATE_COMMAND } from '../../../src/versions/hoverContent';
import { dependencyAt, manifestKindOf, readManifest, type ManifestDependency, type ManifestKind } from '../../../src/versions/manifestDependencies';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import type { PackageVersions, PartialAnswer, RepositoryVersion } from '../../../src/versions/versionSource';

/** Link ids as LinkArgStore makes them. */
const ID = { a: 'aaaaaaaaaaaaaaaaaaaaaaaa', b: 'bbbbbbbbbbbbbbbbbbbbbbbb', c: 'cccccccccccccccccccccccc', d: 'dddddddddddddddddddddddd' } as const;

const target: RepositoryTarget = { domain: 'acme', owner: '111122223333', repository: 'shared', format: 'npm', source: '.npmrc' };

function pkg(versions: Partial<RepositoryVersion>[], latest?: string, distTags: Record<string, string> = {}, partial?: PartialAnswer): PackageVersions {
  return {
    found: versions.length > 0,
    // A yanked version is never installable, as VersionSource reports it.
    versions: versions.map((v) => ({ version: v.version ?? '0.0.0', status: v.status ?? 'Published', installable: v.installable ?? v.yanked === undefined, ...v })),
    distTags,
    ...(latest ? { latest } : {}),
    ...(partial ? { partial } : {}),
    fetchedAt: 0,
  };
}

const uiKit = pkg(
  [
    { version: '3.0.0', publishedTime: new Date('2025-09-01T00:00:00Z') },
    { version: '2.4.1', publishedTime: new Date('2025-06-01T00:00:00Z') },
    { version: '2.1.0', deprecated: 'old' },
    { version: '2.0.0', status: 'Unlisted', installable: false },
    { version: '1.0.0', status: 'Archived', installable: false },
  ],
  '3.0.0',
);

function deps(kind: ManifestKind, text: string): ManifestDependency[] {
  return [...readManifest(kind, text).dependencies];
}

function one(kind: ManifestKind, text: string): ManifestDependency {
  const [dep] = deps(kind, text);
  assert.ok(dep, 'one dependency');
  return dep;
}

describe('dependency insight', () => {
  it('one story for a range nothing satisfies (^9.0.0, latest 3.0.0): lens, hover, diagnostic and quick fix agree', () => {
    const [dep] = deps('packageJson', '{"dependencies": {"ui-kit": "^9.0.0"}}');
    assert.ok(dep);
    assert.equal(analyze(dep, uiKit).unsatisfied, true);
    assert.equal(lensTitle(dep, uiKit), 'no version matches; latest 3.0.0');
    const md = hoverMarkdown(dep, target, uiKit, { showVersions: ID.a });
    assert.match(md, /no version matches the declared range/);
    assert.doesNotMatch(md, /up to date/);
    assert.deepEqual(findingsFor(dep, uiKit, 'acme/shared').map((f) => f.code), ['unsatisfiable']);
    assert.deepEqual(updateEdits(dep, uiKit).map((e) => [e.title, e.newText]), [['Update ui-kit to latest 3.0.0', '^3.0.0']]);
    // A range that matches is untouched by this.
    const [ok] = deps('packageJson', '{"dependencies": {"ui-kit": "^3.0.0"}}');
    assert.ok(ok);
    assert.equal(analyze(ok, uiKit).unsatisfied, false);
    assert.equal(lensTitle(ok, uiKit), 'up to date');
  });

  it('resolves a caret range, finds the major update and the latest compatible version', () => {
    const dep = one('packageJson', '{"dependencies": {"@acme/ui-kit": "^2.1.0"}}');
    assert.equal(dep.namespace, 'acme');
    assert.equal(dep.name, 'ui-kit');
    const insight = analyze(dep, uiKit);
    assert.equal(insight.resolved, '2.4.1');
    assert.equal(insight.update, 'major');
    assert.equal(insight.latestCompatible, '2.4.1');
    assert.deepEqual([...insight.satisfying].sort(), ['2.1.0', '2.4.1']);
    assert.equal(lensTitle(dep, uiKit), 'latest 3.0.0 (major)');
  });

  it('says up to date when the range already resolves to latest', () => {
    const dep = one('packageJson', '{"dependencies": {"@acme/ui-kit": "^3.0.0"}}');
    assert.equal(lensTitle(dep, uiKit), 'up to date');
    assert.deepEqual(findingsFor(dep, uiKit, 'acme/shared'), []);
    assert.deepEqual(updateEdits(dep, uiKit), []);
  });

  it('finds an unsatisfiable range (error), a flagged status (warning), deprecation and an unknown package (warning)', () => {
    const text = '{"dependencies": {"@acme/ui-kit": "^9.0.0", "a": "2.0.0", "b": "1.0.0", "c": "2.1.0", "d": "1.0.0"}}';
    const [unsat, unlisted, archived, deprecated, unknown] = deps('packageJson', text);
    assert.ok(unsat && unlisted && archived && deprecated && unknown);
    const f1 = findingsFor(unsat, uiKit, 'acme/shared');
    assert.deepEqual(f1.map((f) => [f.severity, f.code]), [['error', 'unsatisfiable']]);
    assert.match(f1[0]!.message, /No version of @acme\/ui-kit in acme\/shared satisfies "\^9\.0\.0"\. The latest is 3\.0\.0\./);
    assert.equal(text.slice(f1[0]!.span.start, f1[0]!.span.end), '^9.0.0');
    assert.deepEqual(findingsFor(unlisted, uiKit, 'acme/shared').map((f) => [f.severity, f.message]), [['warning', 'a 2.0.0 is Unlisted in acme/shared.']]);
    assert.deepEqual(findingsFor(archived, uiKit, 'acme/shared').map((f) => f.severity), ['warning']);
    assert.deepEqual(findingsFor(deprecated, uiKit, 'acme/shared').map((f) => f.code), ['deprecated']);
    // npm install would fail: a Warning, not Information.
    const f5 = findingsFor(unknown, pkg([]), 'acme/shared');
    assert.deepEqual(f5.map((f) => [f.severity, f.code]), [['warning', 'unknownPackage']]);
    assert.match(f5[0]!.message, /^d is not available through acme\/shared \(nor its upstreams\): npm install would fail\.$/);
    assert.equal(text.slice(f5[0]!.span.start, f5[0]!.span.end), 'd');
  });

  it('an unknown package is an Error when the repository is CodeArtifact-only, a Warning when that is unknown or not so', () => {
    const [npmDep] = deps('packageJson', '{"dependencies": {"d": "1.0.0"}}');
    const [pipDep] = deps('requirements', 'acme-missing==1.0\n');
    assert.ok(npmDep && pipDep);
    const only = findingsFor(npmDep, pkg([]), 'acme/private', { codeArtifactOnly: true });
    assert.deepEqual(only.map((f) => [f.severity, f.code]), [['error', 'unknownPackage']]);
    assert.match(only[0]!.message, /acme\/private \(which has no external connection, nor have its upstreams\): npm install would fail/);
    assert.deepEqual(findingsFor(npmDep, pkg([]), 'acme/shared', { codeArtifactOnly: false }).map((f) => f.severity), ['warning']);
    assert.match(findingsFor(pipDep, pkg([]), 'acme/shared')[0]!.message, /pip install would fail/);
    // A package that exists is not touched by the repository's reach.
    const [ok] = deps('packageJson', '{"dependencies": {"@acme/ui-kit": "^3.0.0"}}');
    assert.deepEqual(findingsFor(ok!, uiKit, 'acme/shared', { codeArtifactOnly: true }), []);
  });

  it('says on the name when it holds non-ASCII look-alike letters (information), next to the other findings', () => {
    // `lodаsh` with a Cyrillic а, `reαct` with a Greek α, and a plain name for contrast. npm refuses such names
    // (EINVALIDPACKAGENAME: not URL-friendly), so package.json never looks them up; a pom has no such rule.
    assert.deepEqual(deps('packageJson', '{"dependencies": {"lod\u0430sh": "^9.0.0", "lodash": "3.0.0"}}').map((d) => d.displayName), ['lodash']);
    const dependency = (artifact: string, version: string): string => `<dependency><groupId>g</groupId><artifactId>${artifact}</artifactId><version>${version}</version></dependency>`;
    const text = `<project><dependencies>${dependency('lod\u0430sh', '[9.0.0]')}${dependency('re\u03b1ct', '3.0.0')}${dependency('lodash', '3.0.0')}</dependencies></project>`;
    const [cyrillic, greek, plain] = deps('pom', text);
    assert.ok(cyrillic && greek && plain);
    const f1 = findingsFor(cyrillic, uiKit, 'acme/shared');
    assert.deepEqual(f1.map((f) => [f.severity, f.code]), [['information', 'lookAlike'], ['error', 'unsatisfiable']]);
    assert.equal(text.slice(f1[0]!.span.start, f1[0]!.span.end), 'lod\u0430sh');
    assert.match(f1[0]!.message, /^g:lod\u0430sh contains non-ASCII characters: \u0430 \(U\+0430, Cyrillic\)\. .*make sure it is the package you mean\.$/);
    const f2 = findingsFor(greek, pkg([]), 'acme/shared');
    assert.deepEqual(f2.map((f) => f.code), ['lookAlike', 'unknownPackage']);
    assert.match(f2[0]!.message, /U\+03B1, Greek/);
    assert.deepEqual(findingsFor(plain, uiKit, 'acme/shared'), []);
  });

  it('offers quick fixes that keep the operator, for npm, PyPI and Maven (through a property)', () => {
    const npm = one('packageJson', '{"dependencies": {"@acme/ui-kit": "~2.1.0"}}');
    assert.deepEqual(updateEdits(npm, uiKit).map((e) => [e.target, e.newText]), [['latest', '~3.0.0'], ['latestCompatible', '~2.4.1']]);
    const py = pkg([{ version: '2.32.3' }, { version: '2.31.0' }, { version: '1.9.0' }], '2.32.3');
    const req = one('requirements', 'requests == 2.31.0  # pinned\n');
    assert.equal(req.pinned, '2.31.0');
    assert.deepEqual(updateEdits(req, py).map((e) => e.newText), ['==2.32.3']);
    const pomText = `<project><properties><g.version>1.0</g.version></properties><dependencies><dependency>
      <groupId>com.acme</groupId><artifactId>greeting</artifactId><version>\${g.version}</version></dependency></dependencies></project>`;
    const mvn = one('pom', pomText);
    const edits = updateEdits(mvn, pkg([{ version: '1.1' }, { version: '1.0' }], '1.1'));
    assert.equal(edits.length, 1);
    assert.equal(pomText.slice(edits[0]!.span.start, edits[0]!.span.end), '1.0', 'the property value is what changes');
    assert.equal(edits[0]!.newText, '1.1');
  });

  it('finds the dependency under the cursor by name or by version', () => {
    const text = '{"dependencies": {"left-pad": "^1.3.0", "@acme/ui-kit": "^2.0.0"}}';
    const all = deps('packageJson', text);
    assert.equal(dependencyAt(all, text.indexOf('ui-kit') + 2)?.displayName, '@acme/ui-kit');
    assert.equal(dependencyAt(all, text.indexOf('^1.3.0') + 1)?.displayName, 'left-pad');
    assert.equal(dependencyAt(all, 3), undefined);
  });

  it('knows manifest files by name', () => {
    assert.equal(manifestKindOf('/w/package.json'), 'packageJson');
    assert.equal(manifestKindOf('C:\\w\\requirements-dev.txt'), 'requirements');
    assert.equal(manifestKindOf('/w/build.gradle.kts'), 'gradle');
    assert.equal(manifestKindOf('/w/pyproject.toml'), 'pyproject');
    assert.equal(manifestKindOf('/w/pom.xml'), 'pom');
    assert.equal(manifestKindOf('/w/tsconfig.json'), undefined);
  });

  it('never throws on random edits of a manifest, and every span points into the text', () => {
    const base = '{"dependencies": {"@acme/ui-kit": "^2.1.0", "x": "1.0.0"}, "devDependencies": {"y": "~1"}}';
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(5), fc.string({ maxLength: 5 }), (at, drop, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + drop);
        for (const dep of readManifest('packageJson', text).dependencies) {
          assert.equal(text.slice(dep.nameSpan.start, dep.nameSpan.end), dep.nameSpan.text);
          if (dep.rangeSpan) assert.equal(text.slice(dep.rangeSpan.start, dep.rangeSpan.end), dep.rangeSpan.text);
          findingsFor(dep, uiKit, 'acme/shared');
          updateEdits(dep, uiKit);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('hover content', () => {
  const hostile = pkg(
    [
      { version: '1.0.0](command:workbench.action.terminal.new)', publishedTime: new Date('2025-01-02T03:04:05Z') },
      { version: '0.9.0<img src=x onerror=alert(1)>', status: 'Archived', installable: false },
      { version: '0.8.0', deprecated: '[click](https://evil.example)' },
    ],
    '1.0.0](command:workbench.action.terminal.new)',
    { 'next|x': '<b>2</b>' },
  );

  it('lists the newest versions with dates, statuses and which satisfy the range, with links only to our commands', () => {
    const dep = one('packageJson', '{"dependencies": {"@acme/ui-kit": "^2.1.0"}}');
    const md = hoverMarkdown(dep, target, uiKit, { update: ID.a, showVersions: ID.b, copySnippet: ID.c, reveal: ID.d }, 4);
    assert.match(md, /\*\*@acme\/ui-kit\*\* from CodeArtifact `acme\/shared`/);
    assert.match(md, /Latest: \*\*3\.0\.0\*\* — \*\*major update available\*\*/);
    assert.match(md, /Declared `\^2\.1\.0` → 2\.4\.1/);
    assert.match(md, /\| 3\.0\.0 \*\(latest\)\* \| 2025-09-01 \| Published \| {2}\|/);
    assert.match(md, /\| 2\.4\.1 \| 2025-06-01 \| Published \| ✓ satisfies \|/);
    assert.match(md, /\| 2\.1\.0 \| {2}\| \*\*Deprecated\*\* \| ✓ satisfies \|/);
    assert.match(md, /\| 2\.0\.0 \| {2}\| \*\*Unlisted\*\* \| {2}\|/);
    assert.doesNotMatch(md, /1\.0\.0/, 'only the newest 4');
    assert.match(md, /Show all 5 versions/);
    const commands = [...md.matchAll(/\]\((\w+):([\w.]+)/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(commands.sort(), [UPDATE_COMMAND, SHOW_VERSIONS_COMMAND, COPY_SNIPPET_COMMAND, REVEAL_COMMAND].map((c) => `command:${c}`).sort());
    assert.ok(commands.every((c) => HOVER_COMMANDS.includes(c.slice('command:'.length))));
    assert.match(md, /\[Update to latest\]/, 'the label names no server version');
  });

  it('escapes everything the server sent: no link, image, HTML or command can come from API text', () => {
    const dep = one('packageJson', '{"dependencies": {"evil": "*"}}');
    const md = hoverMarkdown(dep, target, hostile, { showVersions: ID.b });
    const links = [...md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1] ?? '');
    assert.equal(links.length, 1, md);
    assert.ok(links[0]!.startsWith('command:codeartifact.showDependencyVersions?'));
    assert.doesNotMatch(md, /<img|<b>/);
    assert.match(md, /1\.0\.0\\\]\\?\(command:workbench/, 'the bracket is escaped, so no link forms');
    assert.match(md, /next\\\|x &lt;b&gt;2&lt;\/b&gt;/);
  });

  it('a command link carries exactly one link id, encoded', () => {
    const link = commandLink('Go', 'codeartifact.updateDependency', ID.a);
    assert.match(link, /^\[Go\]\(command:codeartifact\.updateDependency\?[^()\s[\]]+\)$/);
    const args = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1, -1))) as unknown;
    assert.deepEqual(args, [ID.a]);
    assert.equal(commandLink('Trust', 'workbench.trust.manage'), '[Trust](command:workbench.trust.manage)');
  });

  it('links to the explorer with an id behind which the package’s location is kept', () => {
    const dep = one('packageJson', '{"dependencies": {"@acme/ui-kit": "^2.1.0"}}');
    const md = hoverMarkdown(dep, target, uiKit, { showVersions: ID.b, reveal: ID.d });
    const m = /\[Reveal in CodeArtifact Explorer\]\(command:([\w.]+)\?([^)\s]+)\)/.exec(md);
    assert.ok(m, md);
    assert.equal(m[1], REVEAL_COMMAND);
    assert.ok(HOVER_COMMANDS.includes(REVEAL_COMMAND), 'the hover trusts the reveal command');
    assert.deepEqual(JSON.parse(decodeURIComponent(m[2] ?? '')), [ID.d]);
    assert.deepEqual(packageLocationOf(dep, target), { domain: 'acme', owner: '111122223333', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit' });
    // Maven: group and artifact; PyPI: the normalized name; the caller's own account leaves the owner out.
    const pom = one('pom', '<project><dependencies><dependency><groupId>com.acme</groupId><artifactId>greeting</artifactId><version>1.0</version></dependency></dependencies></project>');
    assert.deepEqual(packageLocationOf(pom, { ...target, format: 'maven' }), { domain: 'acme', owner: '111122223333', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'greeting' });
    const req = one('requirements', 'Acme_Utils[cli]>=1.0\n');
    assert.deepEqual(packageLocationOf(req, { ...target, owner: '', format: 'pypi' }), { domain: 'acme', repository: 'shared', format: 'pypi', name: 'acme-utils' });
  });

  it('has no reveal link when the repository does not hold the package itself', () => {
    const dep = one('packageJson', '{"dependencies": {"@acme/ui-kit": "^2.1.0"}}');
    assert.doesNotMatch(hoverMarkdown(dep, target, uiKit, { showVersions: ID.b }), /Reveal|revealPackage/);
  });

  it('says plainly when the repository does not have the package', () => {
    const dep = one('requirements', 'nothing-here==1.0\n');
    const md = hoverMarkdown(dep, { ...target, format: 'pypi' }, pkg([]), { showVersions: ID.b });
    assert.match(md, /Not available through `acme\/shared` or its upstreams\./);
  });
});

describe('yanked releases (PEP 592) and partial answers', () => {
  const py: RepositoryTarget = { ...target, format: 'pypi' };
  // 1.3 is yanked with a reason, 1.2 without one; 1.1 is the newest release a range can get.
  const yanky = pkg([{ version: '1.3', yanked: 'broke <everything> | badly' }, { version: '1.2', yanked: '', requiresPython: '>=3.12' }, { version: '1.1', requiresPython: '>=3.9' }, { version: '1.0' }], '1.1');

  it('no range resolves to a yanked release; an == pin does (as pip), with a warning naming the reason', () => {
    assert.equal(analyze(one('requirements', 'acme>=1.0\n'), yanky).resolved, '1.1');
    assert.deepEqual([...analyze(one('requirements', 'acme>=1.0\n'), yanky).satisfying].sort(), ['1.0', '1.1']);
    const pinned = one('requirements', 'acme==1.3\n');
    const insight = analyze(pinned, yanky);
    assert.equal(insight.resolved, '1.3');
    assert.deepEqual(findingsFor(pinned, yanky, 'acme/shared').map((f) => [f.severity, f.code, f.message]), [['warning', 'yanked', 'acme 1.3 is yanked in acme/shared: broke <everything> | badly']]);
    assert.deepEqual(findingsFor(one('requirements', 'acme==1.2\n'), yanky, 'acme/shared').map((f) => f.message), ['acme 1.2 is yanked in acme/shared (no reason given)']);
    assert.equal(lensTitle(pinned, yanky), 'yanked; latest 1.1');
  });

  it('a range only yanked releases satisfy is unsatisfiable, and the message says which are yanked', () => {
    const dep = one('requirements', 'acme>=1.2\n');
    const [finding] = findingsFor(dep, yanky, 'acme/shared');
    assert.equal(finding?.code, 'unsatisfiable');
    assert.equal(finding?.message, 'No version of acme in acme/shared satisfies ">=1.2". Only yanked releases do: 1.3, 1.2. The latest is 1.1.');
  });

  it('never offers a yanked release as an update, latest or latest compatible', () => {
    const edits = updateEdits(one('requirements', 'acme==1.0\n'), yanky);
    assert.deepEqual(edits.map((e) => [e.target, e.newText]), [['latest', '==1.1']]);
    const allYanked = pkg([{ version: '2.0', yanked: 'x' }, { version: '1.0', yanked: '' }]);
    assert.deepEqual(updateEdits(one('requirements', 'acme>=0.1\n'), allYanked), []);
    assert.equal(lensTitle(one('requirements', 'acme\n'), allYanked), 'no installable version');
  });

  it('the hover marks yanked versions with their reason (escaped), shows Requires-Python, and says when every listed release is yanked', () => {
    const md = hoverMarkdown(one('requirements', 'acme>=1.0\n'), py, yanky, { showVersions: ID.b });
    assert.match(md, /Latest: \*\*1\.1\*\*/);
    assert.match(md, /\| 1\.3 \| {2}\| \*\*Yanked\*\*: broke &lt;everything&gt; \\\| badly \| {2}\|/);
    assert.match(md, /\| 1\.2 \| {2}\| \*\*Yanked\*\* · Python &gt;=3\.12 \| {2}\|/);
    assert.match(md, /\| 1\.1 \*\(latest\)\* \| {2}\| Published · Python &gt;=3\.9 \| ✓ satisfies \|/);
    const none = hoverMarkdown(one('requirements', 'acme\n'), py, pkg([{ version: '2.0', yanked: 'x' }]), { showVersions: ID.b });
    assert.match(none, /No installable version: the releases listed are yanked\./);
  });

  const indexMissing: PartialAnswer = { missing: 'index', kind: 'badResponse', reason: 'acme in acme/shared: the repository\'s answer could not be read (none of its 3 links is a distribution of "acme" [x](command:evil)).' };
  const ownOnly = pkg([{ version: '1.1', installable: false }, { version: '1.0', status: 'Unlisted', installable: false }], undefined, {}, indexMissing);

  it('without the index: statuses shown, latest unknown, no "unsatisfiable" guess, no edits; the note says what is missing', () => {
    const dep = one('requirements', 'acme==1.0\n');
    assert.equal(lensTitle(dep, ownOnly), 'latest unknown: index unavailable');
    assert.deepEqual(findingsFor(dep, ownOnly, 'acme/shared').map((f) => f.code), ['versionStatus'], 'the control plane still knows 1.0 is Unlisted');
    assert.deepEqual(findingsFor(one('requirements', 'acme>=5\n'), ownOnly, 'acme/shared'), []);
    assert.deepEqual(updateEdits(dep, ownOnly), []);
    const md = hoverMarkdown(dep, py, ownOnly, { showVersions: ID.b });
    assert.match(md, /Latest: \*unknown\* {2}\nDeclared `==1\.0` → \*unknown without the index\*/);
    assert.match(md, /⚠ Only the repository's own versions are shown: which versions pip can install through it, upstreams included, is unknown\. acme in acme\/shared: /);
    assert.doesNotMatch(md, /(?<!\\)\]\(command:evil/, 'the reason is escaped');
    assert.equal([...md.matchAll(/(?<!\\)\]\(command:/g)].length, 1, 'only our own Show versions link');
  });

  it('without the statuses: the data plane’s versions and latest, and a note; not found with a note too', () => {
    const statuses: PartialAnswer = { missing: 'statuses', kind: 'accessDenied', reason: 'You are not allowed to codeartifact:ListPackageVersions on acme/shared.' };
    const listed = pkg([{ version: '1.1' }, { version: '1.0' }], '1.1', {}, statuses);
    const dep = one('requirements', 'acme==1.0\n');
    assert.equal(lensTitle(dep, listed), 'latest 1.1');
    const md = hoverMarkdown(dep, py, listed, { showVersions: ID.b });
    assert.match(md, /Latest: \*\*1\.1\*\*/);
    assert.match(md, /⚠ Statuses are missing: versions the repository hides \(Unlisted, Archived, …\) are not shown and the rest are assumed Published\. You are not allowed to codeartifact:ListPackageVersions on acme\/shared\./);
    const gone = hoverMarkdown(dep, py, { ...pkg([]), partial: statuses }, { showVersions: ID.b });
    assert.match(gone, /Not available through `acme\/shared` or its upstreams\.\n\n⚠ Statuses are missing/);
  });
});
