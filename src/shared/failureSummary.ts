// A failure in a few words and the one action that fixes it, for places with little room: a code lens, an explorer
// row in a narrow sidebar, the status bar. The full message stays in the tooltip and the log. No vscode import.
import { CodeArtifactError } from '../aws/errors';

/** What a click on the short failure does. */
export type FixAction = 'signIn' | 'retry' | 'refreshToken' | 'openSettings' | 'showLog';

export interface FailureSummary {
  /** At most a few words, lower case, e.g. "can't reach CodeArtifact". */
  readonly reason: string;
  readonly fix: FixAction;
  /** The label of the fix, e.g. "Retry". */
  readonly fixLabel: string;
  /** True when the network is the cause: the status bar then says "offline". */
  readonly offline: boolean;
}

const LABELS: Record<FixAction, string> = {
  signIn: 'Sign In',
  retry: 'Retry',
  refreshToken: 'Refresh Token',
  openSettings: 'Open Settings',
  showLog: 'Show Log',
};

function summary(reason: string, fix: FixAction, offline = false): FailureSummary {
  return { reason, fix, fixLabel: LABELS[fix], offline };
}

/** The data plane's failure kinds (VersionLookupError), listed here to keep this module free of versions/. */
const LOOKUP_KINDS = new Set(['unauthorized', 'http', 'network', 'cancelled', 'badResponse', 'tooLarge', 'invalidName', 'untrustedEndpoint']);

/** For a CodeArtifactError (control plane) or a VersionLookupError (data plane, recognised by name and kind). */
export function summarizeFailure(err: unknown): FailureSummary {
  if (err instanceof CodeArtifactError) {
    switch (err.detail.kind) {
      case 'notSignedIn':
        return summary('not signed in', 'signIn');
      case 'noCredentials':
        return summary('no AWS credentials', 'signIn');
      case 'ssoExpired':
        return summary('SSO session expired', 'signIn');
      case 'accessDenied':
        return summary('access denied', 'showLog');
      case 'unknownRegion':
        return summary('unknown region', 'openSettings');
      case 'networkUnreachable':
        return summary(err.detail.code === 'timeout' ? 'CodeArtifact did not answer' : "can't reach CodeArtifact", 'retry', true);
      case 'throttled':
        return summary('throttled', 'retry');
      case 'badResponse':
        return summary('unreadable answer', 'showLog');
      case 'notFound':
        return summary('not found', 'showLog');
      default:
        return summary('CodeArtifact error', 'showLog');
    }
  }
  const kind = err instanceof Error && err.name === 'VersionLookupError' && 'kind' in err && typeof err.kind === 'string' && LOOKUP_KINDS.has(err.kind) ? err.kind : undefined;
  switch (kind) {
    case 'network':
      return summary(err instanceof Error && /in time/.test(err.message) ? 'repository did not answer' : "can't reach the repository", 'retry', true);
    case 'unauthorized':
      return summary('token refused', 'refreshToken');
    case 'untrustedEndpoint':
      return summary('endpoint not trusted', 'showLog');
    case 'badResponse':
    case 'tooLarge':
      return summary('unreadable answer', 'showLog');
    case 'invalidName':
      return summary('invalid name', 'showLog');
    case 'http':
      return summary('repository error', 'retry');
    default:
      return summary('lookup failed', 'showLog');
  }
}
