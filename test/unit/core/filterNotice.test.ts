// Find Package must not filter silently (#17 polish): while a filter is on, the explorer says which repository
// and how to clear it; with none on, nothing is said.
import assert from 'node:assert/strict';
import { filterNotice } from '../../../src/core/filterNotice';

describe('package filter notice', () => {
  it('says nothing when no filter is on', () => {
    assert.equal(filterNotice([]), undefined);
  });

  it('names the repository, the prefix, that Find Package set it, and the way to clear it', () => {
    const text = filterNotice([{ repository: 'shared', prefix: '@acme/ui-kit', byFind: true }]) ?? '';
    assert.match(text, /^Find Package filtered shared to packages starting with “@acme\/ui-kit”\./);
    assert.match(text, /Clear Package Filters/);
    assert.match(filterNotice([{ repository: 'shared', prefix: 'ui-', byFind: false }]) ?? '', /^Filtered shared/);
  });

  it('counts several filtered repositories', () => {
    const text = filterNotice(['a', 'b', 'c', 'd'].map((r) => ({ repository: r, prefix: 'x', byFind: false }))) ?? '';
    assert.match(text, /^4 repositories are filtered: a \(“x”\), b \(“x”\), c \(“x”\), …\./);
  });
});
