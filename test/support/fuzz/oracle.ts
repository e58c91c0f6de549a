import { openApiResponses } from '../openapi-responses';
import type { FuzzRequest, FuzzResponse } from './http';

/** The fuzz client keeps the first 64 KiB of a body: a longer one cannot be checked as a whole. */
const WHOLE_BODY_BELOW = 64 * 1024 - 1;

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
  if (res.status >= 400) {
    const problem = problemViolation(res);
    if (problem) return problem;
  }
  // and as openapi.yaml describes it: status, content type and body (the fuzz client keeps no headers)
  const whole = Buffer.byteLength(res.body) < WHOLE_BODY_BELOW;
  const spec = openApiResponses().violations(
    { method: req.method, path: req.target, status: res.status, headers: { 'content-type': res.contentType }, body: res.body, text: res.body },
    { headers: false, body: whole },
  );
  return spec.length ? `not as openapi.yaml describes: ${spec.join('; ')}` : null;
}
