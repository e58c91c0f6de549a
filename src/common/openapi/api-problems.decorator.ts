import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { PROBLEM_REF } from './problem.schema';
import { headerRefs } from './response-headers';

const descriptions: Record<number, string> = {
  400: 'Invalid request (problem+json)',
  401: 'Missing or unknown API key (problem+json)',
  403: 'The API key lacks the scope this operation needs (problem+json)',
  404: 'Not found (problem+json)',
  406: 'None of the Accept media types can be produced (problem+json)',
  409: 'Conflicts with an existing record (the same service at the same location, or the same source id) (problem+json)',
  412: 'If-Match does not match the current version: re-read and retry (problem+json)',
  413: 'The request body is larger than this operation accepts (problem+json)',
  414: 'The request target (URL) is too long (problem+json)',
  431: 'The request line and headers are too large (problem+json)',
  415: 'The request body is not in a media type this operation accepts (problem+json)',
  428: 'If-Match is required for this write (problem+json)',
  429: 'Too many requests: wait Retry-After seconds (problem+json)',
  500: 'An unexpected error: a defect on our side, reported without internals (problem+json)',
  503: 'Temporarily unavailable (database busy or down): retry after Retry-After seconds (problem+json)',
};

const examples: Record<number, object> = {
  400: {
    type: 'https://harm-reduction-directory.example.org/problems/invalid-parameter',
    title: 'Invalid parameter',
    status: 400,
    detail: 'limit: limit must not be greater than 100',
    code: 'INVALID_PARAMETER',
    invalid_params: [{ name: 'limit', reason: 'limit must not be greater than 100' }],
  },
  404: {
    type: 'https://harm-reduction-directory.example.org/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: "No organization with id '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01'.",
    code: 'NOT_FOUND',
  },
};

/** Statuses whose responses tell the client when to come back. */
const RETRY_HEADERS: Record<number, ReturnType<typeof headerRefs>> = {
  429: headerRefs('Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'),
  503: headerRefs('Retry-After'),
};

/** The problem+json (RFC 9457) response for one status, referring to the shared Problem schema. */
export function problemResponse(status: number) {
  const example = examples[status];
  return {
    description: descriptions[status] ?? 'Error (problem+json)',
    ...(RETRY_HEADERS[status] ? { headers: RETRY_HEADERS[status] } : {}),
    content: { 'application/problem+json': { schema: PROBLEM_REF, ...(example ? { example } : {}) } },
  };
}

/** Documents the problem+json (RFC 9457) error responses of an endpoint. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}
