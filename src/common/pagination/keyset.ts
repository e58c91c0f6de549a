import { CursorBinding, cursorBinding, CursorKey, CursorPart, decodeCursor, encodeCursor } from './cursor';
import { DEFAULT_PAGE_SIZE, PageInfo, PageQuery } from './page';

/**
 * Keyset pagination (by name then id for named records): pages never repeat
 * or skip a row, even while records are added, and deep pages cost the same
 * as the first.
 */
export interface KeysetRequest {
  limit: number;
  /** Sort key of the last row of the previous page, e.g. [name, id]. */
  after: CursorKey | null;
  /** The list and query the cursors of these pages are bound to. */
  binding: CursorBinding;
}

type KeyShape = CursorPart[];
const NAME_ID: KeyShape = ['string', 'uuid'];

/** `list` names the list for cursor binding; REST and GraphQL share it (same service, same query class). */
export function keysetRequest(list: string, query: PageQuery, shape: KeyShape = NAME_ID): KeysetRequest {
  const binding = cursorBinding(list, query);
  return {
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    after: query.cursor ? decodeCursor(query.cursor, shape, binding) : null,
    binding,
  };
}

/** Trims the one extra row fetched to know whether a next page exists. */
export function keysetPageInfo<T>(
  rows: T[],
  request: KeysetRequest,
  total: number,
  keyOf: (row: T) => CursorKey = (row) => [(row as { name: string }).name, (row as { id: string }).id],
): { data: T[]; page: PageInfo } {
  const data = rows.slice(0, request.limit);
  const last = data[data.length - 1];
  const next_cursor = rows.length > request.limit && last ? encodeCursor(keyOf(last), request.binding) : null;
  return { data, page: { limit: request.limit, next_cursor, total } };
}
