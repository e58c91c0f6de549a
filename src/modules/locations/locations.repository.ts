import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { GeoJSONGeometry } from '../../common/geo/geojson.scalar';
import { KeysetRequest } from '../../common/pagination/keyset';
import { SourceAttribution } from '../records/record-details.model';
import { SOURCE_COLUMN } from '../records/source-column';

/** Worst-case distance from a snapped point to the true site, rounded up. */
export const APPROXIMATE_PRECISION_M = 1600;

export interface LocationRow {
  id: string;
  organization_id: string;
  location_type: string;
  name: string;
  description: string | null;
  geometry: GeoJSONGeometry | null;
  address_visibility: string;
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
  country: string;
  service_area: GeoJSONGeometry | null;
  service_area_description: string | null;
  accessibility: string | null;
  transportation: string | null;
  hours_description: string | null;
  coordinates_approximate: boolean;
  last_modified: string;
  version: number;
  source: SourceAttribution | null;
}

/**
 * The only SELECT list that reads locations. A hidden-address site never
 * leaves the database with its true point or street address: public_point is
 * snapped to a ~2 km grid (see the SearchSupport migration) and the street
 * lines are dropped here, so no endpoint can leak them by accident.
 */
export const PUBLIC_LOCATION_COLUMNS = `l.id, l.organization_id, l.location_type, l.name, l.description,
  ST_AsGeoJSON(l.public_point, 6)::json AS geometry,
  l.address_visibility,
  CASE WHEN l.address_visibility = 'approximate' THEN NULL ELSE l.address_1 END AS address_1,
  CASE WHEN l.address_visibility = 'approximate' THEN NULL ELSE l.address_2 END AS address_2,
  l.city, l.state_province, l.postal_code, l.country,
  ST_AsGeoJSON(l.service_area, 5)::json AS service_area, l.service_area_description,
  l.accessibility, l.transportation, l.hours_description, l.coordinates_approximate, l.version,
  to_char(l.last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_modified,
  ${SOURCE_COLUMN}`;
const FROM = `location l LEFT JOIN data_source ds ON ds.id = l.source_id`;

@Injectable()
export class LocationsRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  async findPage(
    request: KeysetRequest,
    filter: { organizationId: string | null; locationType: string | null; modifiedAfter: string | null },
  ): Promise<{ rows: LocationRow[]; total: number }> {
    const where = `l.deleted_at IS NULL AND ($1::uuid IS NULL OR l.organization_id = $1)
            AND ($2::text IS NULL OR l.location_type = $2) AND ($3::timestamptz IS NULL OR l.last_modified > $3)`;
    const filterParams = [filter.organizationId, filter.locationType, filter.modifiedAfter];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query<LocationRow[]>(
        `SELECT ${PUBLIC_LOCATION_COLUMNS} FROM ${FROM}
          WHERE ${where} AND ($4::text IS NULL OR (l.name, l.id) > ($4::text, $5::uuid))
          ORDER BY l.name, l.id
          LIMIT $6`,
        [...filterParams, request.after?.[0] ?? null, request.after?.[1] ?? null, request.limit + 1],
      ),
      this.db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM location l WHERE ${where}`, filterParams),
    ]);
    return { rows, total };
  }

  findByIds(ids: readonly string[]): Promise<LocationRow[]> {
    return this.db.query(`SELECT ${PUBLIC_LOCATION_COLUMNS} FROM ${FROM} WHERE l.id = ANY($1::uuid[]) AND l.deleted_at IS NULL`, [ids]);
  }

  findByOrganizationIds(organizationIds: readonly string[]): Promise<LocationRow[]> {
    return this.db.query(
      `SELECT ${PUBLIC_LOCATION_COLUMNS} FROM ${FROM}
        WHERE l.organization_id = ANY($1::uuid[]) AND l.deleted_at IS NULL ORDER BY l.name, l.id`,
      [organizationIds],
    );
  }
}
