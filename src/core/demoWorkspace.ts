// The walkthrough's "Open demo workspace" step: which folder to open, or why there is none. `npm run demo` starts
// code-server with CODEARTIFACT_DEMO_WORKSPACE (an environment variable, which no opened folder can set) and points
// codeartifact.endpoint at the local emulator. Pure: the command in walkthrough/ asks and opens.
import * as path from 'node:path';
import { isLoopbackHost } from './endpointTrust';

export const DEMO_WORKSPACE_ENV = 'CODEARTIFACT_DEMO_WORKSPACE';

/** True when the endpoint setting names this machine (the local emulator), not AWS. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const url = new URL(endpoint);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

export type DemoWorkspaceAnswer = { kind: 'open'; folder: string } | { kind: 'alreadyOpen'; folder: string } | { kind: 'unavailable'; reason: string };

export interface DemoWorkspaceFacts {
  /** codeartifact.endpoint. */
  endpoint: string | undefined;
  /** process.env[DEMO_WORKSPACE_ENV]. */
  demoFolder: string | undefined;
  isFolder: (p: string) => boolean;
  openFolders: readonly string[];
}

export function demoWorkspaceAnswer(facts: DemoWorkspaceFacts): DemoWorkspaceAnswer {
  if (!isLocalEndpoint(facts.endpoint)) {
    return {
      kind: 'unavailable',
      reason: facts.endpoint
        ? 'The demo workspace belongs to the local emulator, and codeartifact.endpoint points elsewhere. Start the demo with `npm run demo` in the extension\'s repository and open the address it prints.'
        : 'The demo workspace belongs to the local emulator, and this window talks to AWS (codeartifact.endpoint is not set). Start the demo with `npm run demo` in the extension\'s repository and open the address it prints.',
    };
  }
  const folder = facts.demoFolder?.trim();
  if (!folder || !path.isAbsolute(folder)) {
    return { kind: 'unavailable', reason: 'The endpoint is a local emulator, but this VS Code was not started by `npm run demo`, so there is no demo folder to open. Run `npm run demo` and open the address it prints.' };
  }
  if (!facts.isFolder(folder)) return { kind: 'unavailable', reason: `The demo folder ${folder} is gone. Stop the demo and run \`npm run demo\` again: it copies a fresh one.` };
  const same = (a: string) => path.resolve(a) === path.resolve(folder);
  if (facts.openFolders.some(same)) return { kind: 'alreadyOpen', folder };
  return { kind: 'open', folder };
}
