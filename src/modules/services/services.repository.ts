import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeysetRequest } from '../../common/pagination/keyset';

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
}

const COLUMNS = `s.id, s.organization_id, s.name, s.description, s.url, s.email, s.status,
  s.eligibility_description, s.fees_description, s.alert, s.assured_date::text AS assured_date,
  to_char(s.last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_modified`;

@Injectable()
export class ServicesRepository {
  constructor(private readonly db: DataSource) {}

  async findPage(
    request: KeysetRequest,
    organizationId: string | null,
  ): Promise<{ rows: ServiceRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} FROM service s
          WHERE ($1::uuid IS NULL OR s.organization_id = $1)
            AND ($2::text IS NULL OR (s.name, s.id) > ($2::text, $3::uuid))
          ORDER BY s.name, s.id
          LIMIT $4`,
        [organizationId, request.after?.[0] ?? null, request.after?.[1] ?? null, request.limit + 1],
      ),
      this.db.query(
        `SELECT count(*)::int AS total FROM service s WHERE ($1::uuid IS NULL OR s.organization_id = $1)`,
        [organizationId],
      ),
    ]);
    return { rows, total };
  }

  findByIds(ids: readonly string[]): Promise<ServiceRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM service s WHERE s.id = ANY($1::uuid[])`, [ids]);
  }

  findByOrganizationIds(organizationIds: readonly string[]): Promise<ServiceRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM service s WHERE s.organization_id = ANY($1::uuid[]) ORDER BY s.name, s.id`,
      [organizationIds],
    );
  }
}
