import { Injectable } from '@nestjs/common';
import { decodeFeedPosition, encodeFeedPosition, FeedPosition, IssuedPosition, snapshotStart } from './feed-position';
import { Change, ChangePage } from './sync.models';
import { SyncRepository } from './sync.repository';

/**
 * GET /v1/changes: from a `since`, the log after it; without one, every live
 * record first (the snapshot, each as a `create` at the log position the
 * reader started from), then the log from that position. One page may end
 * the snapshot and begin the log.
 */
@Injectable()
export class ChangeFeed {
  constructor(private readonly sync: SyncRepository) {}

  async page(since: string | undefined, limit: number): Promise<ChangePage> {
    const position: FeedPosition = since === undefined ? snapshotStart(await this.sync.feedHead()) : decodeFeedPosition(since);
    // one row past the page tells whether more are waiting
    const rows: { change: Change; next: IssuedPosition }[] = [];
    let logAfter: number;
    if (position.kind === 'snapshot') {
      const { head } = position;
      const records = await this.sync.liveRecordsAfter(position.entity, position.afterId, limit + 1);
      // all the rest of the snapshot is in this page: past its last record, the reader is in the log at head
      const ended = records.length <= limit;
      for (const record of records) {
        rows.push({
          change: { seq: head, at: record.at, entity: record.entity, entity_id: record.id, op: 'create' },
          next: ended ? { kind: 'log', seq: head } : { kind: 'snapshot', head, entity: record.entityIndex, afterId: record.id },
        });
      }
      logAfter = head;
    } else {
      logAfter = position.seq;
    }
    if (rows.length <= limit) {
      for (const change of await this.sync.changesAfter(logAfter, limit + 1 - rows.length)) {
        rows.push({ change, next: { kind: 'log', seq: change.seq } });
      }
    }
    const page = rows.slice(0, limit);
    // nothing served: a snapshot with no live record left goes on in the log; a log position stays
    const next: IssuedPosition = page.length ? page[page.length - 1].next : { kind: 'log', seq: logAfter };
    return { data: page.map((r) => r.change), next_since: encodeFeedPosition(next), has_more: rows.length > limit };
  }
}
