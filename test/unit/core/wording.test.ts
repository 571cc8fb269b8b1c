// Wording (#17 polish): counts agree with their noun, and one network failure reads the same whoever saw it.
import assert from 'node:assert/strict';
import { cannotReach, networkCodeOf } from '../../../src/core/networkFailure';
import { countOf } from '../../../src/core/plural';

describe('wording', () => {
  it('"1 match" and "2 matches", "1 repository" and "3 repositories"', () => {
    assert.equal(countOf(1, 'match'), '1 match');
    assert.equal(countOf(2, 'match'), '2 matches');
    assert.equal(countOf(0, 'match'), '0 matches');
    assert.equal(countOf(1, 'repository'), '1 repository');
    assert.equal(countOf(3, 'repository'), '3 repositories');
    assert.equal(countOf(2, 'domain'), '2 domains');
    assert.equal(countOf(1, 'file'), '1 file');
  });

  it('fetch\'s "fetch failed" (code in its cause) and the SDK\'s ECONNREFUSED give the same sentence', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const fromFetch = new TypeError('fetch failed', { cause: refused });
    const fromSdk = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const aggregate = new TypeError('fetch failed', { cause: new AggregateError([refused]) });
    const a = cannotReach('http://127.0.0.1:9/npm/acme/', networkCodeOf(fromFetch));
    const b = cannotReach('http://127.0.0.1:9', networkCodeOf(fromSdk));
    const c = cannotReach('http://127.0.0.1:9', networkCodeOf(aggregate));
    assert.equal(a, "Can't reach 127.0.0.1:9: connection refused");
    assert.equal(b, a);
    assert.equal(c, a);
  });

  it('names other failures in words, keeps an unknown code, and never shows user info', () => {
    assert.equal(cannotReach('https://codeartifact.us-west-2.amazonaws.com', 'ENOTFOUND'), "Can't reach codeartifact.us-west-2.amazonaws.com: host name not found");
    assert.equal(cannotReach('https://user:secret@host.example/x', 'ECONNRESET'), "Can't reach host.example: connection reset");
    assert.equal(cannotReach('codeartifact.eu-west-1.amazonaws.com', undefined), "Can't reach codeartifact.eu-west-1.amazonaws.com: connection failed");
    assert.equal(networkCodeOf(new Error('fetch failed')), undefined);
  });
});
