// "CodeArtifact: Sign In" as a user answers it, for every suite that starts signed out: the profile (1/2), then
// the region (2/2), both as the session's AWS files have them.
import { DEFAULT_REGION, type VsCodeSession } from './harness';

/**
 * What shows that sign-in finished: the status bar item naming profile and region, the "Signed in" notification,
 * or nothing (the caller's next step waits for what it needs, e.g. a tree row).
 */
export type SignedInSign = 'statusBar' | 'notification' | 'none';

export async function signIn(s: VsCodeSession, until: SignedInSign): Promise<void> {
  const profile = s.options.profile ?? 'codeartifact-e2e';
  const region = s.options.region ?? DEFAULT_REGION;
  await s.runCommand('CodeArtifact: Sign In');
  await s.pickQuickPickItem(profile);
  // The region step replaces the profile step in the same widget: wait for it rather than for a row's text.
  await s.page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
  await s.pickQuickPickItem(region);
  if (until === 'statusBar') await s.page.locator('.statusbar', { hasText: `CodeArtifact: ${profile} (${region})` }).waitFor();
  else if (until === 'notification') await s.waitForNotification(/Signed in to CodeArtifact/);
}
