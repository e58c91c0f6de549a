import type { FuzzRequest, FuzzResponse } from './http';

/** GraphQL codes that mean "we failed", not "you sent something wrong". */
const INTERNAL_CODES = new Set(['INTERNAL', 'INTERNAL_SERVER_ERROR']);

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function problemViolation(res: FuzzResponse): string | null {
  if (!/^application\/problem\+json/.test(res.contentType)) return `${res.status} is not application/problem+json (${res.contentType || 'no content-type'})`;
  const problem = parse(res.body) as { status?: unknown; code?: unknown } | undefined;
  if (!problem || typeof problem !== 'object') return `${res.status} problem+json body is not JSON`;
  if (problem.status !== res.status) return `${res.status} problem+json has status ${JSON.stringify(problem.status)}`;
  if (typeof problem.code !== 'string' || problem.code === '') return `${res.status} problem+json has no code`;
  return null;
}

function graphqlViolation(res: FuzzResponse): string | null {
  if (/^application\/problem\+json/.test(res.contentType)) return problemViolation(res);
  const result = parse(res.body) as { errors?: { extensions?: { code?: unknown } }[]; data?: unknown } | undefined;
  if (!result || typeof result !== 'object') return `GraphQL ${res.status} body is not JSON`;
  for (const error of result.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') return 'GraphQL error without extensions.code';
    if (INTERNAL_CODES.has(code)) return `GraphQL error code ${code}`;
  }
  if (!result.errors && !result.data) return 'GraphQL response has neither data nor errors';
  return null;
}

/**
 * The property every response must have: an answer within the timeout, no
 * 5xx (no outage is staged here), and errors in their documented shape:
 * problem+json whose `status` is the HTTP status, with a `code`; GraphQL
 * errors with a typed, non-internal extensions.code.
 */
export function violation(req: FuzzRequest, res: FuzzResponse): string | null {
  if (res.timedOut) return 'timeout';
  if (res.networkError) return `no response: ${res.networkError}`;
  if (res.status >= 500) return `${res.status}`;
  if (req.target.startsWith('/graphql')) return graphqlViolation(res);
  if (res.status >= 400) return problemViolation(res);
  return null;
}
