import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { KeysetRequest } from '../../common/pagination/keyset';
import { SourceAttribution } from '../records/record-details.model';
import { SOURCE_COLUMN } from '../records/source-column';

export interface ServiceRow {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  url: string | null;
  email: string | null;
  status: string;
  eligibility_description: string | null;
  fees_description: string | null;
  alert: string | null;
  assured_date: string | null;
  last_modified: string;
  version: number;
  source: SourceAttribution | null;
}

/** The SELECT list of a record (alias of its table and `ds` for its data_source); also its search document. */
export const SERVICE_COLUMNS = `s.id, s.organization_id, s.name, s.description, s.url, s.email, s.status,
  s.eligibility_description, s.fees_description, s.alert, s.assured_date::text AS assured_date, s.version,
  to_char(s.last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_modified,
  ${SOURCE_COLUMN}`;
const FROM = `service s LEFT JOIN data_source ds ON ds.id = s.source_id`;

@Injectable()
export class ServicesRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  async findPage(
    request: KeysetRequest,
    filter: { organizationId: string | null; modifiedAfter: string | null },
  ): Promise<{ rows: ServiceRow[]; total: number }> {
    const where = `s.deleted_at IS NULL AND ($1::uuid IS NULL OR s.organization_id = $1)
            AND ($2::timestamptz IS NULL OR s.last_modified > $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<ServiceRow[]>(
        `SELECT ${SERVICE_COLUMNS} FROM ${FROM}
          WHERE ${where} AND ($3::text IS NULL OR (s.name, s.id) > ($3::text, $4::uuid))
          ORDER BY s.name, s.id
          LIMIT $5`,
        [filter.organizationId, filter.modifiedAfter, request.after?.[0] ?? null, request.after?.[1] ?? null, request.limit + 1],
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM service s WHERE ${where}`, [filter.organizationId, filter.modifiedAfter]),
    ]);
    return { rows, total };
  }

  findByIds(ids: readonly string[]): Promise<ServiceRow[]> {
    return this.db.query(`SELECT ${SERVICE_COLUMNS} FROM ${FROM} WHERE s.id = ANY($1::uuid[]) AND s.deleted_at IS NULL`, [ids]);
  }

  findByOrganizationIds(organizationIds: readonly string[]): Promise<ServiceRow[]> {
    return this.db.query(
      `SELECT ${SERVICE_COLUMNS} FROM ${FROM}
        WHERE s.organization_id = ANY($1::uuid[]) AND s.deleted_at IS NULL ORDER BY s.name, s.id`,
      [organizationIds],
    );
  }
}
