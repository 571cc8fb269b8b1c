// Multi-step pickers: Back goes to the previous shown step with its state, and the count only counts shown steps.
import assert from 'node:assert/strict';
import { runSteps, type Step, type StepPosition } from '../../../src/core/steps';

interface State {
  folder?: string;
  tools?: string[];
  domain?: string;
  repository?: string;
}

/** Steps answering from a script of outcomes, recording the position each was shown at. */
function scripted(names: (keyof State)[], script: [keyof State, string][], shownWhen: Partial<Record<keyof State, (s: State) => boolean>> = {}) {
  const seen: { name: keyof State; position: StepPosition; state: State }[] = [];
  const steps: Step<State>[] = names.map((name) => ({
    ...(shownWhen[name] ? { shown: shownWhen[name] } : {}),
    run: async (state, position) => {
      seen.push({ name, position, state });
      const next = script.shift();
      assert.ok(next, `step ${name} ran with nothing left in the script`);
      assert.equal(next[0], name, `expected step ${next[0]}, got ${name}`);
      const answer = next[1];
      if (answer === 'back' || answer === 'cancel') return answer;
      return { next: { ...state, [name]: answer } };
    },
  }));
  return { steps, seen };
}

describe('runSteps (multi-step pickers)', () => {
  it('numbers the steps 1/3, 2/3, 3/3 and allows Back from the second on', async () => {
    const { steps, seen } = scripted(['tools', 'domain', 'repository'], [['tools', 'npm'], ['domain', 'acme'], ['repository', 'shared']]);
    const result = await runSteps(steps, {});
    assert.deepEqual(result, { tools: 'npm', domain: 'acme', repository: 'shared' });
    assert.deepEqual(
      seen.map((s) => s.position),
      [
        { step: 1, totalSteps: 3, canGoBack: false },
        { step: 2, totalSteps: 3, canGoBack: true },
        { step: 3, totalSteps: 3, canGoBack: true },
      ],
    );
  });

  it('Back returns to the previous step with the state it started from, and the next answer replaces the old one', async () => {
    const { steps, seen } = scripted(['domain', 'repository'], [['domain', 'acme'], ['repository', 'back'], ['domain', 'other'], ['repository', 'shared']]);
    const result = await runSteps(steps, {});
    assert.deepEqual(result, { domain: 'other', repository: 'shared' });
    // The second time, the domain step starts from the state before the first answer (no stale domain).
    assert.deepEqual(seen[2]?.state, {});
    assert.deepEqual(seen[2]?.position, { step: 1, totalSteps: 2, canGoBack: false });
  });

  it('does not count a step that is skipped (one folder open; repository given by the explorer)', async () => {
    const { steps, seen } = scripted(['folder', 'tools', 'domain', 'repository'], [['tools', 'npm']], {
      folder: () => false,
      domain: (s) => s.repository === undefined,
      repository: (s) => s.repository === undefined,
    });
    const result = await runSteps(steps, { repository: 'given' });
    assert.deepEqual(result, { repository: 'given', tools: 'npm' });
    assert.deepEqual(seen.map((s) => [s.name, s.position.step, s.position.totalSteps]), [['tools', 1, 1]]);
  });

  it('Back skips over a step that was not shown', async () => {
    const { steps, seen } = scripted(['tools', 'folder', 'domain'], [['tools', 'npm'], ['domain', 'back'], ['tools', 'pip'], ['domain', 'acme']], { folder: () => false });
    const result = await runSteps(steps, {});
    assert.deepEqual(result, { tools: 'pip', domain: 'acme' });
    assert.deepEqual(seen.map((s) => `${s.name} ${s.position.step}/${s.position.totalSteps}`), ['tools 1/2', 'domain 2/2', 'tools 1/2', 'domain 2/2']);
  });

  it('cancel anywhere, or Back on the first step, gives undefined', async () => {
    assert.equal(await runSteps(scripted(['domain', 'repository'], [['domain', 'acme'], ['repository', 'cancel']]).steps, {}), undefined);
    assert.equal(await runSteps(scripted(['domain'], [['domain', 'back']]).steps, {}), undefined);
  });

  it('Back hands the step its earlier answer (to start on it), while its state stays the state before it', async () => {
    const calls: { name: string; state: State; earlier: State | undefined }[] = [];
    const answers: Record<string, string[]> = { domain: ['acme', 'other'], repository: ['back', 'shared'] };
    const steps: Step<State>[] = (['domain', 'repository'] as const).map((name) => ({
      run: async (state, _position, earlier) => {
        calls.push({ name, state, earlier });
        const answer = answers[name]?.shift();
        return answer === 'back' ? 'back' : { next: { ...state, [name]: answer } };
      },
    }));
    assert.deepEqual(await runSteps(steps, {}), { domain: 'other', repository: 'shared' });
    assert.deepEqual(
      calls.map((c) => [c.name, c.state, c.earlier]),
      [
        ['domain', {}, undefined],
        ['repository', { domain: 'acme' }, undefined],
        ['domain', {}, { domain: 'acme' }],
        ['repository', { domain: 'other' }, undefined],
      ],
    );
  });
});
