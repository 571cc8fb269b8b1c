// The configure flows' step sequences, driven by a scripted quick input: the counts ("3/4") count only the steps
// shown, Back returns to the previous step starting on its earlier answer, Escape anywhere ends the flow with
// nothing written.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { runSteps, type Step } from '../../../src/core/steps';
import type { DetectedTool, Tool } from '../../../src/configure/detect';
import { TOOL_ORDER } from '../../../src/configure/detect';
import { defaultUvFile, pythonFileItems, pythonProjectSteps, writableFolders, type PythonFolderFiles } from '../../../src/configure/pythonFileStep';
import { singleToolSteps, workspaceSteps, type ConfigTool, type ConfigureState, type FlowContext, type Prompter } from '../../../src/configure/toolSteps';
import { ScriptedPrompter, type Answer } from './scriptedPrompter';
import { removeDir, tempDir } from './testEnv';

/** Domain and repository as targetSteps shows them (same `shown` rule), without the API. */
function fakeTargetSteps(prompter: Prompter, purpose: string): Step<ConfigureState>[] {
  return [
    {
      shown: (s) => s.target === undefined,
      run: async (state, position, earlier) => {
        const r = await prompter.pick({ title: `${purpose}: domain`, placeholder: '', items: [{ label: 'acme' }, { label: 'other' }], position, active: (i) => i.label === earlier?.domain?.name });
        return typeof r === 'string' ? r : { next: { ...state, domain: { name: r.picked[0]?.label ?? '' } } };
      },
    },
    {
      shown: (s) => s.target === undefined,
      run: async (state, position, earlier) => {
        const r = await prompter.pick({
          title: `${purpose}: repository in ${state.domain?.name ?? ''}`,
          placeholder: '',
          items: [{ label: 'shared' }, { label: 'java' }],
          position,
          active: (i) => i.label === earlier?.target?.repository,
        });
        return typeof r === 'string' ? r : { next: { ...state, target: { domain: state.domain?.name ?? '', repository: r.picked[0]?.label ?? '' } } };
      },
    },
  ];
}

const detected = (map: Record<string, Tool[]>): Map<string, readonly DetectedTool[]> => new Map(Object.entries(map).map(([f, tools]) => [f, tools.map((tool) => ({ tool, evidence: [] }))]));

async function single(tool: ConfigTool, script: Answer[], opts: { folders?: string[]; detected?: Record<string, Tool[]>; initial?: ConfigureState; purpose?: string } = {}) {
  const prompter = new ScriptedPrompter(script);
  const folders = opts.folders ?? ['/w/app'];
  const purpose = opts.purpose ?? 'Configure X';
  const ctx: FlowContext = { prompter, purpose, folders, detected: detected(opts.detected ?? {}) };
  const initial: ConfigureState = { ...(folders.length === 1 ? { folder: folders[0] } : {}), ...opts.initial };
  const state = await runSteps([...fakeTargetSteps(prompter, purpose), ...singleToolSteps(ctx, tool)], initial);
  assert.equal(prompter.script.length, 0, 'every scripted answer was asked for');
  return { state, shown: prompter.shown };
}

