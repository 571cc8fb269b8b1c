// The audit report: counts by verdict, and names from a hostile manifest stay text (no link, no HTML).
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { auditReport, type Checked } from '../../../src/guard/auditReport';
import type { GuardQuery } from '../../../src/guard/confusionCheck';

const dep = (displayName: string): Checked['dep'] => ({ ecosystem: 'npm', displayName, name: displayName, nameSpan: { start: 0, end: displayName.length, text: displayName }, range: '^1.0.0' });
const query: GuardQuery = { target: { domain: 'acme', owner: '111122223333', repository: 'app', format: 'npm' }, name: 'x' };

describe('audit report', () => {
  it('counts each verdict and lists exposed ones with their way in', () => {
    const rows = [
      {
        file: 'package.json',
        checked: [
          { dep: dep('@acme/ui-kit'), query, result: { verdict: { kind: 'exposed' as const, entries: [{ repository: 'npm-public', connection: 'public:npmjs', path: ['app', 'npm-public'] }], groupChecked: false, fixes: ['package' as const] } } },
          { dep: dep('@acme/safe'), query, result: { verdict: { kind: 'protected' as const, by: 'packageOrigin' as const, detail: 'upstream is blocked for this package in app' } } },
          { dep: dep('left-pad'), query, result: { verdict: { kind: 'notInternal' as const } } },
          { dep: dep('broken'), query, error: 'AccessDenied' },
          { dep: dep('elsewhere'), skipped: 'unconfigured' },
        ],
      },
    ];
    const md = auditReport(rows, { truncated: false, cancelled: false });
    const count = (label: string): string | undefined => new RegExp(`\\| ${label.replace(/[*()]/g, '\\$&')} \\| (\\d+) \\|`).exec(md)?.[1];
    assert.equal(count('dependencies'), '5');
    assert.equal(count('checked in CodeArtifact'), '4');
    assert.equal(count('internal (published to the repository)'), '2');
    assert.equal(count('**exposed**: internal, upstream allowed'), '1');
    assert.equal(count('protected'), '1');
    assert.equal(count('could not be checked'), '1');
    assert.match(md, /@acme\/ui-kit.*public:npmjs on app → npm-public \(package group not checked\)/);
  });

  it('a hostile name is escaped: no link, no HTML', () => {
    const evil = '[x](command:workbench.action.terminal.new) <img src=x>';
    const md = auditReport([{ file: 'a/package.json', checked: [{ dep: dep(evil), query, result: { verdict: { kind: 'exposed', entries: [], groupChecked: true, fixes: ['package'] } } }] }], { truncated: true, cancelled: true });
    // Rendered as VS Code's preview would (HTML on): no link, no image, no tag.
    const html = new MarkdownIt({ html: true, linkify: true }).render(md);
    assert.doesNotMatch(html, /<a |<img/);
    assert.match(html, /command:workbench/, 'the text is still shown');
    assert.match(md, /cancelled/);
    assert.match(md, /Only the first 500 manifests/);
  });
});
