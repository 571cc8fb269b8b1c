import assert from 'node:assert/strict';
import { displayPackageName, installSnippet } from '../../../src/core/snippets';
import { consoleUrl } from '../../../src/core/consoleUrls';
import { describeOrigin, statusStyle } from '../../../src/core/versionStatus';

describe('install snippets', () => {
  it('npm, scoped and unscoped', () => {
    assert.equal(installSnippet({ format: 'npm', namespace: 'scope', name: 'name', version: '1.2.3' }), 'npm i @scope/name@1.2.3');
    assert.equal(installSnippet({ format: 'npm', name: 'lodash', version: '4.17.21' }), 'npm i lodash@4.17.21');
  });
  it('pip', () => {
    assert.equal(installSnippet({ format: 'pypi', name: 'requests-toolkit', version: '0.3.1' }), 'pip install requests-toolkit==0.3.1');
  });
  it('a Maven <dependency> block, XML-escaped', () => {
    assert.equal(
      installSnippet({ format: 'maven', namespace: 'com.acme', name: 'core', version: '1.0.0' }),
      '<dependency>\n  <groupId>com.acme</groupId>\n  <artifactId>core</artifactId>\n  <version>1.0.0</version>\n</dependency>',
    );
    assert.match(installSnippet({ format: 'maven', namespace: 'a&b', name: '<x>', version: '1' }), /<groupId>a&amp;b<\/groupId>\n {2}<artifactId>&lt;x&gt;<\/artifactId>/);
  });
  it('quotes shell metacharacters instead of running them', () => {
    assert.equal(installSnippet({ format: 'pypi', name: 'x;rm -rf ~', version: '1' }), `pip install 'x;rm -rf ~==1'`);
    assert.equal(installSnippet({ format: 'npm', name: "it's", version: '1' }), `npm i 'it'\\''s@1'`);
  });
  it('other formats', () => {
    assert.equal(installSnippet({ format: 'nuget', name: 'Newtonsoft.Json', version: '13.0.1' }), 'dotnet add package Newtonsoft.Json --version 13.0.1');
    assert.equal(installSnippet({ format: 'cargo', name: 'serde', version: '1.0.0' }), 'cargo add serde@1.0.0');
    assert.equal(installSnippet({ format: 'ruby', name: 'rails', version: '7.1.0' }), 'gem install rails -v 7.1.0');
  });
  it('display names per ecosystem', () => {
    assert.equal(displayPackageName('npm', 'types', 'node'), '@types/node');
    assert.equal(displayPackageName('maven', 'org.slf4j', 'slf4j-api'), 'org.slf4j:slf4j-api');
    assert.equal(displayPackageName('pypi', undefined, 'requests'), 'requests');
  });
});

describe('console URLs', () => {
  const base = { region: 'us-west-2', owner: '111122223333', domain: 'acme' };
  it('domain, repository, package and version pages', () => {
    assert.equal(consoleUrl(base), 'https://us-west-2.console.aws.amazon.com/codesuite/codeartifact/d/111122223333/acme?region=us-west-2');
    assert.equal(consoleUrl({ ...base, repository: 'shared' }), 'https://us-west-2.console.aws.amazon.com/codesuite/codeartifact/d/111122223333/acme/r/shared?region=us-west-2');
    assert.equal(
      consoleUrl({ ...base, repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', version: '2.1.0' }),
      'https://us-west-2.console.aws.amazon.com/codesuite/codeartifact/d/111122223333/acme/r/shared/p/npm/acme/ui-kit/versions/2.1.0?region=us-west-2',
    );
    assert.match(consoleUrl({ ...base, repository: 'r', format: 'pypi', package: 'requests' }), /\/p\/pypi\/\/requests\/versions\?/);
  });
  it('encodes path segments', () => {
    assert.match(consoleUrl({ ...base, repository: 'r', format: 'npm', package: 'a/b?c' }), /\/a%2Fb%3Fc\/versions\?/);
  });
});

describe('version status and origin', () => {
  it('a badge for every non-ordinary status, none for Published', () => {
    assert.equal(statusStyle('Published').badge, '');
    for (const s of ['Unlisted', 'Archived', 'Disposed', 'Unfinished', 'Deleted']) {
      const style = statusStyle(s);
      assert.equal(style.badge, s);
      assert.ok(style.color, `${s} has a colour`);
    }
    assert.equal(new Set(['Published', 'Unlisted', 'Archived', 'Disposed', 'Unfinished'].map((s) => statusStyle(s).icon)).size, 5, 'distinct icons');
  });
  it('origin as seen from the repository', () => {
    assert.equal(describeOrigin({ type: 'INTERNAL', repositoryName: 'shared' }, 'shared'), 'internal');
    assert.equal(describeOrigin({ type: 'INTERNAL', repositoryName: 'upstream-a' }, 'shared'), 'via upstream-a');
    assert.equal(describeOrigin({ type: 'EXTERNAL', externalConnectionName: 'public:npmjs' }, 'shared'), 'via public:npmjs');
    assert.equal(describeOrigin(undefined, 'shared'), '');
  });
});