describe('configure flows as multi-step picks', () => {
  it('npm with one folder: domain 1/3, repository 2/3, scope 3/3 (the folder is not asked, nor counted); Back from the second on', async () => {
    const { state, shown } = await single('npm', [{ pick: 'acme' }, { pick: 'shared' }, { type: 'acme' }], { purpose: 'Configure npm' });
    assert.deepEqual(
      shown.map((s) => [s.title, s.count, s.back]),
      [
        ['Configure npm: domain', '1/3', false],
        ['Configure npm: repository in acme', '2/3', true],
        ['Configure npm for acme/shared: npm scope (optional)', '3/3', true],
      ],
    );
    assert.equal(state?.folder, '/w/app');
    assert.deepEqual(state?.scopes, { npm: '@acme' });
  });

  it('npm with two folders: the folder is step 3/4; Back from the scope returns to it starting on the folder chosen', async () => {
    const { state, shown } = await single('npm', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'api' }, 'back', { pick: 'web' }, { type: '' }], { folders: ['/w/api', '/w/web'] });
    assert.deepEqual(
      shown.map((s) => [s.title.replace(/ for acme\/shared/, ''), s.count, s.start]),
      [
        ['Configure X: domain', '1/4', undefined],
        ['Configure X: repository in acme', '2/4', undefined],
        ['Configure X: folder', '3/4', undefined],
        ['Configure X: npm scope (optional)', '4/4', ''],
        ['Configure X: folder', '3/4', 'api'],
        ['Configure X: npm scope (optional)', '4/4', ''],
      ],
    );
    assert.equal(state?.folder, '/w/web');
    assert.deepEqual(state?.scopes, { npm: '' }, 'an empty scope is the default registry');
  });

  it('Back to the repository starts on the repository picked, and to the domain on the domain picked; earlier answers of later steps are not kept', async () => {
    const { state, shown } = await single('maven', [{ pick: 'acme' }, { pick: 'java' }, 'back', 'back', { pick: 'acme' }, { pick: 'shared' }, { pick: 'Token written into settings.xml' }, { pick: 'Also mirror everything (mirrorOf *)' }]);
    assert.deepEqual(
      shown.map((s) => [s.count, s.start]),
      [
        ['1/4', undefined],
        ['2/4', undefined],
        ['3/4', undefined],
        ['2/4', 'java'],
        ['1/4', 'acme'],
        ['2/4', undefined],
        ['3/4', undefined],
        ['4/4', undefined],
      ],
    );
    assert.deepEqual([state?.target?.repository, state?.mavenPassword, state?.mavenMirror], ['shared', 'inline', true]);
  });

  it('Maven with the repository given: password 1/2, mirror 2/2; Back from the mirror starts the password step on the earlier choice', async () => {
    const { state, shown } = await single(
      'maven',
      [{ pick: 'Token written into settings.xml' }, 'back', { pick: 'Password from ${env.CODEARTIFACT_AUTH_TOKEN}' }, { pick: 'Repository and plugin repository only' }],
      { initial: { target: { domain: 'acme', repository: 'java' } }, purpose: 'Configure Maven' },
    );
    // The explorer gave the repository: domain and repository are neither shown nor counted.
    assert.deepEqual(
      shown.map((s) => [s.title, s.count, s.back, s.start]),
      [
        ['Configure Maven for acme/java: password', '1/2', false, undefined],
        ['Configure Maven for acme/java: mirror', '2/2', true, undefined],
        ['Configure Maven for acme/java: password', '1/2', false, 'Token written into settings.xml'],
        ['Configure Maven for acme/java: mirror', '2/2', true, undefined],
      ],
    );
    assert.deepEqual([state?.mavenPassword, state?.mavenMirror], ['env', false]);
  });

  it('Back on the first shown step ends the flow', async () => {
    const { state } = await single('maven', ['back'], { initial: { target: { domain: 'acme', repository: 'java' } } });
    assert.equal(state, undefined);
  });

  it('Yarn asks which Yarn only when the folder does not say, and counts it only then', async () => {
    const told = await single('yarn', [{ pick: 'acme' }, { pick: 'shared' }, { type: '' }], { detected: { '/w/app': ['yarnBerry'] }, purpose: 'Configure Yarn' });
    assert.deepEqual(told.shown.map((s) => s.count), ['1/3', '2/3', '3/3']);
    assert.equal(told.state?.yarnFlavour, undefined, 'the flavour comes from the folder');
    const asked = await single('yarn', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'Yarn 1 (classic)' }, { type: '@acme' }], { purpose: 'Configure Yarn' });
    assert.deepEqual(asked.shown.map((s) => [s.title, s.count]).slice(2), [
      ['Configure Yarn: which Yarn?', '3/4'],
      ['Configure Yarn for acme/shared: yarn scope (optional)', '4/4'],
    ]);
    assert.deepEqual([asked.state?.yarnFlavour, asked.state?.scopes], ['classic', { yarn: '@acme' }]);
  });

  it('a scope that is not an npm scope is refused by the step', async () => {
    await assert.rejects(single('npm', [{ pick: 'acme' }, { pick: 'shared' }, { type: 'Not A Scope' }]), /An npm scope is lower-case/);
  });

  it('twine, Gradle, RubyGems with one folder: only domain and repository; NuGet asks the folder only when two are open', async () => {
    for (const tool of ['twine', 'gradle', 'rubygems', 'nuget'] as const) {
      const { shown } = await single(tool, [{ pick: 'acme' }, { pick: 'shared' }]);
      assert.deepEqual(shown.map((s) => s.count), ['1/2', '2/2'], tool);
    }
    const two = await single('nuget', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'web' }], { folders: ['/w/api', '/w/web'] });
    assert.deepEqual(two.shown.map((s) => s.count), ['1/3', '2/3', '3/3']);
    // Restricted Mode: no folder may be written, so NuGet asks none and writes only the user file.
    const none = await single('nuget', [{ pick: 'acme' }, { pick: 'shared' }], { folders: [] });
    assert.equal(none.state?.folder, undefined);
  });

  it('Cargo and Swift: their option is a counted step', async () => {
    const cargo = await single('cargo', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'Only add the registry' }], { purpose: 'Configure Cargo' });
    assert.deepEqual(cargo.shown.map((s) => [s.title, s.count]).slice(2), [['Configure Cargo for acme/shared', '3/3']]);
    assert.equal(cargo.state?.cargoReplace, false);
    const swift = await single('swift', [{ pick: 'acme' }, { pick: 'shared' }, { type: 'mona' }], { purpose: 'Configure Swift' });
    assert.deepEqual(swift.shown.map((s) => s.count), ['1/3', '2/3', '3/3']);
    assert.equal(swift.state?.swiftScope, 'mona');
    await assert.rejects(single('swift', [{ pick: 'acme' }, { pick: 'shared' }, { type: 'bad scope!' }]), /single hyphens/);
  });
});

