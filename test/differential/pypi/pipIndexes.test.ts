// Which indexes `pip install -r file` uses, and which requirements it reads, against pip 23 itself: its config
// loader (files, sections, key spellings, PIP_* environment, PIP_CONFIG_FILE) and its requirements-file parser
// (-r/-c trees, --index-url resetting the list, --extra-index-url, --no-index, ${VAR}, ===, continuations).
// Each case is a small home directory and project written to a temp folder; both sides read the same files.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRequirementsTree } from '../../../src/core/manifests/requirementsTree';
import { pipConfigFiles, pipIndexList, pipInstallOptions } from '../../../src/core/pipIndexesInEffect';
import { Differential } from '../ledger';
import { runJsonTool } from '../realTool';
import { generatedCount, sample } from './pep440Cases';

const SCRIPT = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'differential', 'pypi', 'pipIndexes.py');

interface PipAnswer {
  error?: string;
  indexUrl?: string;
  extraIndexUrls?: string[];
  noIndex?: boolean;
  urls?: string[];
  requirements?: ({ name: string; specifiers: string[]; constraint: boolean } | { invalid: string; constraint: boolean })[];
  fileError?: string;
}

interface Layout {
  /** Relative to the case folder: `home/.pip/pip.conf`, `project/requirements.txt`, … */
  files: Record<string, string>;
  env: Record<string, string>;
  requirements?: string;
}

const URLS = ['https://a.example/simple', 'https://b.example/simple/', 'https://c.example/pypi/simple', 'https://d.example/s'];
const url = fc.constantFrom(...URLS);
const key = fc.constantFrom('index-url', 'index_url', 'INDEX-URL', 'extra-index-url', 'extra_index_url', 'no-index', 'no_index');
const section = fc.constantFrom('global', 'install', 'global', 'Global', 'download');
const configValue = (k: string): fc.Arbitrary<string> =>
  k.includes('no') ? fc.constantFrom('yes', 'true', '1', 'no', 'off', '0') : k.startsWith('extra') ? fc.oneof(url, fc.tuple(url, url).map(([a, b]) => `\n    ${a}\n    ${b}`), fc.tuple(url, url).map(([a, b]) => `${a} ${b}`)) : url;
