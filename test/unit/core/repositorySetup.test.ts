// Repository setup rules: names as botocore's pattern says, the upstream list edits (order, limit, duplicates,
// self) and the external connections from AWS's list (the emulator's list must be the same).
import assert from 'node:assert/strict';
import { EXTERNAL_CONNECTIONS, MAX_UPSTREAMS, repositoryNameProblem, UpstreamEditError, withUpstreamAdded, withUpstreamMoved, withUpstreamRemoved } from '../../../src/core/repositorySetup';
import { EXTERNAL_CONNECTIONS as EMULATED } from '../../emulator/model';

describe('repository setup rules', () => {
  it('accepts what the service accepts and says why it refuses the rest', () => {
    for (const ok of ['ab', 'my-repo', 'Repo_1.2', '9lives', 'a'.repeat(100)]) assert.equal(repositoryNameProblem(ok), undefined, ok);
    assert.match(repositoryNameProblem('a') ?? '', /at least 2/);
    assert.match(repositoryNameProblem('a'.repeat(101)) ?? '', /at most 100/);
    assert.match(repositoryNameProblem('-repo') ?? '', /starts with a letter or a digit/);
    assert.match(repositoryNameProblem('my repo') ?? '', /only letters, digits/);
    assert.match(repositoryNameProblem('rep/o') ?? '', /only letters, digits/);
    assert.match(repositoryNameProblem('shared', ['shared']) ?? '', /already has a repository named shared/);
  });

  it('adds last, refuses itself, duplicates and an eleventh upstream', () => {
    assert.deepEqual(withUpstreamAdded('app', ['a'], 'b'), ['a', 'b']);
    assert.throws(() => withUpstreamAdded('app', [], 'app'), UpstreamEditError);
    assert.throws(() => withUpstreamAdded('app', ['a'], 'a'), /already an upstream/);
    const ten = Array.from({ length: MAX_UPSTREAMS }, (_, i) => `u${i}`);
    assert.throws(() => withUpstreamAdded('app', ten, 'x'), /10 upstream repositories/);
  });

  it('removes and moves keeping the rest of the order', () => {
    assert.deepEqual(withUpstreamRemoved('app', ['a', 'b', 'c'], 'b'), ['a', 'c']);
    assert.throws(() => withUpstreamRemoved('app', ['a'], 'z'), /not an upstream/);
    assert.deepEqual(withUpstreamMoved('app', ['a', 'b', 'c'], 'c', -1), ['a', 'c', 'b']);
    assert.deepEqual(withUpstreamMoved('app', ['a', 'b', 'c'], 'a', 1), ['b', 'a', 'c']);
    assert.equal(withUpstreamMoved('app', ['a', 'b'], 'a', -1), undefined);
    assert.equal(withUpstreamMoved('app', ['a', 'b'], 'b', 1), undefined);
  });

  it('offers exactly the external connections the emulator (and AWS) know, with their formats', () => {
    assert.deepEqual(Object.fromEntries(EXTERNAL_CONNECTIONS.map((c) => [c.name, c.format])), EMULATED);
  });
});
