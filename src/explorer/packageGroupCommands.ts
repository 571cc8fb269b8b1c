// Package-group commands from the palette and the "Package groups" rows: Create Package Group, Edit Package Group
// (description, contact info), Edit Origin Controls (a quick pick per restriction type), Delete Package Group
// (modal confirmation). Each write runs under
// a cancellable progress notification and refreshes only the rows it changed.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { DomainRef } from '../aws/codeArtifactApi';
import {
  packageGroupsApiFor,
  RESTRICTION_TYPES,
  ROOT_GROUP,
  type PackageGroupInfo,
  type RestrictionMode,
  type RestrictionType,
} from '../aws/packageGroupsApi';
import { displayText, messageText } from '../core/displayText';
import { allowedListChanges, packageGroupPatternProblem, packageGroupTextProblem } from '../core/packageGroupPattern';
import { domainPickText } from '../core/pickItems';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { DomainNode, type ExplorerNode } from './model';
import { PackageGroupNode, PackageGroupsNode } from './packageGroupNodes';
import type { ExplorerTreeProvider } from './treeProvider';

const TYPE_LABELS: Record<RestrictionType, { label: string; detail: string }> = {
  PUBLISH: { label: 'Publish', detail: 'Publishing new versions directly to a repository' },
  EXTERNAL_UPSTREAM: { label: 'External upstream', detail: 'Taking versions from a public repository through an external connection' },
  INTERNAL_UPSTREAM: { label: 'Internal upstream', detail: 'Taking versions from an upstream repository of the domain' },
};
const MODE_DETAILS: Record<RestrictionMode, string> = {
  ALLOW: 'Allowed for every repository',
  BLOCK: 'Blocked for every repository',
  ALLOW_SPECIFIC_REPOSITORIES: 'Allowed only for the repositories you choose next',
  INHERIT: 'The setting of the parent group',
};

interface GroupTarget {
  domain: DomainNode;
  pattern: string;
  node?: PackageGroupNode;
}

/**
 * Refuses a write on a domain that already refused one (manage/ ManageFeature: the palette offers such commands
 * too), and tells the hovers' caches that a domain's package groups changed.
 */
export interface DomainWriteAccess {
  refuseIfDeniedInDomain(domain: DomainRef, what: string): void;
  packageGroupsChanged(domain: DomainRef): void;
}

