// Multi-step input (sign in, configure, choose a repository) as a list of steps over a state: Back returns to the
// previous step that was shown, and the "2/3" count only counts steps that are shown for the current state (a
// folder picker that is skipped with one folder open is not counted). Pure: the quick picks live in the adapters.

/** Where a step stands: its number among the shown steps, the total, and whether Back makes sense. */
export interface StepPosition {
  step: number;
  totalSteps: number;
  canGoBack: boolean;
}

/** What a step answers: the new state, Back, or cancel (Escape, or nothing to choose). */
export type StepOutcome<S> = { next: S } | 'back' | 'cancel';

export interface Step<S> {
  /** False when the state already answers this step (given by the caller, or only one choice); default true. */
  shown?: (state: S) => boolean;
  /**
   * `earlier`: when the user came back to this step with Back, the state this step answered last time, so that
   * it can start on that answer (the active item, the typed value). `state` is still the state before it.
   */
  run: (state: S, position: StepPosition, earlier?: S) => Promise<StepOutcome<S>>;
}

const isShown = <S>(step: Step<S>, state: S): boolean => step.shown?.(state) ?? true;

/** Runs the steps in order; Back restores the state the previous shown step started from (and hands it its earlier answer). Undefined when cancelled. */
export async function runSteps<S>(steps: readonly Step<S>[], initial: S): Promise<S | undefined> {
  // The states each shown step started from, with that step's index, for Back.
  const history: { index: number; state: S; answered: S }[] = [];
  let state = initial;
  let index = 0;
  let earlier: S | undefined;
  while (index < steps.length) {
    const step = steps[index];
    if (step === undefined || !isShown(step, state)) {
      index++;
      continue;
    }
    const before = history.length;
    const later = steps.slice(index + 1).filter((s) => isShown(s, state)).length;
    const position: StepPosition = { step: before + 1, totalSteps: before + 1 + later, canGoBack: before > 0 };
    const outcome = await step.run(state, position, earlier);
    earlier = undefined;
    if (outcome === 'cancel') return undefined;
    if (outcome === 'back') {
      const previous = history.pop();
      if (previous === undefined) return undefined;
      ({ index, state } = previous);
      earlier = previous.answered;
      continue;
    }
    history.push({ index, state, answered: outcome.next });
    state = outcome.next;
    index++;
  }
  return state;
}
