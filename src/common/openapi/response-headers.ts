/** Response headers the API sets, documented once and referenced from responses. */
export const HEADERS = {
  Link: {
    description: 'RFC 8288 links; `rel="next"` carries the URL of the next page (absent on the last page).',
    schema: { type: 'string', example: '</v1/services?cursor=eyJrIjoiYSJ9&limit=20>; rel="next"' },
  },
  ETag: {
    description: 'Entity tag of the representation; send it back in If-None-Match (reads) or If-Match (writes). Absent on streamed (NDJSON) bodies.',
    schema: { type: 'string', example: 'W/"3"' },
  },
  Location: {
    description: 'URL of the created record.',
    required: true,
    schema: { type: 'string', example: '/v1/organizations/6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' },
  },
  'X-Changes-Since': {
    description: 'Change-feed position at the start of the export: follow GET /v1/changes?since= from there.',
    required: true,
    schema: { type: 'string', example: '1042' },
  },
  'RateLimit-Limit': {
    description: 'Requests allowed per window for this caller (absent only while the rate-limit store is unreachable).',
    schema: { type: 'integer', example: 600 },
  },
  'RateLimit-Remaining': { description: 'Requests left in the current window.', schema: { type: 'integer', example: 599 } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer', example: 60 } },
  'X-Request-Id': {
    description:
      'Id of this request in the server log: the x-request-id the caller sent when it is a plain token (letters, digits, `._:@/+=-`, up to 128), else a new UUID.',
    required: true,
    schema: { type: 'string', example: 'hotline-call.42' },
  },
  'X-Read-Consistency': {
    description:
      "Read-your-writes token, set on successful writes when the server has read replicas: the primary's WAL position after the commit. Send it back as the `X-Read-Consistency` request header on reads that must see this write.",
    schema: { type: 'string', pattern: '^[0-9A-F]{1,8}/[0-9A-F]{1,8}$', example: '0/3000148' },
  },
  'Retry-After': { description: 'Seconds to wait before retrying.', required: true, schema: { type: 'integer', example: 5 } },
} as const;

export type HeaderName = keyof typeof HEADERS;

/** `{ Name: { $ref } }` for the given documented headers. */
export function headerRefs(...names: HeaderName[]): Record<string, { $ref: string }> {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}
