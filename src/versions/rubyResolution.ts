// Which CodeArtifact repository serves a Gemfile's gems: its global `source "URL"` (the last one, as Bundler takes
// it) when that is a CodeArtifact RubyGems endpoint. A *.gemspec has no source: the Gemfile next to it decides.
// The URL is the folder's text, so the target is `fromWorkspace` (the domain gate asks before a token is used).
import * as path from 'node:path';
import { parseRegistryUrl } from '../core/registryUrls';
import { parseGemfile } from '../core/manifests/gemfile';
import type { ManifestContents } from './manifestDependencies';
import type { RepositoryTarget, ResolverIo } from './repositoryResolver';

/** `publicOnly`: no source, or only rubygems.org (then the default-repository setting may apply). */
export async function rubyTargetFor(manifestPath: string, contents: ManifestContents, io: ResolverIo): Promise<{ target?: RepositoryTarget; publicOnly: boolean }> {
  let sources = contents.gemSources ?? [];
  let file = manifestPath;
  if (/\.gemspec$/i.test(manifestPath)) {
    file = path.join(path.dirname(manifestPath), 'Gemfile');
    const text = await io.readFile(file);
    sources = text === undefined ? [] : parseGemfile(text).sources;
  }
  const url = sources[sources.length - 1];
  const parsed = url !== undefined ? parseRegistryUrl(url) : undefined;
  if (!parsed || parsed.format !== 'ruby') return { publicOnly: url === undefined || /^https?:\/\/rubygems\.org\/?$/.test(url) };
  return { publicOnly: false, target: { domain: parsed.domain, owner: parsed.owner, repository: parsed.repository, format: 'ruby', source: 'source in Gemfile', fromWorkspace: true, file } };
}
