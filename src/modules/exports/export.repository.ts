import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';

export type ExportTable = 'organization' | 'service' | 'location' | 'service_at_location';

@Injectable()
export class ExportRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  /** The next batch of live ids after `after`, in id order (keyset: flat memory, no long transaction). */
  async idsAfter(table: ExportTable, after: string | null, limit: number, modifiedAfter: string | null): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM ${table}
        WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR id > $1) AND ($2::timestamptz IS NULL OR last_modified > $2)
        ORDER BY id LIMIT $3`,
      [after, modifiedAfter, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The data source (data_source row) of each of these records that has one, by record id. */
  async sourcesOf(table: ExportTable, ids: string[]): Promise<Map<string, { id: string; name: string; licence: string; attribution: string }>> {
    if (ids.length === 0) return new Map();
    const rows: { record_id: string; id: string; name: string; licence: string; attribution: string }[] = await this.db.query(
      `SELECT r.id AS record_id, ds.id, ds.name, ds.licence, ds.attribution
         FROM ${table} r JOIN data_source ds ON ds.id = r.source_id WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map(({ record_id, ...source }) => [record_id, source]));
  }

  /** The change feed's position now, so a partner can export, then follow the feed from here. */
  async feedHead(): Promise<number> {
    const [{ seq }] = await this.db.query<{ seq: string }[]>(`SELECT COALESCE(max(seq), 0)::bigint AS seq FROM change_log`);
    return Number(seq);
  }
}