export function registerPackageGroupCommands(provider: ExplorerTreeProvider, session: Session, log: vscode.LogOutputChannel, access: DomainWriteAccess): vscode.Disposable[] {
  const api = () => packageGroupsApiFor(session.api());

  /** The domain a write goes to; refused at once (no request, no further picker) where a write was refused before. */
  const pickDomain = async (node: unknown): Promise<DomainNode | undefined> => {
    const domain = await chooseDomain(node);
    if (domain) access.refuseIfDeniedInDomain(domain.ref, 'changing package groups');
    return domain;
  };

  const chooseDomain = async (node: unknown): Promise<DomainNode | undefined> => {
    if (node instanceof DomainNode) return node;
    if (node instanceof PackageGroupsNode || node instanceof PackageGroupNode) return node.domain;
    const domains = await provider.model.domains();
    if (domains.length === 0) throw new Error('No CodeArtifact domains are visible. Check the region, or add domains in the codeartifact.domains setting.');
    if (domains.length === 1) return domains[0];
    const pick = await vscode.window.showQuickPick(
      domains.map((d) => ({ ...domainPickText(d.info), node: d })),
      { title: 'CodeArtifact: choose a domain' },
    );
    return pick?.node;
  };

  /** The group a command acts on: the row it was run from, or one picked from the domain's groups. */
  const pickGroup = async (node: unknown, title: string, allowRoot: boolean): Promise<GroupTarget | undefined> => {
    if (node instanceof PackageGroupNode) {
      access.refuseIfDeniedInDomain(node.domain.ref, 'changing package groups');
      return { domain: node.domain, pattern: node.pattern, node };
    }
    const domain = await pickDomain(node);
    if (!domain) return undefined;
    const groups = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Loading package groups…' }, () => api().listPackageGroups(domain.ref, { maxResults: 1000 }));
    const items = groups.items.filter((g) => allowRoot || g.pattern !== ROOT_GROUP).map((g) => ({ label: displayText(g.pattern), description: displayText(g.description ?? ''), pattern: g.pattern }));
    if (items.length === 0) throw new Error(`The domain ${domain.info.name} has no package group besides the root group ${ROOT_GROUP}.`);
    const pick = await vscode.window.showQuickPick(items, { title: displayText(`${title}: choose a package group of ${domain.info.name}`) });
    return pick ? { domain, pattern: pick.pattern } : undefined;
  };

  /** Runs a write under a cancellable notification. */
  const write = <T>(title: string, run: (signal: AbortSignal | undefined) => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(title), cancellable: true }, (_progress, token) => run(abortSignalFor(token)));

  /**
   * Re-reads the rows a write changed (the group list of the domain: hierarchy and inherited modes) without a refresh
   * that would make every hover forget; only that domain's hovers do.
   */
  const refreshGroups = (domain: DomainNode, node?: ExplorerNode): void => {
    provider.reload(node ?? domain);
    access.packageGroupsChanged(domain.ref);
  };

  const groupsRow = async (domain: DomainNode): Promise<ExplorerNode | undefined> => (await provider.model.getChildren(domain)).find((n) => n instanceof PackageGroupsNode);

  const createGroup = async (node?: unknown) => {
    const domain = await pickDomain(node);
    if (!domain) return;
    const parentPattern = node instanceof PackageGroupNode ? node.pattern : undefined;
    const suggestion = parentPattern && parentPattern !== ROOT_GROUP ? parentPattern.replace(/[*~$]$/, '') : '/npm/';
    const pattern = await vscode.window.showInputBox({
      title: displayText(`Create a package group in ${domain.info.name}`),
      prompt: 'Pattern: /FORMAT/*, /FORMAT/NAMESPACE/*, /FORMAT/NAMESPACE~ (prefix), /FORMAT/NAMESPACE/NAME~ or …/NAME$ (exact). npm scopes without @; no namespace for PyPI: /pypi//NAME$.',
      value: suggestion,
      valueSelection: [suggestion.length, suggestion.length],
      validateInput: (v) => packageGroupPatternProblem(v.trim()),
    });
    if (!pattern) return;
    const description = await vscode.window.showInputBox({ title: displayText(`Description of ${pattern.trim()} (optional)`), prompt: 'Up to 1,000 characters; Escape to skip.', validateInput: (v) => (v.length > 1000 ? 'At most 1,000 characters.' : undefined) });
    const created = await write(`Creating package group ${pattern.trim()} in ${domain.info.name}…`, (signal) =>
      api().createPackageGroup(domain.ref, { pattern: pattern.trim(), ...(description ? { description } : {}) }, { signal }),
    );
    refreshGroups(domain, await groupsRow(domain));
    void vscode.window.showInformationMessage(messageText(`Created package group ${created.pattern} in ${domain.info.name}${created.parent ? ` under ${created.parent}` : ''}. New groups inherit their parent's origin controls.`));
  };

  const editOriginControls = async (node?: unknown) => {
    const target = await pickGroup(node, 'Edit Origin Controls', true);
    if (!target) return;
    const { domain, pattern } = target;
    const current: PackageGroupInfo = target.node?.info ?? (await api().describePackageGroup(domain.ref, pattern));
    const typePick = await vscode.window.showQuickPick(
      RESTRICTION_TYPES.map((type) => {
        const r = current.restrictions[type];
        const now = r ? (r.mode === 'INHERIT' ? `INHERIT (${r.effectiveMode ?? '?'})` : r.mode) : 'unknown';
        return { label: TYPE_LABELS[type].label, description: now, detail: TYPE_LABELS[type].detail, type };
      }),
      { title: displayText(`Origin controls of ${pattern}: which restriction?`) },
    );
    if (!typePick) return;
    const type = typePick.type;
    const modes = (['ALLOW', 'BLOCK', 'ALLOW_SPECIFIC_REPOSITORIES', 'INHERIT'] as const).filter((m) => m !== 'INHERIT' || pattern !== ROOT_GROUP);
    const modePick = await vscode.window.showQuickPick(
      modes.map((mode) => ({ label: mode, description: current.restrictions[type]?.mode === mode ? '(current)' : undefined, detail: MODE_DETAILS[mode], mode })),
      { title: displayText(`${TYPE_LABELS[type].label} for ${pattern}`) },
    );
    if (!modePick) return;
    let changes = { add: [] as string[], remove: [] as string[] };
    if (modePick.mode === 'ALLOW_SPECIFIC_REPOSITORIES') {
      const [allowed, repositories] = await Promise.all([api().listAllowedRepositories(domain.ref, pattern, type, { maxResults: 1000 }), session.api().listRepositories(domain.ref, { maxResults: 1000 })]);
      const picks = await vscode.window.showQuickPick(
        repositories.items.map((r) => ({ label: displayText(r.name), description: displayText(r.description ?? ''), picked: allowed.items.includes(r.name), name: r.name })),
        { title: displayText(`${TYPE_LABELS[type].label} for ${pattern}: allowed repositories`), canPickMany: true },
      );
      if (!picks) return;
      changes = allowedListChanges(allowed.items, picks.map((p) => p.name));
    }
    const updated = await write(`Setting ${TYPE_LABELS[type].label} of ${pattern} to ${modePick.mode}…`, (signal) =>
      api().updateOriginConfiguration(
        domain.ref,
        pattern,
        { restrictions: { [type]: modePick.mode }, add: changes.add.map((repository) => ({ repository, type })), remove: changes.remove.map((repository) => ({ repository, type })) },
        { signal },
      ),
    );
    target.node?.update(updated);
    // Sub groups that inherit change too: re-read the group's subtree (or the whole list when run from the palette).
    refreshGroups(domain, target.node ?? (await groupsRow(domain)));
  };

  /** UpdatePackageGroup: description and contact info, each prefilled; an emptied box clears the field. */
  const editGroup = async (node?: unknown) => {
    const target = await pickGroup(node, 'Edit Package Group', true);
    if (!target) return;
    const { domain, pattern } = target;
    const current: PackageGroupInfo = target.node?.info ?? (await api().describePackageGroup(domain.ref, pattern));
    const field = (what: string, value: string | undefined) =>
      vscode.window.showInputBox({
        title: displayText(`${what} of ${pattern} in ${domain.info.name}`),
        prompt: 'Up to 1,000 characters; empty clears it. Escape cancels the edit.',
        value: value ?? '',
        validateInput: packageGroupTextProblem,
      });
    const description = await field('Description', current.description);
    if (description === undefined) return;
    const contactInfo = await field('Contact information', current.contactInfo);
    if (contactInfo === undefined) return;
    if (description === (current.description ?? '') && contactInfo === (current.contactInfo ?? '')) {
      void vscode.window.showInformationMessage(messageText(`Nothing changed for ${pattern}.`));
      return;
    }
    const updated = await write(`Updating package group ${pattern} in ${domain.info.name}…`, (signal) => api().updatePackageGroup(domain.ref, { pattern, description, contactInfo }, { signal }));
    if (target.node) {
      target.node.update(updated);
      provider.rerender(target.node);
    } else {
      refreshGroups(domain, await groupsRow(domain));
    }
    void vscode.window.showInformationMessage(messageText(`Updated package group ${pattern} in ${domain.info.name}.`));
  };

  const deleteGroup = async (node?: unknown) => {
    const target = await pickGroup(node, 'Delete Package Group', false);
    if (!target) return;
    const { domain, pattern } = target;
    if (pattern === ROOT_GROUP) throw new Error(`The root package group ${ROOT_GROUP} cannot be deleted.`);
    const parent = target.node?.info.parent;
    const confirm = 'Delete';
    const answer = await vscode.window.showWarningMessage(
      messageText(`Delete the package group ${pattern} in ${domain.info.name}?`),
      {
        modal: true,
        detail: messageText(
          `Its packages and their versions stay. Its sub groups move to ${parent ?? 'its parent group'}, and any origin controls they inherit will then come from there. This cannot be undone.`,
        ),
      },
      confirm,
    );
    if (answer !== confirm) return;
    await write(`Deleting package group ${pattern} in ${domain.info.name}…`, (signal) => api().deletePackageGroup(domain.ref, pattern, { signal }));
    refreshGroups(domain, target.node?.parent ?? (await groupsRow(domain)));
  };

  return [
    registerCommand('codeartifact.createPackageGroup', 'Create Package Group', createGroup, log),
    registerCommand('codeartifact.editPackageGroupOriginControls', 'Edit Origin Controls', editOriginControls, log),
    registerCommand('codeartifact.editPackageGroup', 'Edit Package Group', editGroup, log),
    registerCommand('codeartifact.deletePackageGroup', 'Delete Package Group', deleteGroup, log),
  ];
}