const configOption = key.chain((k) => fc.tuple(fc.constant(k), fc.constantFrom(' = ', '=', ': '), configValue(k)).map(([a, sep, v]) => `${a}${sep}${v}`));
const configFile = fc
  .array(fc.tuple(section, fc.array(configOption, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 2 })
  .map((sections) => sections.map(([name, options]) => `[${name}]\n${options.join('\n')}\n`).join('\n'));

const requirementLine = fc.constantFrom(
  'foo==1.0',
  'Bar_Baz>=1,<2',
  'baz===1.0+local',
  'qux ~= 1.2  # a comment',
  'quux[a,b]>=1 ; python_version > "3"',
  'spam \\\n    >=2.0',
  'eggs==1.* --hash=sha256:abcd',
  'torch==2.1.2 --index-url https://e.example/whl/cu118',
  '# only a comment',
  '',
);
const optionLine = fc.oneof(
  url.map((u) => `--index-url ${u}`),
  url.map((u) => `-i ${u}`),
  url.map((u) => `--index-url=${u}`),
  url.map((u) => `--extra-index-url ${u}`),
  fc.constant('--no-index'),
  fc.constant('--index-url ${IDX}/simple'),
  fc.constant('--extra-index-url https://${HOST}/simple'),
);
const fileLines = (includes: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(fc.oneof({ weight: 3, arbitrary: requirementLine }, { weight: 2, arbitrary: optionLine }), { maxLength: 6 }), fc.subarray(includes))
    .chain(([lines, incs]) => fc.shuffledSubarray([...lines, ...incs], { minLength: lines.length + incs.length }))
    .map((lines) => `${lines.join('\n')}\n`);

const layout: fc.Arbitrary<Layout> = fc
  .record({
    legacyUser: fc.option(configFile),
    user: fc.option(configFile),
    xdgHome: fc.boolean(),
    globalXdg: fc.option(configFile),
    explicit: fc.constantFrom('none', 'exists', 'missing', 'devnull'),
    explicitFile: configFile,
    envIndex: fc.option(url),
    envExtra: fc.option(fc.tuple(url, url).map(([a, b]) => `${a} ${b}`)),
    envNoIndex: fc.option(fc.constantFrom('1', 'yes', 'false', 'off')),
    envLowerKey: fc.option(url),
    idx: fc.option(fc.constantFrom('https://f.example', '')),
    root: fileLines(['-r requirements/base.txt', '-c constraints.txt', '--requirement=requirements/dev.txt']),
    base: fileLines([]),
    dev: fileLines(['-r base.txt']),
    constraints: fileLines([]),
  })
  .map((r) => {
    const files: Record<string, string> = {};
    const env: Record<string, string> = { HOME: '$CASE/home', XDG_CONFIG_DIRS: '$CASE/xdg' };
    if (r.legacyUser !== null) files['home/.pip/pip.conf'] = r.legacyUser;
    const userDir = r.xdgHome ? 'xdghome' : 'home/.config';
    if (r.xdgHome) env['XDG_CONFIG_HOME'] = '$CASE/xdghome';
    if (r.user !== null) files[`${userDir}/pip/pip.conf`] = r.user;
    if (r.globalXdg !== null) files['xdg/pip/pip.conf'] = r.globalXdg;
    if (r.explicit === 'exists') {
      files['custom/pip.conf'] = r.explicitFile;
      env['PIP_CONFIG_FILE'] = '$CASE/custom/pip.conf';
    } else if (r.explicit === 'missing') env['PIP_CONFIG_FILE'] = '$CASE/custom/absent.conf';
    else if (r.explicit === 'devnull') env['PIP_CONFIG_FILE'] = '/dev/null';
    if (r.envIndex !== null) env['PIP_INDEX_URL'] = r.envIndex;
    if (r.envExtra !== null) env['PIP_EXTRA_INDEX_URL'] = r.envExtra;
    if (r.envNoIndex !== null) env['PIP_NO_INDEX'] = r.envNoIndex;
    if (r.envLowerKey !== null) env['PIP_index_url'] = r.envLowerKey;
    if (r.idx !== null) env['IDX'] = r.idx;
    env['HOST'] = 'g.example';
    files['project/requirements.txt'] = r.root;
    files['project/requirements/base.txt'] = r.base;
    files['project/requirements/dev.txt'] = r.dev;
    files['project/constraints.txt'] = r.constraints;
    return { files, env, requirements: 'project/requirements.txt' };
  });

async function ours(dir: string, env: Record<string, string>, requirements: string | undefined): Promise<PipAnswer> {
  const user = { home: env['HOME']!, env, platform: 'linux' as const };
  const texts = pipConfigFiles(user, (f) => fs.existsSync(f)).flatMap((f) => (fs.existsSync(f.file) ? [fs.readFileSync(f.file, 'utf8')] : []));
  const start = pipInstallOptions(texts, env);
  if (start.unreadable) return { error: 'unreadable' };
  const answer: PipAnswer = { indexUrl: start.indexUrl, extraIndexUrls: [...start.extraIndexUrls], noIndex: start.noIndex };
  if (requirements) {
    const read = (f: string): Promise<string | undefined> => Promise.resolve(fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
    const tree = await readRequirementsTree(path.join(dir, requirements), read, env);
    if (tree.missing.length > 0) answer.fileError = 'missing';
    answer.urls = pipIndexList(start, tree.indexOptions).urls;
    answer.requirements = tree.requirements.map((r) => ({
      name: r.requirement.name.text,
      specifiers: r.requirement.versions.map((v) => `${v.operator}${v.version.text}`).sort(),
      constraint: r.constraint,
    }));
  }
  return answer;
}

describe('differential: pip config and requirements files against pip 23', function () {
  it('agree on the indexes in effect and the requirements read', async function () {
    const diff = new Differential('pip');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pip-differential-'));
    try {
      const layouts = sample(layout, generatedCount(150), 3);
      const cases = layouts.map((l, i) => {
        const dir = path.join(root, `case${i}`);
        for (const [rel, text] of Object.entries(l.files)) {
          fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
          fs.writeFileSync(path.join(dir, rel), text);
        }
        fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
        const env = Object.fromEntries(Object.entries(l.env).map(([k, v]) => [k, v.replace('$CASE', dir)]));
        return { id: `case ${i}`, dir, env, requirements: l.requirements ? path.join(dir, l.requirements) : null, layout: l };
      });
      const answers = await runJsonTool<Record<string, PipAnswer>>('/usr/bin/python3', [SCRIPT], { cases: cases.map(({ layout: _l, ...c }) => c) });
      let refused = 0;
      let stopped = 0;
      for (const c of cases) {
        const theirs = answers[c.id];
        assert.ok(theirs, `no answer for ${c.id}`);
        const mine = await ours(c.dir, c.env, c.layout.requirements);
        const where = `${c.id} ${JSON.stringify(c.layout)}`;
        diff.check(`${where} config readable`, mine.error === undefined, theirs.error === undefined);
        // pip refused its own config (a section or option given twice): nothing more to compare.
        if (theirs.error || mine.error) {
          refused++;
          continue;
        }
        if (theirs.fileError) stopped++;
        diff.check(`${where} options`, [mine.indexUrl, mine.extraIndexUrls, mine.noIndex], [theirs.indexUrl, theirs.extraIndexUrls, theirs.noIndex]);
        diff.check(`${where} file error`, mine.fileError !== undefined, theirs.fileError !== undefined);
        if (theirs.fileError === undefined) {
          diff.check(`${where} urls`, mine.urls, theirs.urls);
          const valid = (theirs.requirements ?? []).filter((r) => 'name' in r);
          diff.check(`${where} requirements`, mine.requirements, valid);
        }
      }
      console.log(`  pip: ${cases.length} layouts; pip refused its config in ${refused}, a requirements file stopped pip in ${stopped}`);
      diff.assertAgreement();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
