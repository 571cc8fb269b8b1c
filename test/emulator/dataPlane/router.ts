// Entry point of the data plane: `/{domain}-{owner}/{format}/{repo}/...`, the paths npm, pip, twine and mvn
// talk to. Finds the domain and repository, checks the token, then hands over to the format's handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorizeDataPlane } from '../authorization';
import type { DataPlaneContext } from '../server';
import type { Domain, Repository } from '../model';
import { HttpError, sendError, tokenFrom } from './http';
import { handleNpm } from './npm';
import { handlePypi } from './pypi';
import { handleMaven } from './maven';
import { handleNuget } from './nuget';
import { handleSwift } from './swift';
import { handleCargo } from './cargo';
import { handleRuby } from './rubygems';
import { repositoryBase } from './vpcPaths';

/** What every format handler gets: the resolved domain and repository and the rest of the path. */
export interface RepoRequest {
  ctx: DataPlaneContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  domain: Domain;
  repo: Repository;
  /** `http://127.0.0.1:P/domain-owner/format/repo` (or the VPC form `…/format/d/domain-owner/repo`) — no trailing slash. */
  base: string;
  /** The path after `/{domain}-{owner}/{format}/{repo}/`, still percent-encoded. */
  rest: string;
  /** The caller's (valid) authorization token: whose permissions apply. */
  token: string;
}

const PATH = /^\/([a-z][a-z0-9-]{0,48}[a-z0-9])-(\d{12})\/(npm|pypi|maven|nuget|swift|cargo|ruby)\/([A-Za-z0-9][A-Za-z0-9._-]{1,99})(\/.*)?$/;

export async function handleDataPlane(ctx: DataPlaneContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const m = PATH.exec(url.pathname);
  if (!m) return false;
  const [, domainName = '', owner = '', format = '', repoName = '', tail] = m;
  const realm = `${domainName}-${owner}/${repoName}`;
  const domain = ctx.store.getDomain(domainName, owner);
  // Maven sends credentials only after a challenge, so ask before revealing anything else.
  // Swift's netrc entry (`aws codeartifact login --tool swift`) logs in as `token`.
  // cargo and gem send the token as the whole Authorization header (no scheme).
  const token = tokenFrom(req, format === 'swift' ? ['aws', 'token'] : ['aws'], format === 'cargo' || format === 'ruby');
  if (token === undefined) {
    ctx.count(`${format}:unauthorized`);
    sendError(res, 401, format, 'Authorization token is missing.', realm);
    return true;
  }
  if (!domain) {
    ctx.count(`${format}:unauthorized`);
    sendError(res, 401, format, 'The authorization token is not valid for this domain.', realm);
    return true;
  }
  const check = ctx.store.checkToken(token, domain);
  if (check !== 'ok') {
    ctx.count(`${format}:unauthorized`);
    sendError(res, 401, format, check === 'expired' ? 'The authorization token has expired.' : 'The authorization token is not valid.', realm);
    return true;
  }
  const repo = domain.repositories.get(repoName);
  if (!repo) {
    ctx.count(`${format}:notFound`);
    sendError(res, 404, format, `Repository ${repoName} was not found in domain ${domainName}.`);
    return true;
  }
  // Reading needs ReadFromRepository; a publish is judged on its package once the handler knows it (publish.ts).
  const writes = req.method === 'PUT' || req.method === 'POST' || req.method === 'DELETE';
  const denied = writes ? undefined : authorizeDataPlane(ctx.store, token, domain, repo, ['codeartifact:ReadFromRepository']);
  if (denied !== undefined) {
    ctx.count(`${format}:accessDenied`);
    sendError(res, 403, format, denied);
    return true;
  }
  const base = repositoryBase(ctx.endpoint, `${domainName}-${owner}`, format, repoName, ctx.vpcStyle === true);
  const r: RepoRequest = { ctx, req, res, url, domain, repo, base, rest: (tail ?? '/').slice(1), token };
  try {
    if (format === 'npm') await handleNpm(r);
    else if (format === 'pypi') await handlePypi(r);
    else if (format === 'nuget') await handleNuget(r);
    else if (format === 'swift') await handleSwift(r);
    else if (format === 'cargo') await handleCargo(r);
    else if (format === 'ruby') await handleRuby(r);
    else await handleMaven(r);
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (res.headersSent) res.destroy();
    else sendError(res, err.status, format, err.message);
  }
  return true;
}
