// Gemfile and *.gemspec gem dependencies in the shape every manifest shares (manifestDependencies.ts).
import { parseGemfile } from '../core/manifests/gemfile';
import { spanOf } from '../core/manifests/textSpan';
import type { ManifestDependency } from './manifestDependencies';

export function rubyManifestDependencies(text: string, fileName: string): { dependencies: ManifestDependency[]; sources: string[] } {
  const parsed = parseGemfile(text, fileName);
  const dependencies = parsed.dependencies.map((d): ManifestDependency => {
    const only = d.requirements.length === 1 ? d.requirements[0] : undefined;
    const first = d.requirements[0];
    const last = d.requirements[d.requirements.length - 1];
    const pin = only && /^(=\s*)?\d[0-9A-Za-z.]*$/.test(only.text.trim()) ? only.text.replace(/^=\s*/, '').trim() : undefined;
    return {
      ecosystem: 'ruby',
      displayName: d.name.text,
      name: d.name.text,
      nameSpan: d.name,
      range: d.requirements.map((r) => r.text).join(', '),
      // A list (`'~> 1.0', '>= 1.0.3'`) is edited as one span from inside its first quote to inside its last, so
      // that its fix rewrites every requirement and keeps the quotes and commas between them (rangeRewrite.ts).
      ...(first && last ? { rangeSpan: only ?? spanOf(text, first.start, last.end) } : {}),
      ...(d.requirements.length > 1 ? { rangeParts: d.requirements } : {}),
      ...(pin !== undefined ? { pinned: pin } : {}),
    };
  });
  return { dependencies, sources: [...parsed.sources] };
}
