import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeysetRequest } from '../../common/pagination/keyset';

export interface OrganizationRow {
  id: string;
  name: string;
  description: string;
  website: string | null;
  email: string | null;
  last_modified: string;
}

const COLUMNS = `o.id, o.name, o.description, o.website, o.email,
  to_char(o.last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_modified`;

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: DataSource) {}

  async findPage(request: KeysetRequest): Promise<{ rows: OrganizationRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} FROM organization o
          WHERE ($1::text IS NULL OR (o.name, o.id) > ($1::text, $2::uuid))
          ORDER BY o.name, o.id
          LIMIT $3`,
        [request.after?.[0] ?? null, request.after?.[1] ?? null, request.limit + 1],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM organization`),
    ]);
    return { rows, total };
  }

  findByIds(ids: readonly string[]): Promise<OrganizationRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM organization o WHERE o.id = ANY($1::uuid[])`, [ids]);
  }
}
