import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { KeysetRequest } from '../../common/pagination/keyset';

export interface ServiceAtLocationRow {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
  version: number;
  last_modified: string;
}

const COLUMNS = `sal.id, sal.service_id, sal.location_id, sal.description, sal.version,
  to_char(sal.last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_modified`;

@Injectable()
export class ServiceAtLocationsRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  async findPage(
    request: KeysetRequest,
    filter: { serviceId: string | null; locationId: string | null; modifiedAfter: string | null },
  ): Promise<{ rows: ServiceAtLocationRow[]; total: number }> {
    const where = `sal.deleted_at IS NULL AND ($1::uuid IS NULL OR sal.service_id = $1)
            AND ($2::uuid IS NULL OR sal.location_id = $2) AND ($3::timestamptz IS NULL OR sal.last_modified > $3)`;
    const filterParams = [filter.serviceId, filter.locationId, filter.modifiedAfter];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<ServiceAtLocationRow[]>(
        `SELECT ${COLUMNS} FROM service_at_location sal
          WHERE ${where} AND ($4::uuid IS NULL OR sal.id > $4::uuid)
          ORDER BY sal.id
          LIMIT $5`,
        [...filterParams, request.after?.[0] ?? null, request.limit + 1],
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM service_at_location sal WHERE ${where}`, filterParams),
    ]);
    return { rows, total };
  }

  findByIds(ids: readonly string[]): Promise<ServiceAtLocationRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM service_at_location sal WHERE sal.id = ANY($1::uuid[]) AND sal.deleted_at IS NULL`, [ids]);
  }

  /** Links for a set of services or locations (for GraphQL Service.locations / Location.services). */
  findLinks(by: 'service_id' | 'location_id', ids: readonly string[]): Promise<ServiceAtLocationRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM service_at_location sal
        WHERE sal.${by} = ANY($1::uuid[]) AND sal.deleted_at IS NULL ORDER BY sal.id`,
      [ids],
    );
  }
}
