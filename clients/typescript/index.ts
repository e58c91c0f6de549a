/**
 * A typed TypeScript client for the directory's REST API, generated from the
 * committed openapi.yaml by openapi-typescript (types: schema.d.ts, rebuilt by
 * `npm run client`) over openapi-fetch (a small typed `fetch`). Every path,
 * parameter, body and response is typed from the spec, including what may be
 * null, so code that compiles handles by-mail results and hidden addresses.
 *
 *   const api = createDirectoryClient('http://127.0.0.1:3000');
 *   const { data, error } = await api.GET('/v1/search', { params: { query: { postal_code: '75215' } } });
 *
 * Repeated code filters AND: `access: ['access.walk-in', 'access.free']` is
 * sent as `access=access.walk-in&access=access.free` (OpenAPI form + explode).
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export type { components, operations, paths } from './schema';

export interface DirectoryClientOptions {
  /** An API key (write, admin): sent as `Authorization: Bearer <key>`. Reads need none. */
  apiKey?: string;
  fetch?: typeof fetch;
}

export function createDirectoryClient(baseUrl: string, options: DirectoryClientOptions = {}) {
  // JSON bodies: the operations that also answer GeoJSON, text or NDJSON are typed as their JSON form
  return createClient<paths, 'application/json'>({
    baseUrl,
    headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : undefined,
    fetch: options.fetch,
  });
}
