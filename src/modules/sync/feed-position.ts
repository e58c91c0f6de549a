/*
 * Where a reader of GET /v1/changes stands. `since` carries one of two forms
 * (both opaque cursors to the client):
 *
 * - in the log: [seq], every change_log row after seq comes next;
 * - in the snapshot: [head, entity, id], a reader who started without
 *   `since` is still being given the live records as they are now, in
 *   (entity, id) order, after which the log continues from head, the log
 *   position when that reader started.
 *
 * Why a snapshot and not the log from 0: records loaded outside the write
 * path (the demo data, a database restored or filled by SQL) have no log
 * rows, and the full history of a long-lived directory is mostly churn.
 * Why it is complete: every change committed after `head` is in the log
 * after `head` (writers hold a lock, so seq order is commit order), so a
 * record created, changed or deleted while the snapshot is being paged is
 * delivered by the log part even where the snapshot missed or already
 * passed it.
 */
import { cursorBinding, decodeCursorOfShapes, encodeCursor } from '../../common/pagination/cursor';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { RECORD_KINDS } from '../../common/vocabularies';

/** Parents first, so a reader filling a database with foreign keys can insert in feed order. */
/** The snapshot walks the record kinds in this order; a position's entity is an index into it. */
export const SNAPSHOT_ENTITIES = RECORD_KINDS;
export type FeedEntity = (typeof SNAPSHOT_ENTITIES)[number];

export type FeedPosition = { kind: 'log'; seq: number } | { kind: 'snapshot'; head: number; entity: number; afterId: string | null };

export const snapshotStart = (head: number): FeedPosition => ({ kind: 'snapshot', head, entity: 0, afterId: null });

/** A snapshot position is only handed out after a record of it, so it always names one. */
export type IssuedPosition = { kind: 'log'; seq: number } | { kind: 'snapshot'; head: number; entity: number; afterId: string };

/** GET /v1/changes takes nothing but `since` and `limit`, so its positions are bound to the feed alone. */
const FEED = cursorBinding('changes', {});

export function encodeFeedPosition(position: IssuedPosition): string {
  return position.kind === 'log' ? encodeCursor([position.seq], FEED) : encodeCursor([position.head, position.entity, position.afterId], FEED);
}

export function decodeFeedPosition(since: string): FeedPosition {
  const key = decodeCursorOfShapes(since, [['seq'], ['seq', 'seq', 'uuid']], FEED, 'since');
  if (key.length === 1) return { kind: 'log', seq: key[0] as number };
  const [head, entity, afterId] = key as [number, number, string];
  if (entity >= SNAPSHOT_ENTITIES.length) throw notIssued();
  return { kind: 'snapshot', head, entity, afterId };
}

const notIssued = () =>
  new DomainError(ErrorCode.InvalidCursor, 'since is not a cursor this endpoint issued.', [
    { name: 'since', reason: 'must be a next_since value returned by this endpoint' },
  ]);
