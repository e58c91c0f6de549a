import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedEntity, SNAPSHOT_ENTITIES } from './feed-position';
import { AuditEntry, Change } from './sync.models';

export interface LiveRecord {
  entity: FeedEntity;
  entityIndex: number;
  id: string;
  /** When it last changed. */
  at: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

@Injectable()
export class SyncRepository {
  constructor(private readonly db: DataSource) {}

  async changesAfter(seq: number, limit: number): Promise<Change[]> {
    const rows = await this.db.query<(Omit<Change, 'seq'> & { seq: string })[]>(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', ${ISO}) AS at, entity, entity_id, op
         FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit],
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /** The log position now: every change committed later has a greater seq. */
  async feedHead(): Promise<number> {
    const [{ seq }] = await this.db.query<{ seq: string }[]>(`SELECT COALESCE(max(seq), 0)::bigint AS seq FROM change_log`);
    return Number(seq);
  }

  /**
   * Up to `limit` live records after (entity, afterId) in (entity, id) order,
   * across the record tables; one keyset query per table on its primary key.
   */
  async liveRecordsAfter(entity: number, afterId: string | null, limit: number): Promise<LiveRecord[]> {
    const records: LiveRecord[] = [];
    for (let e = entity; e < SNAPSHOT_ENTITIES.length && records.length < limit; e++) {
      const table = SNAPSHOT_ENTITIES[e];
      const rows: { id: string; at: string }[] = await this.db.query(
        `SELECT id, to_char(last_modified AT TIME ZONE 'UTC', ${ISO}) AS at FROM ${table}
          WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
        [e === entity ? afterId : null, limit - records.length],
      );
      records.push(...rows.map((r) => ({ entity: table, entityIndex: e, id: r.id, at: r.at })));
    }
    return records;
  }

  async auditAfter(id: number, limit: number, filter: { entity: string | null; entityId: string | null }): Promise<AuditEntry[]> {
    const rows = await this.db.query<(Omit<AuditEntry, 'id'> & { id: string })[]>(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', ${ISO}) AS at, api_key_id, actor, action, entity, entity_id, import_id, before, after
         FROM audit_log
        WHERE id > $1 AND ($2::text IS NULL OR entity = $2) AND ($3::uuid IS NULL OR entity_id = $3)
        ORDER BY id LIMIT $4`,
      [id, filter.entity, filter.entityId, limit],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
}
