// One domain gate and one manifest analyzer for the extension host: the version providers and the dependency guard
// read the same manifests by the same rules, so each version of a manifest is analysed (and its registry
// configuration read) once, not once per feature.
import type * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { DomainGate, listAllDomains } from './domainGate';
import { ManifestAnalyzer, readVersionSettings } from './manifestAnalysis';

export interface ManifestAnalyses {
  readonly gate: DomainGate;
  readonly analyzer: ManifestAnalyzer;
}

export function createManifestAnalyses(opts: {
  session: Session;
  log: vscode.LogOutputChannel;
  /** Where the domains a folder may name are remembered (approvals). */
  approvals: vscode.Memento;
  userDomains: () => readonly { name: string; owner?: string }[];
}): ManifestAnalyses {
  const { session } = opts;
  const gate = new DomainGate({
    listDomains: (signal) => listAllDomains((page) => session.api().listDomains(page), signal),
    userDomains: opts.userDomains,
    store: opts.approvals,
  });
  return { gate, analyzer: new ManifestAnalyzer(gate, readVersionSettings, opts.log) };
}