describe('Configure Workspace as one multi-step pick', () => {
  const run = async (script: Answer[], tools: Tool[], folders = ['/w/app']) => {
    const prompter = new ScriptedPrompter(script);
    const ctx: FlowContext = { prompter, purpose: 'Configure Workspace', folders, detected: detected(Object.fromEntries(folders.map((f) => [f, tools]))) };
    const initial: ConfigureState = folders.length === 1 ? { folder: folders[0] } : {};
    const state = await runSteps(workspaceSteps(ctx, fakeTargetSteps(prompter, 'Configure Workspace'), TOOL_ORDER), initial);
    return { state, shown: prompter.shown };
  };

  it('counts every question of every ticked tool: tools 1/7 … mirror 7/7', async () => {
    const { state, shown } = await run(
      [{ pick: ['npm', 'pip', 'Maven', 'NuGet'] }, { pick: 'acme' }, { pick: 'shared' }, { type: '' }, { pick: 'Replace PyPI (index-url)' }, { pick: 'Password from ${env.CODEARTIFACT_AUTH_TOKEN}' }, { pick: 'Repository and plugin repository only' }],
      ['npm', 'pip', 'maven', 'nuget'],
    );
    assert.deepEqual(
      shown.map((s) => [s.title, s.count]),
      [
        ['Configure Workspace: tools found in “app”', '1/7'],
        ['Configure Workspace: domain', '2/7'],
        ['Configure Workspace: repository in acme', '3/7'],
        ['Configure Workspace: npm for acme/shared: npm scope (optional)', '4/7'],
        ['Configure Workspace: pip for acme/shared', '5/7'],
        ['Configure Workspace: Maven for acme/shared: password', '6/7'],
        ['Configure Workspace: Maven for acme/shared: mirror', '7/7'],
      ],
    );
    assert.deepEqual(shown[0]?.labels, ['npm', 'pip', 'Maven', 'NuGet']);
    assert.deepEqual(state?.tools, ['npm', 'pip', 'maven', 'nuget']);
  });

  it('unticking a tool drops its questions from the count; Back to the tools keeps what was ticked', async () => {
    const { state, shown } = await run([{ pick: ['npm', 'pip'] }, 'back', { pick: ['pip'] }, { pick: 'acme' }, { pick: 'shared' }, { pick: 'Add next to PyPI (extra-index-url)' }], ['npm', 'pip', 'maven']);
    assert.deepEqual(
      shown.map((s) => s.count),
      ['1/7', '2/5', '1/7', '2/4', '3/4', '4/4'],
    );
    assert.deepEqual(state?.tools, ['pip']);
    assert.deepEqual(state?.indexModes, { pip: 'extra-index-url' });
  });

  it('two folders: the folder is the first step and the tools step lists what that folder uses', async () => {
    const { state, shown } = await run([{ pick: 'web' }, { pick: ['Cargo'] }, { pick: 'acme' }, { pick: 'shared' }, { pick: 'Also replace crates.io' }], ['cargo', 'rubygems'], ['/w/api', '/w/web']);
    assert.deepEqual(
      shown.map((s) => [s.title, s.count]),
      [
        ['Configure Workspace: folder', '1/5'],
        ['Configure Workspace: tools found in “web”', '2/5'],
        ['Configure Workspace: domain', '3/5'],
        ['Configure Workspace: repository in acme', '4/5'],
        ['Configure Workspace: Cargo for acme/shared', '5/5'],
      ],
    );
    assert.deepEqual([state?.folder, state?.tools, state?.cargoReplace], ['/w/web', ['cargo'], true]);
  });

  it('Escape at any step ends the flow with no answer, and the steps write nothing', async () => {
    const work = await tempDir('steps');
    try {
      const full: Answer[] = [{ pick: ['npm', 'pip', 'Maven'] }, { pick: 'acme' }, { pick: 'shared' }, { type: '@acme' }, { pick: 'Replace PyPI (index-url)' }, { pick: 'Token written into settings.xml' }, { pick: 'Repository and plugin repository only' }];
      for (let at = 0; at < full.length; at++) {
        const script: Answer[] = [...full.slice(0, at), 'cancel'];
        const { state, shown } = await run(script, ['npm', 'pip', 'maven'], [work]);
        assert.equal(state, undefined, `Escape at step ${at + 1}`);
        assert.equal(shown.length, at + 1);
      }
      assert.deepEqual(await readdir(work), []);
    } finally {
      await removeDir(work);
    }
  });

  it('file and folder names from the workspace are shown as text: no $(icon), no control characters', async () => {
    const prompter = new ScriptedPrompter([{ pick: ['NuGet'] }]);
    const evil = '/w/$(alert)\u202eevil';
    const ctx: FlowContext = { prompter, purpose: 'Configure Workspace', folders: [evil, '/w/b'], detected: new Map([[evil, [{ tool: 'nuget' as const, evidence: ['$(shield) Fake.csproj'] }]]]) };
    await runSteps(workspaceSteps(ctx, [], TOOL_ORDER).slice(1), { folder: evil, target: { domain: 'acme', repository: 'shared' } });
    const shown = prompter.shown[0];
    assert.ok(shown);
    assert.ok(!shown.title.includes('\u202e'), shown.title);
    assert.match(shown.descriptions[0] ?? '', /\\\$\(shield\) Fake\.csproj/, 'the icon syntax is escaped');
  });
});

