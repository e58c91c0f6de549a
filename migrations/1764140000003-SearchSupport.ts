import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What location search needs:
 * - public_point: the point the public may see. For a hidden-address site it
 *   is snapped to a 0.02° grid (~2 km), and search filters, orders and
 *   measures by it too, so repeated searches with small radii cannot
 *   triangulate the true site. (A generated column cannot read another one,
 *   so it is computed from latitude/longitude.)
 * - pg_trgm, for keyword search that tolerates small typos (trusted since
 *   PostgreSQL 13: the database owner may create it).
 */
export class SearchSupport1764140000003 implements MigrationInterface {
  name = 'SearchSupport1764140000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      ALTER TABLE location ADD COLUMN public_point geography(Point, 4326) GENERATED ALWAYS AS (
        CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL
             WHEN address_visibility = 'approximate'
               THEN ST_SetSRID(ST_MakePoint(round(longitude / 0.02) * 0.02, round(latitude / 0.02) * 0.02), 4326)::geography
             ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END
      ) STORED`);
    await q.query(`CREATE INDEX location_public_point_gist ON location USING gist (public_point)`);
    // map viewports filter on a lat/lng box, which is planar in degrees
    await q.query(`CREATE INDEX location_public_point_geom_gist ON location USING gist ((public_point::geometry))`);
    await q.query(`CREATE INDEX service_assured_date_idx ON service (assured_date)`);

    // Opening hours, evaluated in the schedule's own time zone. An interval
    // whose closes_at is not after opens_at runs past midnight into the next day.
    await q.query(`
      CREATE FUNCTION iso_day_code(d date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT (ARRAY['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])[extract(isodow FROM d)::int]
      $$`);
    await q.query(`
      CREATE FUNCTION schedule_is_open(
        byday text[], opens_at time, closes_at time, tz text, valid_from date, valid_to date, at timestamptz
      ) RETURNS boolean LANGUAGE sql STABLE AS $$
        WITH local AS (SELECT (at AT TIME ZONE tz) AS ts)
        SELECT CASE
          WHEN closes_at > opens_at THEN
            iso_day_code(ts::date) = ANY(byday) AND ts::time >= opens_at AND ts::time < closes_at
            AND (valid_from IS NULL OR ts::date >= valid_from) AND (valid_to IS NULL OR ts::date <= valid_to)
          ELSE
            (iso_day_code(ts::date) = ANY(byday) AND ts::time >= opens_at
              AND (valid_from IS NULL OR ts::date >= valid_from) AND (valid_to IS NULL OR ts::date <= valid_to))
            OR (iso_day_code(ts::date - 1) = ANY(byday) AND ts::time < closes_at
              AND (valid_from IS NULL OR ts::date - 1 >= valid_from) AND (valid_to IS NULL OR ts::date - 1 <= valid_to))
          END
        FROM local
      $$`);
    await q.query(`
      CREATE FUNCTION schedule_next_opening(
        byday text[], opens_at time, tz text, valid_from date, valid_to date, after timestamptz
      ) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT min(((day + opens_at) AT TIME ZONE tz))
          FROM generate_series(0, 7) AS g(n),
               LATERAL (SELECT (after AT TIME ZONE tz)::date + g.n AS day) d
         WHERE iso_day_code(day) = ANY(byday)
           AND (valid_from IS NULL OR day >= valid_from) AND (valid_to IS NULL OR day <= valid_to)
           AND (day + opens_at) AT TIME ZONE tz > after
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS schedule_next_opening(text[], time, text, date, date, timestamptz)`);
    await q.query(`DROP FUNCTION IF EXISTS schedule_is_open(text[], time, time, text, date, date, timestamptz)`);
    await q.query(`DROP FUNCTION IF EXISTS iso_day_code(date)`);
    await q.query(`DROP INDEX IF EXISTS service_assured_date_idx`);
    await q.query(`DROP INDEX IF EXISTS location_public_point_geom_gist`);
    await q.query(`ALTER TABLE location DROP COLUMN IF EXISTS public_point`);
  }
}
