import assert from 'node:assert/strict';
import { changesText } from '../../../src/configure/changesText';
import type { Applied } from '../../../src/configure/configureHost';

const domain = { name: 'acme', owner: '111122223333' };
const applied = (what: string, changes: Applied['result']['changes']): Applied => ({ what, result: { changes, domain, endpoint: 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/' } });

describe('Show Changes after Configure Workspace', () => {
  it('lists every changed file with the writers’ lines, marks the files that hold the token, and says how to undo', () => {
    const text = changesText(
      { domain: 'acme', repository: 'shared' },
      [
        applied('npm', [
          { file: '/work/app/.npmrc', lines: ['Added registry=https://acme…/npm/shared/'], holdsToken: false },
          { file: '/home/u/.npmrc', lines: ['Added the auth token line for acme…/npm/shared/'], holdsToken: true },
        ]),
        applied('pip (index-url)', [{ file: '/home/u/.config/pip/pip.conf', lines: [], holdsToken: true }]),
      ],
      new Date(0),
    );
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^Configure Workspace → CodeArtifact acme\/shared, /);
    assert.ok(lines.includes('  /work/app/.npmrc'), text);
    assert.ok(lines.includes('    - Added registry=https://acme…/npm/shared/'), text);
    assert.ok(lines.includes('  /home/u/.npmrc  (user file, mode 0600: holds the token)'), text);
    // A tool whose files were already as wanted says so instead of listing nothing.
    const pip = lines.indexOf('pip (index-url)');
    assert.equal(lines[pip + 1], '  already configured: nothing changed');
    assert.match(text, /Remove Configuration/);
  });
});
