// Sign in / sign out / select region: quick picks over the profiles in the AWS files and the CodeArtifact regions.
import * as vscode from 'vscode';
import { describeDefaultChain, describeProfileKind, listProfiles, type ProfileInfo } from '../aws/profiles';
import { CODEARTIFACT_REGIONS, looksLikeRegion } from '../aws/regions';
import { messageText } from '../core/displayText';
import { pickText, profilePickText } from '../core/pickItems';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { ContextKeys, setContext } from '../shared/contextKeys';
import { saveRegion, saveSignInChoice } from '../shared/settings';
import type { Session } from './session';

/** Label of the quick-pick item for the default credential chain (stable for the e2e tests). */
export const DEFAULT_CHAIN_LABEL = 'Default credential chain';

interface ProfileItem extends vscode.QuickPickItem {
  profile: ProfileInfo | undefined;
}

async function pickProfile(session: Session): Promise<ProfileItem | undefined> {
  let profiles: ProfileInfo[];
  try {
    profiles = await listProfiles();
  } catch (err) {
    throw new Error(`Could not read your AWS config files: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const current = session.connection?.profile ?? session.settings().profile;
  const items: ProfileItem[] = [
    { label: DEFAULT_CHAIN_LABEL, description: describeDefaultChain(), profile: undefined },
    ...(profiles.length ? [{ label: 'Profiles', kind: vscode.QuickPickItemKind.Separator, profile: undefined }] : []),
    // Names and regions come from the user's AWS files: shown neutralised, used as written.
    ...profiles.map((p) => ({ ...profilePickText(p, describeProfileKind(p.kind), p.name === current), profile: p })),
  ];
  return vscode.window.showQuickPick(items, {
    title: 'CodeArtifact: Sign In (1/2) — AWS profile',
    placeHolder: profiles.length ? 'Choose the AWS profile to use' : 'No profiles in your AWS config files; use the default credential chain',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
}

interface RegionItem extends vscode.QuickPickItem {
  region: string;
}

/** Regions with the preferred one first; typing a region code not in the list offers it too. */
async function pickRegion(preferred: string | undefined, step: string): Promise<string | undefined> {
  const ordered = [...CODEARTIFACT_REGIONS].sort((a, b) => (a.code === preferred ? -1 : b.code === preferred ? 1 : 0));
  const items: RegionItem[] = ordered.map((r) => ({ label: r.code, description: r.name + (r.code === preferred ? ' · from profile' : ''), region: r.code }));
  // The profile's region is whatever its file says: shown neutralised, used as written.
  if (preferred && !items.some((i) => i.region === preferred)) items.unshift({ ...pickText(preferred, 'from profile'), region: preferred });

  const pick = vscode.window.createQuickPick<RegionItem>();
  pick.title = `CodeArtifact: ${step} — region`;
  pick.placeholder = 'Choose the region of your CodeArtifact domains (or type a region code)';
  pick.items = items;
  pick.ignoreFocusOut = true;
  return new Promise<string | undefined>((resolve) => {
    const subs: vscode.Disposable[] = [];
    const finish = (value: string | undefined) => {
      for (const s of subs) s.dispose();
      pick.dispose();
      resolve(value);
    };
    subs.push(
      pick.onDidChangeValue((value) => {
        const v = value.trim();
        pick.items = looksLikeRegion(v) && !items.some((i) => i.region === v) ? [{ ...pickText(v, 'other region'), region: v }, ...items] : items;
      }),
      pick.onDidAccept(() => finish(pick.selectedItems[0]?.region)),
      pick.onDidHide(() => finish(undefined)),
    );
    pick.show();
  });
}

export function registerAuthCommands(session: Session, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const signIn = async () => {
    const chosen = await pickProfile(session);
    if (!chosen) return;
    const profileName = chosen.profile?.name;
    const preferred = (await session.profileInfo(profileName))?.region ?? session.settings().region;
    const region = await pickRegion(preferred, 'Sign In (2/2)');
    if (!region) return;
    const count = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: messageText(`Signing in to CodeArtifact (${region})…`), cancellable: true },
      (_progress, token) => session.signIn(profileName, region, abortSignalFor(token)),
    );
    // Remembered only once verified, so that a failed attempt leaves the working setup alone.
    await saveSignInChoice(profileName, region);
    void vscode.window.showInformationMessage(
      messageText(`Signed in to CodeArtifact with ${profileName ? `profile ${profileName}` : 'the default credential chain'} in ${region}: ${count} domain${count === 1 ? '' : 's'} found.`),
    );
  };

  const selectRegion = async () => {
    const current = session.connection?.region ?? session.settings().region;
    const region = await pickRegion(current, 'Select Region');
    if (!region || region === session.connection?.region) return;
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
