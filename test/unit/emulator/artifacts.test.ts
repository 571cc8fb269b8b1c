import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { SaxesParser } from 'saxes';
import { assetHashes, ensureAssets, jar, NPM_ASSET, npmTarball, pom, readNpmManifest, wheel, wheelFileName } from '../../emulator/artifacts';
import type { PackageVersion } from '../../emulator/model';

function version(v: string, extra: Partial<PackageVersion> = {}): PackageVersion {
  return {
    version: v,
    status: 'Published',
    publishedTime: 1_700_000_000,
    revision: 'r1',
    licenses: [{ name: 'MIT' }],
    dependencies: {},
    origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: 'shared' } },
    assets: new Map(),
    ...extra,
  };
}

/** Element name → text of every element, for checking generated XML with a real parser. */
function xmlTexts(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const parser = new SaxesParser();
  const stack: string[] = [];
  let text = '';
  parser.on('opentag', (t) => {
    stack.push(t.name);
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (t) => {
    stack.pop();
    out.set(t.name, [...(out.get(t.name) ?? []), text.trim()]);
    text = '';
  });
  parser.write(xml).close();
  return out;
}

describe('emulator artifacts', () => {
  describe('npm tarballs', () => {
    it('hold package/package.json with name, version, description, license and dependencies', async () => {
      const tgz = await npmTarball({ name: '@acme/ui-kit', version: '2.1.0', description: 'Buttons', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } });
      const manifest = await readNpmManifest(tgz);
      assert.equal(manifest.name, '@acme/ui-kit');
      assert.equal(manifest.version, '2.1.0');
      assert.equal(manifest.description, 'Buttons');
      assert.equal(manifest.license, 'MIT');
      assert.deepEqual(manifest.dependencies, { 'left-pad': '^1.3.0' });
    });

    it('are byte-identical for the same input, and differ for another version', async () => {
      const a = await npmTarball({ name: 'left-pad', version: '1.3.0' });
      const b = await npmTarball({ name: 'left-pad', version: '1.3.0' });
      const c = await npmTarball({ name: 'left-pad', version: '1.3.1' });
      assert.deepEqual(a, b);
      assert.notDeepEqual(a, c);
    });

    it('reading a manifest from something that is not a tarball fails', async () => {
      await assert.rejects(readNpmManifest(Buffer.from('not gzip')));
    });
  });

  describe('wheels', () => {
    it('are named per PEP 427 and hold METADATA, WHEEL and a RECORD whose hashes match', () => {
      assert.equal(wheelFileName('Acme.Tools', '1.0.0'), 'acme_tools-1.0.0-py3-none-any.whl');
      const whl = wheel({ name: 'Acme.Tools', version: '1.0.0', summary: 'Tools', license: 'MIT', requiresDist: { requests: '>=2' } });
      const files = unzipSync(new Uint8Array(whl));
      const info = 'acme_tools-1.0.0.dist-info';
      const metadata = strFromU8(files[`${info}/METADATA`] ?? new Uint8Array());
      assert.match(metadata, /^Name: Acme\.Tools$/m);
      assert.match(metadata, /^Version: 1\.0\.0$/m);
      assert.match(metadata, /^Requires-Dist: requests>=2$/m);
      assert.match(strFromU8(files[`${info}/WHEEL`] ?? new Uint8Array()), /^Tag: py3-none-any$/m);
      const record = strFromU8(files[`${info}/RECORD`] ?? new Uint8Array()).trim().split('\n');
      assert.equal(record.length, Object.keys(files).length);
      for (const line of record) {
        const [path = '', hash, size] = line.split(',');
        if (path.endsWith('/RECORD')) {
          assert.equal(hash, '');
          continue;
        }
        const data = files[path];
        assert.ok(data, `${path} is in the archive`);
        assert.equal(hash, `sha256=${createHash('sha256').update(data).digest('base64url')}`);
        assert.equal(size, String(data.length));
      }
      assert.deepEqual(whl, wheel({ name: 'Acme.Tools', version: '1.0.0', summary: 'Tools', license: 'MIT', requiresDist: { requests: '>=2' } }));
    });
  });

  describe('Maven', () => {
    it('poms are well-formed and list the dependencies', () => {
      const text = pom({ groupId: 'com.acme', artifactId: 'greeting', version: '1.0.0', dependencies: { 'org.example:lib': '2.0' }, description: 'a < b' }).toString();
      const t = xmlTexts(text);
      assert.deepEqual(t.get('artifactId'), ['greeting', 'lib']);
      assert.deepEqual(t.get('version'), ['1.0.0', '2.0']);
      assert.deepEqual(t.get('description'), ['a < b']);
    });

    it('jars are zips with a manifest', () => {
      const files = unzipSync(new Uint8Array(jar({ groupId: 'com.acme', artifactId: 'greeting', version: '1.0.0' })));
      assert.match(strFromU8(files['META-INF/MANIFEST.MF'] ?? new Uint8Array()), /^Manifest-Version: 1\.0\r$/m);
      assert.ok(files['META-INF/maven/com.acme/greeting/pom.properties']);
    });
  });

  describe('ensureAssets', () => {
    it('synthesizes once per format with CodeArtifact asset names and keeps the bytes', async () => {
      const npmV = version('1.0.0');
      const first = await ensureAssets({ format: 'npm', namespace: 'acme', name: 'ui' }, npmV);
      assert.deepEqual([...first.keys()], [NPM_ASSET]);
      const bytes = first.get(NPM_ASSET);
      const again = await ensureAssets({ format: 'npm', namespace: 'acme', name: 'ui' }, npmV);
      assert.equal(again.get(NPM_ASSET), bytes, 'the same Buffer, not a new synthesis');

      const pypiV = version('2.0');
      assert.deepEqual([...(await ensureAssets({ format: 'pypi', name: 'Acme.Tools' }, pypiV)).keys()], ['acme_tools-2.0-py3-none-any.whl']);
      const mavenV = version('3.1');
      assert.deepEqual([...(await ensureAssets({ format: 'maven', namespace: 'com.acme', name: 'greeting' }, mavenV)).keys()].sort(), [
        'greeting-3.1.jar',
        'greeting-3.1.pom',
      ]);
    });

    it('leaves uploaded assets alone', async () => {
      const v = version('1.0.0', { assets: new Map([['custom.tgz', Buffer.from('x')]]) });
      assert.deepEqual([...(await ensureAssets({ format: 'npm', name: 'x' }, v)).keys()], ['custom.tgz']);
    });

    it('concurrent first requests end with one set of bytes', async () => {
      const v = version('1.0.0');
      const [a, b] = await Promise.all([ensureAssets({ format: 'npm', name: 'x' }, v), ensureAssets({ format: 'npm', name: 'x' }, v)]);
      assert.equal(a, b);
      assert.equal(v.assets.size, 1);
    });
  });

  it('assetHashes gives the four CodeArtifact hashes in hex', () => {
    const h = assetHashes(Buffer.from('abc'));
    assert.equal(h['SHA-256'], 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(h.MD5, '900150983cd24fb0d6963f7d28e17f72');
    assert.equal(h['SHA-1'].length, 40);
    assert.equal(h['SHA-512'].length, 128);
  });
});
