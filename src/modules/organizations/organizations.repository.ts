import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { KeysetRequest } from '../../common/pagination/keyset';
import { SourceAttribution } from '../records/record-details.model';
import { SOURCE_COLUMN } from '../records/source-column';

export interface OrganizationRow {
  id: string;
  name: string;
  description: string;
  website: string | null;
  email: string | null;
  last_modified: string;
  version: number;
  source: SourceAttribution | null;
}

/** The SELECT list of a record (alias of its table and `ds` for its data_source); also its search document. */
export const ORGANIZATION_COLUMNS = `o.id, o.name, o.description, o.website, o.email, o.version,
  to_char(o.last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_modified,
  ${SOURCE_COLUMN}`;
const FROM = `organization o LEFT JOIN data_source ds ON ds.id = o.source_id`;

@Injectable()
export class OrganizationsRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  async findPage(request: KeysetRequest, modifiedAfter: string | null): Promise<{ rows: OrganizationRow[]; total: number }> {
    const where = `o.deleted_at IS NULL AND ($1::timestamptz IS NULL OR o.last_modified > $1)`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<OrganizationRow[]>(
        `SELECT ${ORGANIZATION_COLUMNS} FROM ${FROM}
          WHERE ${where} AND ($2::text IS NULL OR (o.name, o.id) > ($2::text, $3::uuid))
          ORDER BY o.name, o.id
          LIMIT $4`,
        [modifiedAfter, request.after?.[0] ?? null, request.after?.[1] ?? null, request.limit + 1],
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM organization o WHERE ${where}`, [modifiedAfter]),
    ]);
    return { rows, total };
  }

  findByIds(ids: readonly string[]): Promise<OrganizationRow[]> {
    return this.db.query(`SELECT ${ORGANIZATION_COLUMNS} FROM ${FROM} WHERE o.id = ANY($1::uuid[]) AND o.deleted_at IS NULL`, [ids]);
  }
}
