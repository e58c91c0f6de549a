import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { unstorableTextReason } from '../validation/storable-text';

/**
 * Opaque keyset cursors, bound to the list and the query that issued them.
 *
 * A cursor is base64url(tag || payload): payload is the JSON `{"v":2,"k":key}`
 * (the last row's sort key), tag the first 16 bytes of
 * HMAC-SHA256(secret, binding + "\n" + payload). The binding is not carried:
 * it is recomputed from the request that presents the cursor, so a cursor of
 * /v1/services replayed on /v1/organizations, or of a Dallas search replayed
 * on a New York one, fails the tag check and is 400 INVALID_CURSOR, as is any
 * edited byte. (JSON.stringify never writes a raw newline, so "\n" cannot be
 * forged into either side.)
 *
 * The binding (cursorBinding) is the list's name plus the normalized query:
 * - every parameter except `limit` (a client may change page size between
 *   pages) and the cursor itself;
 * - absent, undefined and null parameters are left out (GraphQL null = absent);
 * - parameters sorted by name, so their order in the URL does not matter;
 * - string values trimmed; a repeated parameter (a list) keeps the order it
 *   was given in, each value trimmed, and a list of one value binds like that
 *   value alone (REST `access=a` = GraphQL `access: ["a"]`);
 * - values otherwise as the validated query holds them (numbers, booleans),
 *   so REST and GraphQL, which share the query classes, bind alike.
 * Anything else that differs (`a,b` vs `a, b`, a date-time in another offset)
 * binds differently: such a cursor is refused, never applied to a different
 * result set.
 *
 * REST and GraphQL: the list services bind on the query class both share, so
 * a next_cursor from GET /v1/services works in `services(...)` with the same
 * arguments and vice versa; every list is bound to its own name.
 *
 * The secret is read once at start-up (cursor-secret.loader.ts): CURSOR_SECRET,
 * else the random one the database holds, so every instance accepts every
 * other's cursors. Changing it invalidates every cursor issued before.
 */
export type CursorKey = (string | number)[];

/** Canonical text of a list name and normalized query (see above); build with cursorBinding. */
export type CursorBinding = string & { readonly __cursorBinding: unique symbol };

/** Page size is not part of the result set: it may change from page to page. */
const UNBOUND = new Set(['limit', 'cursor', 'since']);
const VERSION = 2;
const TAG_BYTES = 16;

let secret: Buffer | null = null;

/** Set once at start-up by the cursor secret loader; tests that forge cursors use the same secret. */
export function useCursorSecret(value: string): void {
  secret = Buffer.from(value, 'utf8');
}

function key(): Buffer {
  if (!secret) throw new Error('The cursor secret has not been loaded (CursorSecretLoader runs at start-up).');
  return secret;
}

function normalized(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.length === 1 ? normalized(value[0]) : value.map(normalized);
  return value;
}

export function cursorBinding(list: string, query: object): CursorBinding {
  const entries = Object.entries(query as Record<string, unknown>)
    .filter(([name, value]) => !UNBOUND.has(name) && value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => [name, normalized(value)]);
  return JSON.stringify([list, entries]) as CursorBinding;
}

function tag(binding: CursorBinding, payload: Buffer): Buffer {
  return createHmac('sha256', key()).update(`${binding}\n`).update(payload).digest().subarray(0, TAG_BYTES);
}

export function encodeCursor(sortKey: CursorKey, binding: CursorBinding): string {
  const payload = Buffer.from(JSON.stringify({ v: VERSION, k: sortKey }));
  return Buffer.concat([tag(binding, payload), payload]).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What each element of a cursor key must be. A cursor whose tag checks out
 * was issued by us, so these only matter if the secret leaked; every shape is
 * still checked, so even then a forged cursor is a 400 and never reaches SQL
 * as something PostgreSQL refuses (a fraction where a bigint is compared, NUL
 * in a name, ...):
 * - 'seq': a feed or audit position, an integer in 0..2^53-1 (bigserial
 *   values stay far below; beyond the safe range JSON loses precision);
 * - 'distance': metres, finite and not negative;
 * - 'string': a sort name PostgreSQL can store, at most as long as a name;
 * - 'uuid'.
 */
export type CursorPart = 'string' | 'seq' | 'distance' | 'uuid';

function matches(value: unknown, part: CursorPart): boolean {
  switch (part) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'seq':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    case 'distance':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 40_075_017; // Earth's circumference
    case 'string':
      return typeof value === 'string' && value.length <= 1000 && unstorableTextReason(value) === undefined;
  }
}

export function decodeCursor(cursor: string, shape: CursorPart[], binding: CursorBinding, param = 'cursor'): CursorKey {
  return decodeCursorOfShapes(cursor, [shape], binding, param);
}

/** For a cursor with several forms (the change feed's): the key matches one of `shapes`, told apart by length. */
export function decodeCursorOfShapes(cursor: string, shapes: CursorPart[][], binding: CursorBinding, param = 'cursor'): CursorKey {
  const invalid = () =>
    new DomainError(ErrorCode.InvalidCursor, `${param} is not a cursor this endpoint issued for this query.`, [
      { name: param, reason: `must be a value this endpoint returned for the same query (only limit may change)` },
    ]);
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw invalid();
  const bytes = Buffer.from(cursor, 'base64url');
  // canonical encoding only: otherwise the unused low bits of the last character could change unnoticed
  if (bytes.length <= TAG_BYTES || bytes.toString('base64url') !== cursor) throw invalid();
  const payload = bytes.subarray(TAG_BYTES);
  if (!timingSafeEqual(bytes.subarray(0, TAG_BYTES), tag(binding, payload))) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  if (Object.keys(parsed).some((name) => name !== 'v' && name !== 'k')) throw invalid();
  const { v, k: sortKey } = parsed as { v?: unknown; k?: unknown };
  if (v !== VERSION || !Array.isArray(sortKey)) throw invalid();
  const shape = shapes.find((s) => s.length === sortKey.length);
  if (!shape) throw invalid();
  sortKey.forEach((value, i) => {
    if (!matches(value, shape[i])) throw invalid();
  });
  return sortKey as CursorKey;
}
