import { DomainError, ErrorCode } from '../errors/domain-error';
import { unstorableTextReason } from '../validation/storable-text';

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. The
 * version field lets a future sort order reject old cursors cleanly.
 */
export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What each element of a cursor key must be. Every shape is checked here, so
 * a tampered cursor is a 400 and never reaches SQL as something PostgreSQL
 * refuses (a fraction where a bigint is compared, NUL in a name, ...):
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

export function decodeCursor(cursor: string, shape: CursorPart[], param = 'cursor'): CursorKey {
  const invalid = () =>
    new DomainError(ErrorCode.InvalidCursor, `${param} is not a cursor this endpoint issued.`, [
      { name: param, reason: 'must be a next_cursor value returned by this endpoint' },
    ]);
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  if (Object.keys(parsed).some((name) => name !== 'v' && name !== 'k')) throw invalid();
  const { v, k: key } = parsed as { v?: unknown; k?: unknown };
  if (v !== 1 || !Array.isArray(key) || key.length !== shape.length) throw invalid();
  key.forEach((value, i) => {
    if (!matches(value, shape[i])) throw invalid();
  });
  return key as CursorKey;
}
