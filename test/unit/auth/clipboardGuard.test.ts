// Copied tokens come off the clipboard after a minute or at Sign Out, unless the user copied something else.
import assert from 'node:assert/strict';
import { ClipboardGuard, CLEAR_CLIPBOARD_AFTER_MS } from '../../../src/auth/clipboardGuard';
import { FakeTimers } from '../configure/testEnv';

class FakeClipboard {
  text = 'before';
  readText(): Promise<string> {
    return Promise.resolve(this.text);
  }
  writeText(text: string): Promise<void> {
    this.text = text;
    return Promise.resolve();
  }
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('clipboard guard for copied secrets', () => {
  it('clears the secret after a minute', async () => {
    const clipboard = new FakeClipboard();
    const timers = new FakeTimers();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copySecret('tok.en');
    assert.equal(clipboard.text, 'tok.en');
    assert.equal(timers.delay, CLEAR_CLIPBOARD_AFTER_MS);
    timers.fire();
    await tick();
    assert.equal(clipboard.text, '');
    assert.equal(guard.holding, false);
  });

  it('leaves the user’s own later copy alone', async () => {
    const clipboard = new FakeClipboard();
    const timers = new FakeTimers();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copySecret('tok.en');
    clipboard.text = 'my own text';
    timers.fire();
    await tick();
    assert.equal(clipboard.text, 'my own text');
  });

  it('Keep in Clipboard cancels the clearing; Sign Out (clear) clears at once; a second copy restarts the minute', async () => {
    const clipboard = new FakeClipboard();
    const timers = new FakeTimers();
    const guard = new ClipboardGuard(clipboard, timers);
    await guard.copySecret('one');
    guard.keep();
    assert.equal(timers.pending.length, 0);
    assert.equal(await guard.clear(), false);
    assert.equal(clipboard.text, 'one');
    await guard.copySecret('two');
    await guard.copySecret('three');
    assert.equal(timers.pending.length, 1, 'one timer for the latest copy');
    assert.equal(await guard.clear(), true);
    assert.equal(clipboard.text, '');
    assert.equal(timers.pending.length, 0);
  });
});
