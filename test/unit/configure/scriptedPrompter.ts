// A quick input that answers from a script, for the configure flows' step tests: records what each step showed
// (title, "2/3" count, Back button, the item or text it started on).
import assert from 'node:assert/strict';
import type { InputRequest, PickOption, PickRequest, Prompter } from '../../../src/configure/toolSteps';

/** One scripted answer: a label to pick (or labels, for a multi-pick), a value to type, Back or Escape. */
export type Answer = { pick: string | string[] } | { type: string } | 'back' | 'cancel';

export interface Shown {
  title: string;
  count: string;
  back: boolean;
  /** The item the cursor starts on, or the text the box starts with. */
  start: string | undefined;
  labels: string[];
  descriptions: (string | undefined)[];
}

export class ScriptedPrompter implements Prompter {
  readonly shown: Shown[] = [];
  constructor(readonly script: Answer[]) {}

  private next(title: string): Answer {
    const answer = this.script.shift();
    assert.ok(answer !== undefined, `"${title}" was shown with nothing left in the script`);
    return answer;
  }

  pick<T extends PickOption>(r: PickRequest<T>): Promise<{ picked: T[] } | 'back' | 'cancel'> {
    const active = r.active ? r.items.find(r.active) : undefined;
    this.shown.push({ title: r.title, count: `${r.position.step}/${r.position.totalSteps}`, back: r.position.canGoBack, start: active?.label, labels: r.items.map((i) => i.label), descriptions: r.items.map((i) => i.description) });
    const answer = this.next(r.title);
    if (answer === 'back' || answer === 'cancel') return Promise.resolve(answer);
    assert.ok('pick' in answer, `"${r.title}" is a pick, the script types`);
    const wanted = Array.isArray(answer.pick) ? answer.pick : [answer.pick];
    const picked = wanted.map((w) => {
      const item = r.items.find((i) => i.label === w);
      assert.ok(item, `"${w}" is not offered by "${r.title}" (${r.items.map((i) => i.label).join(', ')})`);
      return item;
    });
    return Promise.resolve({ picked });
  }

  input(r: InputRequest): Promise<{ value: string } | 'back' | 'cancel'> {
    this.shown.push({ title: r.title, count: `${r.position.step}/${r.position.totalSteps}`, back: r.position.canGoBack, start: r.value, labels: [], descriptions: [] });
    const answer = this.next(r.title);
    if (answer === 'back' || answer === 'cancel') return Promise.resolve(answer);
    assert.ok('type' in answer, `"${r.title}" is an input, the script picks`);
    // As the input box does: an invalid value is not accepted.
    const error = r.validate(answer.type);
    if (error !== undefined) throw new Error(`"${answer.type}" refused: ${error}`);
    return Promise.resolve({ value: answer.type });
  }
}