describe('Configure uv / Poetry for a Repository as one multi-step pick (where, then how)', () => {
  const project: PythonFolderFiles = { pyproject: true, uvToml: false };
  const run = async (tool: 'uv' | 'poetry', script: Answer[], folders = ['/w/app'], files = new Map(folders.map((f) => [f, project] as const)), whyNone?: string) => {
    const prompter = new ScriptedPrompter(script);
    const purpose = `Configure ${tool === 'uv' ? 'uv' : 'Poetry'}`;
    const ctx: FlowContext = { prompter, purpose, folders, detected: new Map() };
    const initial: ConfigureState = folders.length === 1 ? { folder: folders[0] } : {};
    const state = await runSteps(pythonProjectSteps(ctx, fakeTargetSteps(prompter, purpose), tool, files, whyNone), initial);
    assert.equal(prompter.script.length, 0, 'every scripted answer was asked for');
    return { state, shown: prompter.shown };
  };

  it('one folder with a project: domain 1/4, repository 2/4, where 3/4, how 4/4 (the folder not counted)', async () => {
    const { state, shown } = await run('uv', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'pyproject.toml' }, { pick: 'Replace PyPI' }]);
    assert.deepEqual(
      shown.map((s) => [s.title, s.count, s.back]),
      [
        ['Configure uv: domain', '1/4', false],
        ['Configure uv: repository in acme', '2/4', true],
        ['Configure uv for acme/shared: where', '3/4', true],
        ['Configure uv for acme/shared', '4/4', true],
      ],
    );
    // The files first, the snippet last; each choice names what it writes.
    assert.deepEqual(shown[2]?.labels, ['pyproject.toml', 'uv.toml', 'Show snippet instead']);
    assert.deepEqual(shown[3]?.descriptions, ['default = true', 'searched before PyPI']);
    assert.deepEqual([state?.folder, state?.target?.repository, state?.pythonFile, state?.indexModes], ['/w/app', 'shared', 'pyproject', { uv: 'index-url' }]);
  });

  it('two folders: the folder is 3/5; Back from where starts on the folder chosen, Back again on the repository chosen', async () => {
    const { state, shown } = await run('poetry', [{ pick: 'acme' }, { pick: 'java' }, { pick: 'web' }, 'back', 'back', { pick: 'shared' }, { pick: 'api' }, { pick: 'pyproject.toml' }, { pick: 'Add next to PyPI' }], ['/w/api', '/w/web']);
    assert.deepEqual(
      shown.map((s) => [s.title.replace(/ for acme\/\w+/, ''), s.count, s.start]),
      [
        ['Configure Poetry: domain', '1/5', undefined],
        ['Configure Poetry: repository in acme', '2/5', undefined],
        ['Configure Poetry: folder', '3/5', undefined],
        ['Configure Poetry: where', '4/5', undefined],
        ['Configure Poetry: folder', '3/5', 'web'],
        ['Configure Poetry: repository in acme', '2/5', 'java'],
        ['Configure Poetry: folder', '3/5', undefined],
        ['Configure Poetry: where', '4/5', undefined],
        ['Configure Poetry', '5/5', undefined],
      ],
    );
    assert.deepEqual(shown[7]?.labels, ['pyproject.toml', 'Show snippet instead']);
    assert.deepEqual(shown[8]?.descriptions, ['priority = "primary"', 'priority = "supplemental"']);
    assert.deepEqual([state?.folder, state?.target?.repository, state?.pythonFile, state?.indexModes], ['/w/api', 'shared', 'pyproject', { poetry: 'extra-index-url' }]);
  });

  it('uv: a folder with a uv.toml is offered only uv.toml (uv would ignore [tool.uv]); one without pyproject.toml a new uv.toml', async () => {
    const withUvToml = await run('uv', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'uv.toml' }, { pick: 'Add next to PyPI' }], ['/w/app'], new Map([['/w/app', { pyproject: true, uvToml: true }]]));
    assert.deepEqual(withUvToml.shown[2]?.labels, ['uv.toml', 'Show snippet instead']);
    assert.equal(withUvToml.state?.pythonFile, 'uvToml');
    const bare = await run('uv', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'uv.toml' }, { pick: 'Add next to PyPI' }], ['/w/app'], new Map([['/w/app', { pyproject: false, uvToml: false }]]));
    assert.deepEqual(bare.shown[2]?.labels, ['uv.toml', 'Show snippet instead']);
    assert.match(String(pythonFileItems('uv', { pyproject: false, uvToml: false }, '')[0]?.detail), /no pyproject\.toml/);
    assert.match(String(pythonFileItems('uv', project, '')[1]?.detail), /ignores the \[tool\.uv\] table/);
  });

  it('no folder to write into: only the snippet, saying why; the snippet is still asked how', async () => {
    const { state, shown } = await run('poetry', [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'Show snippet instead' }, { pick: 'Replace PyPI' }], [], new Map(), 'no open folder has a pyproject.toml.');
    assert.deepEqual(shown[2]?.labels, ['Show snippet instead']);
    assert.equal(pythonFileItems('poetry', undefined, 'no open folder has a pyproject.toml.')[0]?.detail, 'Nothing can be written: no open folder has a pyproject.toml.');
    assert.deepEqual([state?.folder, state?.pythonFile, state?.indexModes], [undefined, 'snippet', { poetry: 'index-url' }]);
  });

  it('which folders each tool can write into, and where uv goes when nobody chose', () => {
    const files = new Map<string, PythonFolderFiles>([
      ['/w/a', { pyproject: false, uvToml: false }],
      ['/w/b', { pyproject: true, uvToml: false }],
      ['/w/c', { pyproject: true, uvToml: true }],
    ]);
    assert.deepEqual(writableFolders('uv', files), ['/w/a', '/w/b', '/w/c']);
    assert.deepEqual(writableFolders('poetry', files), ['/w/b', '/w/c']);
    assert.deepEqual([...files.values()].map(defaultUvFile), ['uvToml', 'pyproject', 'uvToml']);
  });

  it('Escape at any step, or Back on the first, ends the flow with no answer', async () => {
    const full: Answer[] = [{ pick: 'acme' }, { pick: 'shared' }, { pick: 'api' }, { pick: 'pyproject.toml' }, { pick: 'Replace PyPI' }];
    for (let at = 0; at < full.length; at++) {
      const { state, shown } = await run('uv', [...full.slice(0, at), 'cancel'], ['/w/api', '/w/web']);
      assert.equal(state, undefined, `Escape at step ${at + 1}`);
      assert.equal(shown.length, at + 1);
    }
    assert.equal((await run('uv', ['back'])).state, undefined);
  });
});

