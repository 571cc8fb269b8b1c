// What a user does through the command palette and the quick input, shared by the suites: sign in (the profile,
// then the region, both as the session's AWS files have them) and start a command that opens its own pickers.
import type { Locator } from 'playwright-core';
import { DEFAULT_REGION, type VsCodeSession } from './harness';

/** The open quick input's title (a step's `(2/5)` count, a picker's purpose). */
export function quickInputTitle(s: VsCodeSession, text: string | RegExp): Locator {
  return s.page.locator('.quick-input-widget .quick-input-title', { hasText: text });
}

/** Runs a palette command that opens its own pickers (the harness's runCommand waits for the palette to close). */
export async function startCommand(s: VsCodeSession, title: string): Promise<void> {
  const page = s.page;
  await page.locator('.monaco-workbench').focus();
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await s.quickPickRow(title).click();
}

/**
 * What shows that sign-in finished: the status bar item naming profile and region, the "Signed in" notification,
 * or nothing (the caller's next step waits for what it needs, e.g. a tree row).
 */
export type SignedInSign = 'statusBar' | 'notification' | 'none';

/** "CodeArtifact: Sign In" as a user answers it, for every suite that starts signed out. */
export async function signIn(s: VsCodeSession, until: SignedInSign): Promise<void> {
  const profile = s.options.profile ?? 'codeartifact-e2e';
  const region = s.options.region ?? DEFAULT_REGION;
  await s.runCommand('CodeArtifact: Sign In');
  await s.pickQuickPickItem(profile);
  // The region step replaces the profile step in the same widget: wait for it rather than for a row's text.
  await quickInputTitle(s, '(2/2)').waitFor();
  await s.pickQuickPickItem(region);
  if (until === 'statusBar') await s.page.locator('.statusbar', { hasText: `CodeArtifact: ${profile} (${region})` }).waitFor();
  else if (until === 'notification') await s.waitForNotification(/Signed in to CodeArtifact/);
}
