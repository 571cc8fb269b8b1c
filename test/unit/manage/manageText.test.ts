// What a person reads before and after a write: the confirmation names package, versions, repository and that
// it cannot be undone; deleting several versions asks for the name; the report lists each failure and why.
import assert from 'node:assert/strict';
import { marked } from 'marked';
import type { BulkResult } from '../../../src/manage/batches';
import { confirmation, copyConfirmation, failureReport, needsTypedName, summary, typedNameProblem, versionList } from '../../../src/manage/manageText';

const PKG = { domain: 'acme', repository: 'dev', format: 'npm' as const, namespace: 'acme', package: 'ui' };

describe('manage: confirmation and report text', () => {
  it('a delete confirmation names the package, versions, repository and that it cannot be undone', () => {
    const c = confirmation('delete', '@acme/ui', ['1.0.0', '1.1.0'], 'dev', 'acme');
    assert.equal(c.message, 'Delete 2 versions of @acme/ui in acme/dev?');
    assert.match(c.detail, /Versions: 1\.0\.0 and 1\.1\.0\./);
    assert.match(c.detail, /cannot be undone/);
    assert.equal(c.button, 'Delete');
    assert.match(confirmation('dispose', 'x', ['1'], 'r', 'd').detail, /assets are deleted\. This cannot be undone/);
    assert.equal(confirmation('dispose', 'x', ['1'], 'r', 'd').button, 'Dispose');
    assert.doesNotMatch(confirmation('unlist', 'x', ['1'], 'r', 'd').detail, /cannot be undone/);
  });

  it('long version lists stay short', () => {
    assert.equal(versionList(['1']), '1');
    assert.equal(versionList(['1', '2', '3']), '1, 2 and 3');
    assert.equal(versionList(Array.from({ length: 500 }, (_, i) => String(i)), 3), '0, 1, 2 and 497 more');
  });

  it('asks for the typed name when more than one version is deleted, and for a whole package', () => {
    assert.equal(needsTypedName('delete', 1), false);
    assert.equal(needsTypedName('delete', 2), true);
    assert.equal(needsTypedName('dispose', 5), false);
    assert.equal(needsTypedName('deletePackage', 0), true);
    assert.equal(typedNameProblem('@acme/ui', '@acme/ui'), undefined);
    assert.equal(typedNameProblem(' @acme/ui ', '@acme/ui'), undefined);
    assert.equal(typedNameProblem('@acme/u', '@acme/ui'), 'Type @acme/ui to confirm');
  });

  it('a copy confirmation says what happens to versions the target has', () => {
    const c = copyConfirmation(['@acme/ui'], 3, 'dev', 'prod', 'acme', false);
    assert.equal(c.message, 'Copy 3 versions of @acme/ui from dev to prod in acme?');
    assert.match(c.detail, /left as they are/);
    assert.match(copyConfirmation(['a', 'b'], 1, 'dev', 'prod', 'acme', true).message, /1 version of 2 packages/);
    assert.match(copyConfirmation(['a'], 1, 'dev', 'prod', 'acme', true).detail, /overwritten/);
  });

  it('summarises per-version results and reports each failure with the service words and what to do', () => {
    const result: BulkResult = {
      succeeded: [{ pkg: PKG, version: '1.0.0' }],
      failed: [
        { pkg: PKG, version: '2.0.0', code: 'ALREADY_EXISTS', message: 'Version 2.0.0 already exists | in prod' },
        { pkg: PKG, version: '3.0.0', code: 'NOT_SENT', message: 'Not sent: cancelled.' },
      ],
      skipped: [],
      unchanged: [],
      resent: 0,
      calls: 1,
      throttled: 0,
      peakConcurrency: 1,
      cancelled: true,
    };
    assert.equal(summary('copy', result, 'prod'), 'Copied 1 of 3 versions to prod; 1 failed (1 ALREADY_EXISTS); 1 not sent (cancelled).');
    const report = failureReport('Copying 3 versions to prod', 'copy', result, () => '@acme/ui');
    assert.match(report, /## ALREADY\\_EXISTS \(1\)/);
    assert.match(report, /Allow overwrite/);
    // Rendered, the table has one row per failure with four cells: a `|` in a message cannot add a column.
    const html = marked.parse(report, { async: false });
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1]?.match(/<td/g) ?? []).length).filter((n) => n > 0);
    assert.deepEqual(rows, [4, 4]);
  });

  it('skipped is not failed and identical copies are not failures: each counted apart, skipped listed in the report', () => {
    const result: BulkResult = {
      succeeded: [{ pkg: PKG, version: '1.0.0' }],
      failed: [{ pkg: PKG, version: '2.0.0', code: 'ALREADY_EXISTS', message: 'Version 2.0.0 already exists' }],
      skipped: [{ pkg: PKG, version: '3.0.0', code: 'SKIPPED', message: 'Version 3.0.0 was skipped' }],
      unchanged: [{ pkg: PKG, version: '0.9.0' }],
      resent: 1,
      calls: 2,
      throttled: 0,
      peakConcurrency: 1,
      cancelled: false,
    };
    assert.equal(summary('copy', result, 'prod'), 'Copied 1 of 4 versions to prod; 1 already there, identical; 1 failed (1 ALREADY_EXISTS); 1 skipped, not changed: the service skips the rest of a call when one version fails.');
    const report = failureReport('Copying 4 versions to prod', 'copy', result, () => '@acme/ui');
    assert.match(report, /## SKIPPED \(1\)/);
    assert.match(report, /sent again on their own: 1/);
  });

  it('server text in the report stays text: no links, HTML or images from a package name or message', () => {
    const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> ![i](http://e/x.png)';
    const result: BulkResult = { succeeded: [], failed: [{ pkg: { ...PKG, repository: hostile }, version: '1.0.0`', code: 'NOT_FOUND', message: hostile }], skipped: [], unchanged: [], resent: 0, calls: 1, throttled: 0, peakConcurrency: 1, cancelled: false };
    const html = marked.parse(failureReport(hostile, 'delete', result, () => hostile), { async: false });
    assert.doesNotMatch(html, /<a |<img|onerror=alert\(1\)>/);
  });
});
