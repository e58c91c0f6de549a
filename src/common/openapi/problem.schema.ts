/** The one problem+json (RFC 9457) schema every error response refers to. */
export const PROBLEM_SCHEMA_NAME = 'Problem';
export const PROBLEM_REF = { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` };

export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'An RFC 9457 problem: `type`, `title`, `status`, `detail`, `instance`, plus a machine-readable `code` and, for invalid input, `invalid_params`.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Identifies the problem type; dereferences to documentation.' },
    title: { type: 'string', description: 'Short, human-readable summary of the problem type.' },
    status: { type: 'integer', minimum: 100, maximum: 599, description: 'The HTTP status code.' },
    detail: { type: 'string', description: 'Human-readable explanation of this occurrence.' },
    instance: { type: 'string', description: 'Identifies this occurrence (the request path).' },
    code: { type: 'string', example: 'INVALID_PARAMETER', description: 'Stable machine-readable error code.' },
    invalid_params: {
      type: 'array',
      description: 'One entry per invalid input (400 only).',
      items: {
        type: 'object',
        required: ['name', 'reason'],
        properties: { name: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
};
