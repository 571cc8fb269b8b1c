// How a package's origin controls read in the tree: a short word in the description only when something is
// blocked (CodeArtifact blocks upstream for a package published first, publish for one ingested first), the full
// setting in the tooltip. Pure; the explorer calls these.
import type { OriginRestrictions } from '../aws/packageWrites';

/** "publish blocked", "upstream blocked", "publish & upstream blocked", or undefined when nothing is blocked. */
export function originDescription(r: OriginRestrictions | undefined): string | undefined {
  if (!r) return undefined;
  const blocked = [r.publish === 'BLOCK' ? 'publish' : '', r.upstream === 'BLOCK' ? 'upstream' : ''].filter(Boolean);
  return blocked.length ? `${blocked.join(' & ')} blocked` : undefined;
}

/** Markdown line for the tooltip: `Origin controls: publish ALLOW · upstream BLOCK`. Values are enum words only. */
export function originTooltipLine(r: OriginRestrictions | undefined): string | undefined {
  if (!r || (!r.publish && !r.upstream)) return undefined;
  return `Origin controls: publish ${r.publish ?? 'unknown'} · upstream ${r.upstream ?? 'unknown'}`;
}

/** The setting after toggling one of the two; the other is kept as the service last said. */
export function toggled(r: OriginRestrictions, which: 'publish' | 'upstream'): Required<OriginRestrictions> {
  const flip = (v: OriginRestrictions['publish']): 'ALLOW' | 'BLOCK' => (v === 'BLOCK' ? 'ALLOW' : 'BLOCK');
  return {
    publish: which === 'publish' ? flip(r.publish) : (r.publish ?? 'ALLOW'),
    upstream: which === 'upstream' ? flip(r.upstream) : (r.upstream ?? 'ALLOW'),
  };
}
