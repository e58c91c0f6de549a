import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error';
import { jsonPath } from '../validation/storable-text';

/** Deeper than any body we take (a MultiPolygon is 6 levels); deeper input only serves to exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Keys that reach Object.prototype when a body is merged or assigned
 * anywhere downstream (`Object.assign`, spread into a class instance).
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/** Methods whose empty body means "no body" (a DELETE from a client that always sends content-type). */
const BODY_OPTIONAL = new Set(['DELETE', 'OPTIONS']);

const invalidBody = (name: string, reason: string) => DomainError.invalidParameter(name, reason);

/**
 * The application/json parser: JSON.parse, then one iterative walk that
 * refuses bodies nested deeper than MAX_JSON_DEPTH and prototype keys, both
 * naming the JSON path. Runs before any handler, validator or
 * class-transformer (whose recursion would overflow on deep input).
 */
export function parseJsonBody(request: FastifyRequest, body: string): unknown {
  if (body.length === 0) {
    if (BODY_OPTIONAL.has(request.method)) return undefined;
    throw invalidBody('body', 'is empty; send a JSON object (content-type: application/json)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    // V8's message quotes part of the body (which may hold a key): keep only the position
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    throw invalidBody('body', `is not valid JSON${position ? ` (at character ${position[1]})` : ''}`);
  }
  assertSaneJsonShape(parsed);
  return parsed;
}

export function assertSaneJsonShape(value: unknown): void {
  // [value, its path, its depth, the top-level field it is under (named when nesting is too deep: the full path would be huge)]
  const stack: [unknown, string, number, string][] = [[value, '', 1, 'body']];
  while (stack.length) {
    const [current, path, depth, field] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw invalidBody(field, `is nested more than ${MAX_JSON_DEPTH} levels deep`);
    const top = (child: string) => (depth === 1 ? child : field);
    if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, jsonPath(path, i), depth + 1, top(jsonPath(path, i))]));
      continue;
    }
    for (const key of Object.keys(current)) {
      const child = jsonPath(path, key);
      if (FORBIDDEN_KEYS.has(key)) throw invalidBody(child, `'${key}' is not an accepted key`);
      stack.push([(current as Record<string, unknown>)[key], child, depth + 1, top(child)]);
    }
  }
}
