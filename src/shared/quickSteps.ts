// One step of a multi-step quick pick: the step count in the title, a Back button from the second step on, and the
// item to start on (the current profile, the region in use). See core/steps.ts for the order and the counting.
import * as vscode from 'vscode';
import type { StepOutcome, StepPosition } from '../core/steps';

export interface PickStepOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  items: readonly T[];
  position: StepPosition;
  /** The item the cursor starts on (and, with canPickMany, nothing else changes). */
  active?: (item: T) => boolean;
  canPickMany?: boolean;
  matchOnDescription?: boolean;
  /** Items for what the user typed (e.g. a region code not in the list); default: the items. */
  itemsForValue?: (value: string) => readonly T[];
}

/** Shows one step; resolves with the chosen items, 'back' (Back button) or 'cancel' (Escape). */
export function pickStep<T extends vscode.QuickPickItem>(opts: PickStepOptions<T>): Promise<{ picked: T[] } | 'back' | 'cancel'> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = opts.title;
  // A lone step has no count: "(1/1)" says nothing.
  if (opts.position.totalSteps > 1) {
    pick.step = opts.position.step;
    pick.totalSteps = opts.position.totalSteps;
  }
  pick.placeholder = opts.placeholder;
  pick.items = opts.items;
  pick.canSelectMany = opts.canPickMany ?? false;
  pick.matchOnDescription = opts.matchOnDescription ?? false;
  pick.ignoreFocusOut = true;
  pick.buttons = opts.position.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  if (opts.canPickMany) pick.selectedItems = opts.items.filter((i) => i.picked === true);
  const active = opts.active ? opts.items.find(opts.active) : undefined;
  if (active) pick.activeItems = [active];
  return new Promise((resolve) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    const finish = (value: { picked: T[] } | 'back' | 'cancel') => {
      if (done) return;
      done = true;
      for (const s of subs) s.dispose();
      pick.dispose();
      resolve(value);
    };
    subs.push(
      pick.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish('back')),
      pick.onDidAccept(() => {
        const picked = opts.canPickMany ? [...pick.selectedItems] : [...pick.activeItems].slice(0, 1);
        if (picked.length > 0) finish({ picked });
      }),
      pick.onDidHide(() => finish('cancel')),
    );
    if (opts.itemsForValue) {
      const forValue = opts.itemsForValue;
      subs.push(pick.onDidChangeValue((value) => (pick.items = forValue(value))));
    }
    pick.show();
  });
}

/** A step's outcome from a pick: the state `advance` builds from the chosen items, or Back / cancel as they came. */
export function outcomeOf<T, S>(result: { picked: T[] } | 'back' | 'cancel', advance: (picked: T[]) => S): StepOutcome<S> {
  return typeof result === 'string' ? result : { next: advance(result.picked) };
}

export interface InputStepOptions {
  title: string;
  prompt: string;
  placeholder?: string;
  /** The text the box starts with (the earlier answer after Back). */
  value?: string;
  position: StepPosition;
  /** An error message for a value that cannot be accepted, else undefined. */
  validate: (value: string) => string | undefined;
}

/** One text step with the same count and Back button as pickStep; resolves with the accepted value, 'back' or 'cancel'. */
export function inputStep(opts: InputStepOptions): Promise<{ value: string } | 'back' | 'cancel'> {
  const box = vscode.window.createInputBox();
  box.title = opts.title;
  if (opts.position.totalSteps > 1) {
    box.step = opts.position.step;
    box.totalSteps = opts.position.totalSteps;
  }
  box.prompt = opts.prompt;
  box.placeholder = opts.placeholder;
  box.value = opts.value ?? '';
  box.ignoreFocusOut = true;
  box.buttons = opts.position.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    const finish = (value: { value: string } | 'back' | 'cancel') => {
      if (done) return;
      done = true;
      for (const s of subs) s.dispose();
      box.dispose();
      resolve(value);
    };
    subs.push(
      box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish('back')),
      box.onDidChangeValue((v) => (box.validationMessage = opts.validate(v))),
      box.onDidAccept(() => {
        const message = opts.validate(box.value);
        box.validationMessage = message;
        if (message === undefined) finish({ value: box.value });
      }),
      box.onDidHide(() => finish('cancel')),
    );
    box.show();
  });
}
