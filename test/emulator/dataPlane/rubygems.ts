import { HttpError } from './http';
import type { RepoRequest } from './router';

export function handleRuby(_r: RepoRequest): Promise<void> {
  return Promise.reject(new HttpError(404, 'Not found.'));
}
