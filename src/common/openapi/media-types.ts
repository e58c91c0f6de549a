/**
 * Media types for responses that are not one JSON document.
 *
 * NDJSON: OpenAPI 3.1 has no per-line schema (3.2's `itemSchema`), so the
 * body is declared as a string and the schema of each line is given in the
 * `x-ndjson-line` extension.
 */
export function ndjsonContent(lineSchema: object, description: string) {
  return {
    'application/x-ndjson': {
      schema: { type: 'string', description: `Newline-delimited JSON (one JSON value per line, LF-terminated): ${description}` },
      'x-ndjson-line': lineSchema,
    },
  };
}

export const TEXT_PLAIN_CONTENT = {
  'text/plain': { schema: { type: 'string', description: 'UTF-8 plain text, readable aloud or sent by SMS.' } },
};
