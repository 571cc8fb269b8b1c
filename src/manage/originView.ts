// Toggling one of a package's origin controls (the tree rows show them: explorer/treeItems.ts restrictionsText).
// Pure; the manage commands call this.
import type { OriginRestrictions } from '../aws/packageWrites';

/** The setting after toggling one of the two; the other is kept as the service last said. */
export function toggled(r: OriginRestrictions, which: 'publish' | 'upstream'): Required<OriginRestrictions> {
  const flip = (v: OriginRestrictions['publish']): 'ALLOW' | 'BLOCK' => (v === 'BLOCK' ? 'ALLOW' : 'BLOCK');
  return {
    publish: which === 'publish' ? flip(r.publish) : (r.publish ?? 'ALLOW'),
    upstream: which === 'upstream' ? flip(r.upstream) : (r.upstream ?? 'ALLOW'),
  };
}
