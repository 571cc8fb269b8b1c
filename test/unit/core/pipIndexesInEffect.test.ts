import assert from 'node:assert/strict';
import { readRequirementsTree } from '../../../src/core/manifests/requirementsTree';
import { parseRequirementsTxt } from '../../../src/core/manifests/requirementsTxt';
import { pipConfigFiles, pipIndexList, pipInstallOptions, PYPI_INDEX } from '../../../src/core/pipIndexesInEffect';

const A = 'https://a.example/simple';
const B = 'https://b.example/simple';
const C = 'https://c.example/simple';

describe('pipConfigFiles', () => {
  const user = { home: '/home/u', env: {}, platform: 'linux' as const };
  it('loads global, then user (legacy before new), then PIP_CONFIG_FILE last', () => {
    assert.deepEqual(
      pipConfigFiles({ ...user, env: { PIP_CONFIG_FILE: '/x/pip.conf' } }, () => false).map((f) => f.file),
      ['/etc/xdg/pip/pip.conf', '/etc/pip.conf', '/home/u/.pip/pip.conf', '/home/u/.config/pip/pip.conf', '/x/pip.conf'],
    );
  });
  it('skips the user files when PIP_CONFIG_FILE exists, and every file when it is /dev/null', () => {
    assert.deepEqual(
      pipConfigFiles({ ...user, env: { PIP_CONFIG_FILE: '/x/pip.conf', XDG_CONFIG_DIRS: '/a:/b' } }, (f) => f === '/x/pip.conf').map((f) => f.file),
      ['/a/pip/pip.conf', '/b/pip/pip.conf', '/etc/pip.conf', '/x/pip.conf'],
    );
    assert.deepEqual(pipConfigFiles({ ...user, env: { PIP_CONFIG_FILE: '/dev/null' } }, () => true), []);
  });
});

describe('pipInstallOptions', () => {
  it('merges files key by key (later wins), then [global], [install], then PIP_*; index_url is index-url', () => {
    const early = `[install]\nindex_url = ${A}\n`;
    const late = `[global]\nindex-url = ${B}\nextra-index-url =\n    ${B}\n    ${C}\n`;
    assert.deepEqual(pipInstallOptions([early, late], {}), { indexUrl: A, extraIndexUrls: [B, C], noIndex: false });
    assert.equal(pipInstallOptions([early, late], { PIP_INDEX_URL: C }).indexUrl, C);
    assert.equal(pipInstallOptions([`[Global]\nindex-url = ${A}\n`], {}).indexUrl, PYPI_INDEX, 'section names are case-sensitive');
  });
  it('reads no-index as pip does (strtobool), from config or PIP_NO_INDEX; empty values are ignored', () => {
    assert.equal(pipInstallOptions(['[global]\nno-index = yes\n'], {}).noIndex, true);
    assert.equal(pipInstallOptions(['[global]\nno_index = off\n'], {}).noIndex, false);
    assert.equal(pipInstallOptions([], { PIP_NO_INDEX: '1' }).noIndex, true);
    assert.equal(pipInstallOptions([`[global]\nindex-url = ${A}\n`], { PIP_INDEX_URL: '' }).indexUrl, A);
  });
  it('calls a file with a section or option given twice unreadable, as configparser (strict) does', () => {
    assert.equal(pipInstallOptions([`[global]\nindex-url = ${A}\nINDEX-URL = ${B}\n`], {}).unreadable, true);
    assert.equal(pipInstallOptions(['[global]\n[global]\n'], {}).unreadable, true);
    assert.equal(pipInstallOptions([`[global]\nindex-url = ${A}\nindex_url = ${B}\n`], {}).unreadable, undefined);
  });
});

describe('pipIndexList', () => {
  const start = { indexUrl: A, extraIndexUrls: [B], noIndex: false };
  const options = (text: string) => parseRequirementsTxt(text).indexes;
  it('lets --index-url replace the whole list, config extras included, and --extra-index-url append', () => {
    assert.deepEqual(pipIndexList(start, options(`--extra-index-url ${C}\n--index-url ${C}\n--extra-index-url ${A}\n`)).urls, [C, A]);
  });
  it('makes --no-index stick and ignores index options written on a requirement line', () => {
    assert.deepEqual(pipIndexList(start, options(`--no-index\n--index-url ${C}\n`)), { urls: [], noIndex: true });
    assert.deepEqual(pipIndexList(start, options(`torch==2.1 --index-url ${C}\n`)).urls, [A, B]);
  });
});

describe('readRequirementsTree', () => {
  const files: Record<string, string> = {
    '/p/requirements/dev.txt': `-r base.txt\n--extra-index-url \${MIRROR}/simple\npytest===7.4.0\n`,
    '/p/requirements/base.txt': `--index-url ${A}\ndjango~=4.2\n-c ../constraints.txt\n`,
    '/p/constraints.txt': 'django<4.2.10\n-r more.txt\n',
    '/p/more.txt': 'sqlparse<1\n',
  };
  const read = (f: string) => Promise.resolve(files[f]);
  it('reads -r/-c trees depth first, relative to each file, constraints staying constraints, ${VAR} expanded', async () => {
    const tree = await readRequirementsTree('/p/requirements/dev.txt', read, { MIRROR: 'https://m.example' });
    assert.deepEqual(
      tree.requirements.map((r) => [r.requirement.normalizedName, r.requirement.specifierText, r.constraint]),
      [['django', '~=4.2', false], ['django', '<4.2.10', true], ['sqlparse', '<1', true], ['pytest', '===7.4.0', false]],
    );
    assert.deepEqual(tree.indexOptions.map((o) => o.value), [A, 'https://m.example/simple']);
    assert.deepEqual(tree.files, ['/p/requirements/dev.txt', '/p/requirements/base.txt', '/p/constraints.txt', '/p/more.txt']);
  });
  it('reports a missing include, survives a cycle, and reads only what mayRead allows', async () => {
    const cyclic = { '/c/a.txt': '-r b.txt\nx==1\n', '/c/b.txt': '-r a.txt\n-r gone.txt\n' } as Record<string, string>;
    const tree = await readRequirementsTree('/c/a.txt', (f) => Promise.resolve(cyclic[f]));
    assert.deepEqual(tree.missing, ['/c/gone.txt']);
    assert.equal(tree.requirements.length, 1);
    const limited = await readRequirementsTree('/c/a.txt', (f) => Promise.resolve(cyclic[f]), {}, undefined, () => false);
    assert.deepEqual(limited.files, ['/c/a.txt']);
  });
});
