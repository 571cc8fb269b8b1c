// Cargo.toml's registry dependencies in the shape every manifest shares (manifestDependencies.ts).
import { parseCargoToml } from '../core/manifests/cargoToml';
import type { ManifestDependency } from './manifestDependencies';

export function cargoManifestDependencies(text: string): ManifestDependency[] {
  const out: ManifestDependency[] = [];
  for (const d of parseCargoToml(text).dependencies) {
    const pin = /^=\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(d.requirement.trim())?.[1];
    out.push({
      ecosystem: 'cargo',
      displayName: d.crate,
      name: d.crate,
      nameSpan: d.key,
      range: d.requirement,
      ...(d.requirementSpan ? { rangeSpan: d.requirementSpan } : {}),
      ...(pin !== undefined ? { pinned: pin } : {}),
      cargoRegistry: d.registry ?? null,
      // A workspace's [workspace.dependencies] entry is the version its members inherit: an update is a decision.
      ...(d.section === 'workspace' ? { notInUpdateAll: 'a [workspace.dependencies] entry' } : {}),
    });
  }
  return out;
}
