// Gemfile and *.gemspec gem dependencies in the shape every manifest shares (manifestDependencies.ts).
import { parseGemfile } from '../core/manifests/gemfile';
import type { ManifestDependency } from './manifestDependencies';

export function rubyManifestDependencies(text: string, fileName: string): { dependencies: ManifestDependency[]; sources: string[] } {
  const parsed = parseGemfile(text, fileName);
  const dependencies = parsed.dependencies.map((d): ManifestDependency => {
    const only = d.requirements.length === 1 ? d.requirements[0] : undefined;
    const pin = only && /^(=\s*)?\d[0-9A-Za-z.]*$/.test(only.text.trim()) ? only.text.replace(/^=\s*/, '').trim() : undefined;
    return {
      ecosystem: 'ruby',
      displayName: d.name.text,
      name: d.name.text,
      nameSpan: d.name,
      range: d.requirements.map((r) => r.text).join(', '),
      // One requirement string can be edited in place; a list says more than one version, left as written.
      ...(only ? { rangeSpan: only } : {}),
      ...(pin !== undefined ? { pinned: pin } : {}),
    };
  });
  return { dependencies, sources: [...parsed.sources] };
}
