// What a quick-pick item shows when its text comes from a server or from the user's AWS files: quick picks
// render `$(name)` as an icon in label, description and detail, so every part goes through `iconSafeText`
// (neutralised, cut, icons escaped). The item's value travels beside the text, untouched. Pure: no vscode.
import { DISPLAY_LIMITS, iconSafeText } from './displayText';

export interface PickText {
  label: string;
  description?: string;
  detail?: string;
}

/** Label, description and detail as a quick pick shows them; empty parts are left out. */
export function pickText(label: string, description?: string, detail?: string): PickText {
  return {
    label: iconSafeText(label, DISPLAY_LIMITS.label),
    ...(description ? { description: iconSafeText(description, DISPLAY_LIMITS.description) } : {}),
    ...(detail ? { detail: iconSafeText(detail, DISPLAY_LIMITS.description) } : {}),
  };
}

/** A domain: its name, with the owning account as description. */
export function domainPickText(domain: { name: string; owner?: string }): PickText {
  return pickText(domain.name, domain.owner);
}

/** A repository: its name, with its description (free text set by whoever created it). */
export function repositoryPickText(repo: { name: string; description?: string }): PickText {
  return pickText(repo.name, repo.description);
}

/** A search hit: the package as its ecosystem writes it, and where it lives. */
export function packageMatchPickText(displayName: string, repository: string, formatLabel: string): PickText {
  return pickText(displayName, `${repository} · ${formatLabel}`);
}

/** A profile from the AWS files: its name, kind and region; `current` marks the one in use. */
export function profilePickText(profile: { name: string; region?: string }, kindLabel: string, current: boolean): PickText {
  return pickText(profile.name, [kindLabel, profile.region].filter(Boolean).join(' · '), current ? 'current' : undefined);
}
