import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * search_projection: one row per searchable service-at-location (the link, its service active, none of
 * link, service, location or organization deleted) holding everything a search filters, orders or
 * measures by, so that a search reads one table instead of joining seven per candidate:
 *
 * - the public point (hidden-address sites already coarsened), the service area and its size, the
 *   location type and address visibility, the service's assured date;
 * - `tags`, one array of every filter code the link answers to, matched with `&&` (GIN): service-branch
 *   terms of the service; access, transport and population terms of the service or the location;
 *   practice terms of the organization and the principles those practices enact; `lang:<code>` for the
 *   languages of the service or the location. Codes as attached (a query expands its codes to their
 *   descendants), so a taxonomy change that only adds terms changes no row;
 * - `search_text`, the lower-cased text `q` is matched against.
 *
 * It is kept exactly current in the writer's own transaction by statement-level triggers (with transition
 * tables, so an import's multi-row statement refreshes each affected link once) on every table a row is
 * made of; `search_projection_rebuild()` recomputes it from scratch (disaster recovery, bulk loads that
 * bypassed triggers, and the test that the maintained table equals a rebuild).
 */
export class SearchProjection1764140000009 implements MigrationInterface {
  name = 'SearchProjection1764140000009';

  async up(q: QueryRunner): Promise<void> {
    // a rebuild at a million locations takes minutes: no session statement_timeout (DB_SESSION_SETTINGS=role puts one on the role) may cut it
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(`
      CREATE TABLE search_projection (
        id uuid PRIMARY KEY,
        service_id uuid NOT NULL,
        location_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        location_type text NOT NULL,
        address_visibility text NOT NULL,
        public_point geography(Point, 4326),
        service_area geography(MultiPolygon, 4326),
        service_area_m2 float8,
        assured_date date,
        tags text[] NOT NULL,
        search_text text NOT NULL
      )`);
    await q.query(`CREATE INDEX search_projection_point_gist ON search_projection USING gist (public_point)`);
    await q.query(`CREATE INDEX search_projection_point_geom_gist ON search_projection USING gist ((public_point::geometry))`);
    await q.query(`CREATE INDEX search_projection_area_gist ON search_projection USING gist (service_area) WHERE service_area IS NOT NULL`);
    await q.query(`CREATE INDEX search_projection_tags_gin ON search_projection USING gin (tags)`);
    await q.query(`CREATE INDEX search_projection_location_idx ON search_projection (location_id)`);

    // The one definition of a projection row; refresh and rebuild both select from it.
    await q.query(`
      CREATE VIEW search_projection_source AS
      SELECT sal.id, sal.service_id, sal.location_id, s.organization_id, l.location_type, l.address_visibility,
             l.public_point, l.service_area, ST_Area(l.service_area) AS service_area_m2, s.assured_date,
             ARRAY(
               SELECT a.taxonomy_term_code FROM attribute a
                WHERE a.service_id = s.id
                  AND split_part(a.taxonomy_term_code, '.', 1) IN ('service', 'access', 'transport', 'population')
               UNION
               SELECT a.taxonomy_term_code FROM attribute a
                WHERE a.location_id = l.id AND split_part(a.taxonomy_term_code, '.', 1) IN ('access', 'transport', 'population')
               UNION
               SELECT a.taxonomy_term_code FROM attribute a
                WHERE a.organization_id = s.organization_id AND a.taxonomy_term_code LIKE 'practice.%'
               UNION
               SELECT pp.principle_code FROM attribute a JOIN practice_principle pp ON pp.practice_code = a.taxonomy_term_code
                WHERE a.organization_id = s.organization_id
               UNION
               -- two index lookups: an OR here is a scan of all languages per link (minutes at 1M)
               SELECT 'lang:' || lg.code FROM language lg WHERE lg.service_id = s.id
               UNION
               SELECT 'lang:' || lg.code FROM language lg WHERE lg.location_id = l.id
               ORDER BY 1
             ) AS tags,
             lower(concat_ws(' ', s.name, s.description, org.name, l.name, l.description)) AS search_text
        FROM service_at_location sal
        JOIN service s ON s.id = sal.service_id
        JOIN location l ON l.id = sal.location_id
        JOIN organization org ON org.id = s.organization_id
       WHERE sal.deleted_at IS NULL AND s.deleted_at IS NULL AND l.deleted_at IS NULL AND org.deleted_at IS NULL
         AND s.status = 'active'`);

    await q.query(`
      CREATE FUNCTION search_projection_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM search_projection WHERE id = ANY(ids);
        INSERT INTO search_projection SELECT * FROM search_projection_source WHERE id = ANY(ids);
      $$`);
    await q.query(`
      CREATE FUNCTION search_projection_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE n bigint;
      BEGIN
        LOCK TABLE search_projection IN EXCLUSIVE MODE;
        DELETE FROM search_projection;
        INSERT INTO search_projection SELECT * FROM search_projection_source;
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN n;
      END $$`);

    await q.query(`
      CREATE FUNCTION search_projection_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM search_projection_rebuild();
        RETURN NULL;
      END $$`);

    // Per table: which links a changed row feeds. One function each; `changed` is the union of the
    // statement's old and new rows (transition tables: only the ones the event has exist).
    const linksOf: Record<string, string> = {
      service_at_location: `SELECT c.id FROM changed c`,
      service: `SELECT sal.id FROM changed c JOIN service_at_location sal ON sal.service_id = c.id`,
      location: `SELECT sal.id FROM changed c JOIN service_at_location sal ON sal.location_id = c.id`,
      organization: `SELECT sal.id FROM changed c JOIN service s ON s.organization_id = c.id JOIN service_at_location sal ON sal.service_id = s.id`,
      attribute: `SELECT sal.id FROM changed c JOIN service_at_location sal ON sal.service_id = c.service_id
                  UNION SELECT sal.id FROM changed c JOIN service_at_location sal ON sal.location_id = c.location_id
                  UNION SELECT sal.id FROM changed c JOIN service s ON s.organization_id = c.organization_id
                                                     JOIN service_at_location sal ON sal.service_id = s.id`,
      language: `SELECT sal.id FROM changed c JOIN service_at_location sal ON sal.service_id = c.service_id
                 UNION SELECT sal.id FROM changed c JOIN service_at_location sal ON sal.location_id = c.location_id`,
      practice_principle: `SELECT sal.id FROM changed c JOIN attribute a ON a.taxonomy_term_code = c.practice_code AND a.organization_id IS NOT NULL
                           JOIN service s ON s.organization_id = a.organization_id JOIN service_at_location sal ON sal.service_id = s.id`,
    };
    for (const [table, links] of Object.entries(linksOf)) {
      const changed = (rows: string) => `WITH changed AS (SELECT * FROM ${rows}) SELECT array_agg(DISTINCT id) FROM (${links}) l`;
      await q.query(`
        CREATE FUNCTION search_projection_on_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids uuid[];
        BEGIN
          IF TG_OP = 'INSERT' THEN ${changed('new_rows')} INTO ids;
          ELSIF TG_OP = 'DELETE' THEN ${changed('old_rows')} INTO ids;
          ELSE ${changed('(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) both_rows')} INTO ids;
          END IF;
          IF ids IS NOT NULL THEN PERFORM search_projection_refresh(ids); END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER search_projection_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
                       FOR EACH STATEMENT EXECUTE FUNCTION search_projection_on_${table}()`);
      await q.query(`CREATE TRIGGER search_projection_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                       FOR EACH STATEMENT EXECUTE FUNCTION search_projection_on_${table}()`);
      await q.query(`CREATE TRIGGER search_projection_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
                       FOR EACH STATEMENT EXECUTE FUNCTION search_projection_on_${table}()`);
      // TRUNCATE names no rows: recompute everything (it is a bulk operation anyway)
      await q.query(`CREATE TRIGGER search_projection_truncate AFTER TRUNCATE ON ${table}
                       FOR EACH STATEMENT EXECUTE FUNCTION search_projection_on_truncate()`);
    }
    await q.query(`SELECT search_projection_rebuild()`);
    await q.query(`ANALYZE search_projection`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['service_at_location', 'service', 'location', 'organization', 'attribute', 'language', 'practice_principle']) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER IF EXISTS search_projection_${event} ON ${table}`);
      await q.query(`DROP FUNCTION IF EXISTS search_projection_on_${table}()`);
    }
    await q.query(`DROP FUNCTION IF EXISTS search_projection_on_truncate()`);
    await q.query(`DROP FUNCTION IF EXISTS search_projection_rebuild()`);
    await q.query(`DROP FUNCTION IF EXISTS search_projection_refresh(uuid[])`);
    await q.query(`DROP VIEW IF EXISTS search_projection_source`);
    await q.query(`DROP TABLE IF EXISTS search_projection`);
  }
}
