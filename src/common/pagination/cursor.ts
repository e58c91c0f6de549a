import { DomainError, ErrorCode } from '../errors/domain-error';

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key. The
 * version field lets a future sort order reject old cursors cleanly.
 */
export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What each element of a cursor key must be; 'uuid' is checked before it reaches SQL. */
export type CursorPart = 'string' | 'number' | 'uuid';

function matches(value: unknown, part: CursorPart): boolean {
  if (part === 'uuid') return typeof value === 'string' && UUID.test(value);
  if (part === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof value === 'string' && value.length <= 1000;
}

export function decodeCursor(cursor: string, shape: CursorPart[], param = 'cursor'): CursorKey {
  const invalid = () =>
    new DomainError(ErrorCode.InvalidCursor, `${param} is not a cursor this endpoint issued.`, [
      { name: param, reason: 'must be a next_cursor value returned by this endpoint' },
    ]);
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const key = (parsed as { v?: unknown; k?: unknown })?.k;
  if ((parsed as { v?: unknown })?.v !== 1 || !Array.isArray(key) || key.length !== shape.length) throw invalid();
  key.forEach((value, i) => {
    if (!matches(value, shape[i])) throw invalid();
  });
  return key as CursorKey;
}
