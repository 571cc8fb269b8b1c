// Quick-pick text for domains, repositories, search hits and profiles, fed the hostile corpus: no icon renders,
// no control or bidi character shows as itself, every part is bounded; ordinary names come through as they are.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DISPLAY_LIMITS } from '../../../src/core/displayText';
import { domainPickText, packageMatchPickText, pickText, profilePickText, repositoryPickText, type PickText } from '../../../src/core/pickItems';
import { FORBIDDEN_IN_UI, HOSTILE_CORPUS, hostileString } from '../hostile/corpus';
import { labelIcons } from '../hostile/markdownCheck';

function assertClean(item: PickText, what: string): void {
  for (const part of [item.label, item.description, item.detail]) {
    if (part === undefined) continue;
    assert.doesNotMatch(part, FORBIDDEN_IN_UI, what);
    assert.deepEqual(labelIcons(part), [], what);
    // The limit counts what is shown: an escaped icon's backslash is not (iconSafeText cuts, then escapes).
    assert.ok([...part.replace(/\\(?=\$\()/g, '')].length <= DISPLAY_LIMITS.label, what);
  }
}

const all = (h: string): PickText[] => [
  domainPickText({ name: h, owner: h }),
  repositoryPickText({ name: h, description: h }),
  packageMatchPickText(h, h, 'npm'),
  profilePickText({ name: h, region: h }, 'SSO', true),
  pickText(h, h, h),
];

describe('quick-pick text', () => {
  it('shows ordinary names as they are', () => {
    assert.deepEqual(domainPickText({ name: 'acme', owner: '111122223333' }), { label: 'acme', description: '111122223333' });
    assert.deepEqual(repositoryPickText({ name: 'shared' }), { label: 'shared' });
    assert.deepEqual(packageMatchPickText('@acme/ui-kit', 'shared', 'npm'), { label: '@acme/ui-kit', description: 'shared · npm' });
    assert.deepEqual(profilePickText({ name: 'dev', region: 'us-west-2' }, 'SSO', true), { label: 'dev', description: 'SSO · us-west-2', detail: 'current' });
    assert.deepEqual(profilePickText({ name: 'dev' }, 'access keys', false), { label: 'dev', description: 'access keys' });
  });

  it('a name cannot show an icon, a control or bidi character, or run long (corpus)', () => {
    for (const h of HOSTILE_CORPUS) for (const item of all(h)) assertClean(item, JSON.stringify(h.slice(0, 60)));
  });

  it('a name cannot show an icon, a control or bidi character, or run long (generated)', () => {
    fc.assert(fc.property(hostileString, (h) => all(h).forEach((item) => assertClean(item, JSON.stringify(h)))), { numRuns: 300 });
  });

  it('escapes icons in every part, the way VS Code shows them literally', () => {
    const item = repositoryPickText({ name: '$(zap) prod', description: 'mirror of $(sync~spin) npm\u202e' });
    assert.equal(item.label, '\\$(zap) prod');
    assert.equal(item.description, 'mirror of \\$(sync~spin) npm\\u{202E}');
    // The check itself sees an icon that is left alone.
    assert.deepEqual(labelIcons('$(zap) prod'), ['$(zap)']);
  });
});