describe('Configure Workspace with uv and Poetry ticked', () => {
  it('each has its own counted question; Back from Poetry starts uv on its earlier answer; unticking drops it from the count', async () => {
    const prompter = new ScriptedPrompter([
      { pick: ['pip', 'uv', 'Poetry'] },
      { pick: 'acme' },
      { pick: 'shared' },
      { pick: 'Replace PyPI (index-url)' },
      { pick: 'Add next to PyPI' },
      'back',
      'back',
      'back',
      'back',
      'back',
      { pick: ['uv', 'Poetry'] },
      { pick: 'acme' },
      { pick: 'shared' },
      { pick: 'Add next to PyPI' },
      { pick: 'Replace PyPI' },
    ]);
    const ctx: FlowContext = { prompter, purpose: 'Configure Workspace', folders: ['/w/app'], detected: detected({ '/w/app': ['pip', 'uv', 'poetry'] }) };
    const state = await runSteps(workspaceSteps(ctx, fakeTargetSteps(prompter, 'Configure Workspace'), TOOL_ORDER), { folder: '/w/app' });
    assert.deepEqual(
      prompter.shown.map((s) => [s.title, s.count, s.start]),
      [
        ['Configure Workspace: tools found in “app”', '1/6', undefined],
        ['Configure Workspace: domain', '2/6', undefined],
        ['Configure Workspace: repository in acme', '3/6', undefined],
        ['Configure Workspace: pip for acme/shared', '4/6', undefined],
        ['Configure Workspace: uv for acme/shared', '5/6', undefined],
        ['Configure Workspace: Poetry for acme/shared', '6/6', undefined],
        ['Configure Workspace: uv for acme/shared', '5/6', 'Add next to PyPI'],
        ['Configure Workspace: pip for acme/shared', '4/6', 'Replace PyPI (index-url)'],
        ['Configure Workspace: repository in acme', '3/6', 'shared'],
        ['Configure Workspace: domain', '2/6', 'acme'],
        ['Configure Workspace: tools found in “app”', '1/6', undefined],
        ['Configure Workspace: domain', '2/5', undefined],
        ['Configure Workspace: repository in acme', '3/5', undefined],
        ['Configure Workspace: uv for acme/shared', '4/5', undefined],
        ['Configure Workspace: Poetry for acme/shared', '5/5', undefined],
      ],
    );
    assert.deepEqual(state?.tools, ['uv', 'poetry']);
    assert.deepEqual(state?.indexModes, { uv: 'extra-index-url', poetry: 'index-url' });
  });
});
