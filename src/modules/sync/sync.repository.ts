import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry, Change } from './sync.models';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

@Injectable()
export class SyncRepository {
  constructor(private readonly db: DataSource) {}

  async changesAfter(seq: number, limit: number): Promise<Change[]> {
    const rows = await this.db.query(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', ${ISO}) AS at, entity, entity_id, op
         FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit],
    );
    return rows.map((r: Change & { seq: string }) => ({ ...r, seq: Number(r.seq) }));
  }

  async auditAfter(id: number, limit: number, filter: { entity: string | null; entityId: string | null }): Promise<AuditEntry[]> {
    const rows = await this.db.query(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', ${ISO}) AS at, api_key_id, actor, action, entity, entity_id, import_id, before, after
         FROM audit_log
        WHERE id > $1 AND ($2::text IS NULL OR entity = $2) AND ($3::uuid IS NULL OR entity_id = $3)
        ORDER BY id LIMIT $4`,
      [id, filter.entity, filter.entityId, limit],
    );
    return rows.map((r: AuditEntry & { id: string }) => ({ ...r, id: Number(r.id) }));
  }
}
