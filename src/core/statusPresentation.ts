// What the CodeArtifact status-bar item shows, says to a screen reader, and offers on click. The visible text may
// use `$(icon)` syntax; the accessibility label and the tooltip are plain words (no icon names, no `&nbsp;` from
// Markdown's text escaping). Pure: auth/statusBar.ts applies it.
import { displayText, iconSafeText } from './displayText';

export interface StatusInput {
  connection?: { profile?: string; region: string; endpoint?: string };
  offline?: { reason?: string; detail?: string };
  tokenNote?: string;
  tokenWarning?: boolean;
}

export interface StatusPresentation {
  text: string;
  tooltip: string;
  accessibilityLabel: string;
  warning: boolean;
  /** A click opens the menu, or (offline) retries at once. */
  click: 'menu' | 'retry';
}

export function statusPresentation(input: StatusInput): StatusPresentation {
  const c = input.connection;
  if (!c) {
    return {
      text: '$(package) CodeArtifact: Sign In',
      tooltip: 'Not signed in to AWS CodeArtifact. Click to sign in.',
      accessibilityLabel: 'CodeArtifact: not signed in. Activate to sign in or show the logs.',
      warning: false,
      click: 'menu',
    };
  }
  if (input.offline) {
    const reason = displayText(input.offline.reason ?? 'no answer');
    return {
      text: '$(cloud-offline) CodeArtifact: offline',
      tooltip: `CodeArtifact is offline: ${reason}\n${displayText(input.offline.detail ?? '', 300)}\nClick to retry. Slow network? Raise codeartifact.network.timeoutSeconds.`.replace(/\n\n/, '\n'),
      accessibilityLabel: `CodeArtifact offline: ${reason}. Activate to retry.`,
      warning: true,
      click: 'retry',
    };
  }
  const who = c.profile !== undefined ? `profile ${displayText(c.profile, 64)}` : 'default credential chain';
  const note = input.tokenNote ? displayText(input.tokenNote, 64) : undefined;
  // Profile names come from the AWS config files: the status bar renders `$(name)` as an icon, so escape it.
  const shownWho = c.profile !== undefined ? iconSafeText(c.profile, 64) : 'default chain';
  return {
    text: `$(package) CodeArtifact: ${shownWho} (${iconSafeText(c.region, 32)})${input.tokenNote ? ` · ${iconSafeText(input.tokenNote, 64)}` : ''}`,
    tooltip: [`AWS CodeArtifact — ${who}, region ${displayText(c.region, 32)}`, c.endpoint ? 'Endpoint override in use' : '', note ? `Tokens: ${note}` : '', 'Click for Refresh Token, Switch Profile, Sign Out and the logs.']
      .filter(Boolean)
      .join('\n'),
    accessibilityLabel: `CodeArtifact, ${who}, region ${displayText(c.region, 32)}${note ? `, ${note}` : ''}. Activate for the menu.`,
    warning: input.tokenWarning === true && note !== undefined,
    click: 'menu',
  };
}

export interface StatusMenuItem {
  /** Label with a `$(icon)`; VS Code reads the words to screen readers. */
  label: string;
  command: string;
}

/** The status-bar menu: what fits the state, most used first. */
export function statusMenuItems(signedIn: boolean, offline: boolean, retryCommand: string): StatusMenuItem[] {
  if (!signedIn) {
    return [
      { label: '$(sign-in) Sign In…', command: 'codeartifact.signIn' },
      { label: '$(output) Show Logs', command: 'codeartifact.showLogs' },
    ];
  }
  return [
    ...(offline ? [{ label: '$(debug-restart) Retry Connection', command: retryCommand }] : []),
    { label: '$(key) Refresh Token', command: 'codeartifact.refreshToken' },
    { label: '$(account) Switch Profile…', command: 'codeartifact.signIn' },
    { label: '$(globe) Select Region…', command: 'codeartifact.selectRegion' },
    { label: '$(refresh) Refresh Explorer', command: 'codeartifact.refresh' },
    { label: '$(output) Show Logs', command: 'codeartifact.showLogs' },
    { label: '$(sign-out) Sign Out', command: 'codeartifact.signOut' },
  ];
}
