// Sign in / sign out / select region: quick picks over the profiles in the AWS files and the CodeArtifact regions.
import * as vscode from 'vscode';
import { describeDefaultChain, describeProfileKind, listProfiles, type ProfileInfo } from '../aws/profiles';
import { CODEARTIFACT_REGIONS, looksLikeRegion } from '../aws/regions';
import { messageText } from '../core/displayText';
import { pickText, profilePickText } from '../core/pickItems';
import { countOf } from '../core/plural';
import { runSteps, type Step, type StepPosition } from '../core/steps';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { ContextKeys, setContext } from '../shared/contextKeys';
import { pickStep } from '../shared/quickSteps';
import { saveRegion, saveSignInChoice } from '../shared/settings';
import type { Session } from './session';

/** Label of the quick-pick item for the default credential chain (stable for the e2e tests). */
export const DEFAULT_CHAIN_LABEL = 'Default credential chain';

interface ProfileItem extends vscode.QuickPickItem {
  profile: ProfileInfo | undefined;
}

/** Step "AWS profile" of Sign In: the profile in use is where the cursor starts. */
async function profileStep(session: Session, position: StepPosition): Promise<ProfileItem | 'back' | 'cancel'> {
  let profiles: ProfileInfo[];
  try {
    profiles = await listProfiles();
  } catch (err) {
    throw new Error(`Could not read your AWS config files: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const current = session.connection?.profile ?? session.settings().profile;
  const signedIn = session.signedIn;
  const items: ProfileItem[] = [
    { label: DEFAULT_CHAIN_LABEL, description: describeDefaultChain(), profile: undefined },
    ...(profiles.length ? [{ label: 'Profiles', kind: vscode.QuickPickItemKind.Separator, profile: undefined }] : []),
    // Names and regions come from the user's AWS files: shown neutralised, used as written.
    ...profiles.map((p) => ({ ...profilePickText(p, describeProfileKind(p.kind), p.name === current), profile: p })),
  ];
  const result = await pickStep({
    title: 'CodeArtifact: Sign In — AWS profile',
    placeholder: profiles.length ? 'Choose the AWS profile to use' : 'No profiles in your AWS config files; use the default credential chain',
    items,
    position,
    matchOnDescription: true,
    // Signed in with the default chain: start there; otherwise on the profile in use (or in the settings).
    active: (i) => i.kind !== vscode.QuickPickItemKind.Separator && (current === undefined ? signedIn && i.profile === undefined : i.profile?.name === current),
  });
  return typeof result === 'string' ? result : (result.picked[0] ?? 'cancel');
}

interface RegionItem extends vscode.QuickPickItem {
  region: string;
}

/** Regions with the preferred one first; typing a region code not in the list offers it too. */
async function regionStep(preferred: string | undefined, title: string, position: StepPosition): Promise<{ region: string } | 'back' | 'cancel'> {
  const ordered = [...CODEARTIFACT_REGIONS].sort((a, b) => (a.code === preferred ? -1 : b.code === preferred ? 1 : 0));
  const items: RegionItem[] = ordered.map((r) => ({ label: r.code, description: r.name + (r.code === preferred ? ' · from profile' : ''), region: r.code }));
  // The profile's region is whatever its file says: shown neutralised, used as written.
  if (preferred && !items.some((i) => i.region === preferred)) items.unshift({ ...pickText(preferred, 'from profile'), region: preferred });
  const result = await pickStep({
    title: `CodeArtifact: ${title} — region`,
    placeholder: 'Choose the region of your CodeArtifact domains (or type a region code)',
    items,
    position,
    active: (i) => i.region === preferred,
    itemsForValue: (value) => {
      const v = value.trim();
      return looksLikeRegion(v) && !items.some((i) => i.region === v) ? [{ ...pickText(v, 'other region'), region: v }, ...items] : items;
    },
  });
  const region = typeof result === 'string' ? undefined : result.picked[0]?.region;
  return typeof result === 'string' ? result : region !== undefined ? { region } : 'cancel';
}

interface SignInChoice {
  profile?: ProfileItem;
  region?: string;
}

/** Sign In's two steps (profile, region), with Back from the region to the profile. */
function signInSteps(session: Session): Step<SignInChoice>[] {
  return [
    {
      run: async (state, position) => {
        const profile = await profileStep(session, position);
        return typeof profile === 'string' ? profile : { next: { ...state, profile } };
      },
    },
    {
      run: async (state, position) => {
        const preferred = (await session.profileInfo(state.profile?.profile?.name))?.region ?? session.settings().region;
        const region = await regionStep(preferred, 'Sign In', position);
        return typeof region === 'string' ? region : { next: { ...state, region: region.region } };
      },
    },
  ];
}

export function registerAuthCommands(session: Session, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const signIn = async () => {
    const chosen = await runSteps(signInSteps(session), {});
    const region = chosen?.region;
    if (!chosen?.profile || !region) return;
    const profileName = chosen.profile.profile?.name;
    const count = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: messageText(`Signing in to CodeArtifact (${region})…`), cancellable: true },
      (_progress, token) => session.signIn(profileName, region, abortSignalFor(token)),
    );
    // Remembered only once verified, so that a failed attempt leaves the working setup alone.
    await saveSignInChoice(profileName, region);
    void vscode.window.showInformationMessage(
      messageText(`Signed in to CodeArtifact with ${profileName ? `profile ${profileName}` : 'the default credential chain'} in ${region}: ${countOf(count, 'domain')} found.`),
    );
  };

  const selectRegion = async () => {
    const current = session.connection?.region ?? session.settings().region;
    const picked = await regionStep(current, 'Select Region', { step: 1, totalSteps: 1, canGoBack: false });
    if (typeof picked === 'string' || picked.region === session.connection?.region) return;
    const region = picked.region;
    if (session.signedIn) {
      const profile = session.connection?.profile;
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: messageText(`Switching CodeArtifact to ${region}…`), cancellable: true },
        (_p, token) => session.signIn(profile, region, abortSignalFor(token)),
      );
    }
    await saveRegion(region);
  };

  const update = () => void setContext(ContextKeys.signedIn, session.signedIn);
  update();
  return [
    session.onDidChange(update),
    registerCommand('codeartifact.signIn', 'Sign in', signIn, log),
    registerCommand('codeartifact.signOut', 'Sign out', () => session.signOut(), log),
    registerCommand('codeartifact.selectRegion', 'Select region', selectRegion, log),
  ];
}
