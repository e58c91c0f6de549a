import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', example: 'INVALID_PARAMETER' },
    invalid_params: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
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

/** Documents the problem+json (RFC 9457) error responses of an endpoint. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: status === 404 ? 'Not found (problem+json)' : 'Invalid request (problem+json)',
        content: { 'application/problem+json': { schema: problemSchema, example: examples[status] } },
      }),
    ),
  );
}
