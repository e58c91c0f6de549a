import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Actor } from './write-transaction';

/** The audit identity of a request: the API key that the AuthGuard accepted. */
export function actorOf(request: AuthenticatedRequest): Actor {
  const key = request.caller?.apiKey;
  if (!key) throw new Error('actorOf() on a route without @RequireScope');
  return { apiKeyId: key.id, label: `key:${key.name}` };
}
