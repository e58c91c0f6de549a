import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeysetRequest } from '../../common/pagination/keyset';

export interface ServiceAtLocationRow {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
}

const COLUMNS = `sal.id, sal.service_id, sal.location_id, sal.description`;

@Injectable()
export class ServiceAtLocationsRepository {
  constructor(private readonly db: DataSource) {}

  async findPage(
    request: KeysetRequest,
    filter: { serviceId: string | null; locationId: string | null },
  ): Promise<{ rows: ServiceAtLocationRow[]; total: number }> {
    const where = `($1::uuid IS NULL OR sal.service_id = $1) AND ($2::uuid IS NULL OR sal.location_id = $2)`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} FROM service_at_location sal
          WHERE ${where} AND ($3::uuid IS NULL OR sal.id > $3::uuid)
          ORDER BY sal.id
          LIMIT $4`,
        [filter.serviceId, filter.locationId, request.after?.[0] ?? null, request.limit + 1],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM service_at_location sal WHERE ${where}`, [
        filter.serviceId,
        filter.locationId,
      ]),
    ]);
    return { rows, total };
  }

  findByIds(ids: readonly string[]): Promise<ServiceAtLocationRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM service_at_location sal WHERE sal.id = ANY($1::uuid[])`, [ids]);
  }

  /** Links for a set of services or locations (for GraphQL Service.locations / Location.services). */
  findLinks(by: 'service_id' | 'location_id', ids: readonly string[]): Promise<ServiceAtLocationRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM service_at_location sal WHERE sal.${by} = ANY($1::uuid[]) ORDER BY sal.id`,
      [ids],
    );
  }
}
