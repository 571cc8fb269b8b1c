import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { posixQuote, renderEnvironment, renderExportSnippet } from '../../../../src/core/configFiles/environment';
import { renderGradleInitScript, renderPoetrySnippets, renderUvSnippets } from '../../../../src/core/configFiles/snippets';
import { runs } from '../../stress';

const EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/maven/repo';

describe('core/configFiles/environment and snippets', () => {
  it('renders the terminal environment', () => {
    assert.deepEqual(renderEnvironment({ token: 'tok.1', domain: 'dom', domainOwner: '111122223333', endpoint: EP }), {
      CODEARTIFACT_AUTH_TOKEN: 'tok.1',
      CODEARTIFACT_DOMAIN: 'dom',
      CODEARTIFACT_DOMAIN_OWNER: '111122223333',
      CODEARTIFACT_REPOSITORY_ENDPOINT: `${EP}/`,
    });
    assert.equal(renderEnvironment({ token: 't', domain: 'd', domainOwner: '1' }).CODEARTIFACT_REPOSITORY_ENDPOINT, undefined);
    assert.throws(() => renderEnvironment({ token: 'a b', domain: 'd', domainOwner: '1' }));
  });

  it('renders export lines that sh evaluates back to the same values', () => {
    const env = { CODEARTIFACT_AUTH_TOKEN: 'tok.1', ODD: `it's $HOME "x" \`y\` \\ ;` };
    const snippet = renderExportSnippet(env);
    assert.equal(snippet, `export CODEARTIFACT_AUTH_TOKEN='tok.1'\nexport ODD='it'\\''s $HOME "x" \`y\` \\ ;'\n`);
    const out = execFileSync('sh', ['-c', `${snippet}printf '%s\\n%s' "$CODEARTIFACT_AUTH_TOKEN" "$ODD"`], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(out, `tok.1\n${env.ODD}`);
    assert.equal(renderExportSnippet({ A: "it's" }, 'powershell'), `$env:A = 'it''s'\n`);
    assert.throws(() => renderExportSnippet({ 'BAD NAME': 'x' }));
  });

  it('property: POSIX quoting round-trips any printable string through sh', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...`ab'"$\`\\ ;&|*?!{}()<>#~\t`.split('')), maxLength: 20 }), (s) => {
        const out = execFileSync('sh', ['-c', `printf '%s' ${posixQuote(s)}`], { encoding: 'utf8', timeout: 10_000 });
        assert.equal(out, s);
      }),
      { numRuns: runs(30) },
    );
  });

  it('renders uv, poetry and Gradle set-ups that read the token from the environment', () => {
    const pypi = 'https://h.example/pypi/repo/';
    const [uvToml, uvEnv] = renderUvSnippets(pypi, 'index-url');
    assert.match(uvToml?.text ?? '', /\[\[index\]\]\nname = "codeartifact"\nurl = "https:\/\/h\.example\/pypi\/repo\/simple\/"\ndefault = true\n/);
    assert.ok(!renderUvSnippets(pypi, 'extra-index-url')[0]?.text.includes('default'));
    assert.match(uvEnv?.text ?? '', /UV_INDEX_CODEARTIFACT_PASSWORD="\$CODEARTIFACT_AUTH_TOKEN"/);
    assert.match(renderPoetrySnippets(pypi, 'extra-index-url')[0]?.text ?? '', /--priority=supplemental codeartifact https:\/\/h\.example\/pypi\/repo\/simple\//);
    const gradle = renderGradleInitScript({ endpoint: EP, domain: 'dom', repository: 'repo' });
    assert.match(gradle, /url = uri\('https:\/\/dom-111122223333\.d\.codeartifact\.us-west-2\.amazonaws\.com\/maven\/repo\/'\)/);
    assert.match(gradle, /password = System\.getenv\('CODEARTIFACT_AUTH_TOKEN'\)/);
    assert.equal((gradle.match(/maven \{/g) ?? []).length, 2, 'project repositories and plugin resolution');
  });
});
