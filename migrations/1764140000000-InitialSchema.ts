import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's core schema, named after Open Referral HSDS 3.0 so that
 * HSDS import/export is a column mapping, not a rewrite.
 *
 * Rules that must always hold live here as constraints (not only in DTOs):
 * coordinate ranges, required fields, closed vocabularies, valid time zones,
 * ISO 639 language codes (via FK to iso_language) and taxonomy codes (via FK).
 */
export class InitialSchema1764140000000 implements MigrationInterface {
  name = 'InitialSchema1764140000000';

  async up(q: QueryRunner): Promise<void> {
    // CREATE EXTENSION postgis needs a superuser once on a real server.
    await q.query(`CREATE EXTENSION IF NOT EXISTS postgis`);

    // AT TIME ZONE also accepts abbreviations and POSIX offsets ('EST', 'UTC+5');
    // the pattern keeps the column to IANA Area/Location names (plus 'UTC').
    await q.query(`
      CREATE FUNCTION is_valid_time_zone(tz text) RETURNS boolean
      LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        IF tz IS NULL OR NOT (tz = 'UTC' OR tz ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)+$') THEN
          RETURN false;
        END IF;
        PERFORM now() AT TIME ZONE tz;
        RETURN true;
      EXCEPTION WHEN others THEN
        RETURN false;
      END $$`);

    await q.query(`
      CREATE TABLE iso_language (
        code text PRIMARY KEY CHECK (code ~ '^[a-z]{2,3}$'),
        name text NOT NULL CHECK (btrim(name) <> ''),
        -- FindTreatment.gov locator code (e.g. SP for Spanish), used by importers
        findtreatment_code text UNIQUE
      )`);

    await q.query(`
      CREATE TABLE taxonomy_term (
        code text PRIMARY KEY CHECK (code ~ '^[a-z]+(\\.[a-z0-9-]+)*$'),
        branch text NOT NULL
          CHECK (branch IN ('principle', 'service', 'access', 'transport', 'population', 'practice')),
        parent_code text REFERENCES taxonomy_term (code),
        name text NOT NULL CHECK (btrim(name) <> ''),
        description text NOT NULL,
        sort_order integer NOT NULL DEFAULT 0,
        CHECK (split_part(code, '.', 1) = branch),
        CHECK ((parent_code IS NULL) = (code = branch)),
        CHECK (parent_code IS NULL OR code LIKE parent_code || '.%')
      )`);
    await q.query(`CREATE INDEX taxonomy_term_parent_idx ON taxonomy_term (parent_code)`);

    await q.query(`
      CREATE TABLE taxonomy_crosswalk (
        term_code text NOT NULL REFERENCES taxonomy_term (code) ON DELETE CASCADE,
        system text NOT NULL CHECK (system IN ('findtreatment', 'hl7-service-type')),
        code text NOT NULL CHECK (btrim(code) <> ''),
        PRIMARY KEY (term_code, system, code)
      )`);

    // A practice is evidence for the principles it enacts.
    await q.query(`
      CREATE TABLE practice_principle (
        practice_code text NOT NULL REFERENCES taxonomy_term (code) ON DELETE CASCADE,
        principle_code text NOT NULL REFERENCES taxonomy_term (code) ON DELETE CASCADE,
        PRIMARY KEY (practice_code, principle_code),
        CHECK (practice_code LIKE 'practice.%' AND principle_code LIKE 'principle.%')
      )`);

    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        description text NOT NULL,
        website text CHECK (website ~* '^https?://'),
        email text CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_modified timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE service (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (btrim(name) <> ''),
        description text NOT NULL DEFAULT '',
        url text CHECK (url ~* '^https?://'),
        email text CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
        status text NOT NULL DEFAULT 'active'
          CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
        eligibility_description text,
        fees_description text,
        alert text,
        -- the date a person last verified this listing (HSDS assured_date)
        assured_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_modified timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX service_organization_idx ON service (organization_id)`);

    // point is derived from latitude/longitude so the two can never disagree;
    // geography gives geodesic distances on the WGS84 ellipsoid.
    await q.query(`
      CREATE TABLE location (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        location_type text NOT NULL CHECK (location_type IN ('physical', 'mobile', 'virtual')),
        name text NOT NULL CHECK (btrim(name) <> ''),
        description text,
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        point geography(Point, 4326) GENERATED ALWAYS AS (
          CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL
               ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END
        ) STORED,
        -- where a mobile or by-mail program reaches people
        service_area geography(MultiPolygon, 4326),
        service_area_description text,
        address_1 text,
        address_2 text,
        city text,
        state_province text,
        postal_code text,
        country text NOT NULL DEFAULT 'US' CHECK (country ~ '^[A-Z]{2}$'),
        -- 'approximate': the exact address must not be published (e.g. for the
        -- legal safety of a syringe program); reads show only an approximate area.
        address_visibility text NOT NULL DEFAULT 'public'
          CHECK (address_visibility IN ('public', 'approximate')),
        accessibility text,
        transportation text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_modified timestamptz NOT NULL DEFAULT now(),
        CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CHECK (location_type <> 'physical' OR latitude IS NOT NULL),
        CHECK (location_type <> 'physical'
               OR (address_1 IS NOT NULL AND city IS NOT NULL AND state_province IS NOT NULL)),
        CHECK (location_type = 'physical' OR latitude IS NOT NULL OR service_area IS NOT NULL),
        CHECK (country <> 'US' OR postal_code IS NULL OR postal_code ~ '^[0-9]{5}(-[0-9]{4})?$'),
        CHECK (service_area IS NULL OR ST_IsValid(service_area::geometry))
      )`);
    await q.query(`CREATE INDEX location_point_gist ON location USING gist (point)`);
    await q.query(`CREATE INDEX location_service_area_gist ON location USING gist (service_area)`);
    await q.query(`CREATE INDEX location_organization_idx ON location (organization_id)`);

    await q.query(`
      CREATE TABLE service_at_location (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
        location_id uuid NOT NULL REFERENCES location (id) ON DELETE CASCADE,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_modified timestamptz NOT NULL DEFAULT now(),
        UNIQUE (service_id, location_id)
      )`);
    await q.query(`CREATE INDEX service_at_location_location_idx ON service_at_location (location_id)`);

    // One row per weekly opening interval (HSDS schedule, freq WEEKLY).
    // closes_at <= opens_at means the interval runs past midnight;
    // 00:00-24:00 on all seven days is 24/7.
    await q.query(`
      CREATE TABLE schedule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_at_location_id uuid REFERENCES service_at_location (id) ON DELETE CASCADE,
        location_id uuid REFERENCES location (id) ON DELETE CASCADE,
        service_id uuid REFERENCES service (id) ON DELETE CASCADE,
        timezone text NOT NULL CHECK (is_valid_time_zone(timezone)),
        freq text NOT NULL DEFAULT 'WEEKLY' CHECK (freq = 'WEEKLY'),
        byday text[] NOT NULL CHECK (
          cardinality(byday) BETWEEN 1 AND 7
          AND byday <@ ARRAY['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']::text[]),
        opens_at time NOT NULL CHECK (opens_at < '24:00'),
        closes_at time NOT NULL,
        valid_from date,
        valid_to date,
        notes text,
        CHECK (num_nonnulls(service_at_location_id, location_id, service_id) = 1),
        CHECK (opens_at <> closes_at),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX schedule_sal_idx ON schedule (service_at_location_id)`);
    await q.query(`CREATE INDEX schedule_location_idx ON schedule (location_id)`);
    await q.query(`CREATE INDEX schedule_service_idx ON schedule (service_id)`);

    await q.query(`
      CREATE TABLE phone (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
        service_id uuid REFERENCES service (id) ON DELETE CASCADE,
        location_id uuid REFERENCES location (id) ON DELETE CASCADE,
        service_at_location_id uuid REFERENCES service_at_location (id) ON DELETE CASCADE,
        number text NOT NULL CHECK (number ~ '^\\+?[0-9][0-9 ().-]{2,}$'),
        extension text,
        type text NOT NULL DEFAULT 'voice'
          CHECK (type IN ('voice', 'text', 'fax', 'cell', 'video', 'pager', 'textphone')),
        description text,
        sort_order integer NOT NULL DEFAULT 0,
        CHECK (num_nonnulls(organization_id, service_id, location_id, service_at_location_id) = 1)
      )`);
    await q.query(`CREATE INDEX phone_organization_idx ON phone (organization_id)`);
    await q.query(`CREATE INDEX phone_service_idx ON phone (service_id)`);
    await q.query(`CREATE INDEX phone_location_idx ON phone (location_id)`);
    await q.query(`CREATE INDEX phone_sal_idx ON phone (service_at_location_id)`);

    // HSDS language: a language spoken at a service, location or on a phone line.
    await q.query(`
      CREATE TABLE language (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL REFERENCES iso_language (code),
        service_id uuid REFERENCES service (id) ON DELETE CASCADE,
        location_id uuid REFERENCES location (id) ON DELETE CASCADE,
        phone_id uuid REFERENCES phone (id) ON DELETE CASCADE,
        note text,
        CHECK (num_nonnulls(service_id, location_id, phone_id) = 1),
        UNIQUE NULLS NOT DISTINCT (code, service_id, location_id, phone_id)
      )`);
    await q.query(`CREATE INDEX language_service_idx ON language (service_id)`);
    await q.query(`CREATE INDEX language_location_idx ON language (location_id)`);
    await q.query(`CREATE INDEX language_phone_idx ON language (phone_id)`);

    // HSDS attribute: a taxonomy term attached to an organization, service or location.
    await q.query(`
      CREATE TABLE attribute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        taxonomy_term_code text NOT NULL REFERENCES taxonomy_term (code),
        organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
        service_id uuid REFERENCES service (id) ON DELETE CASCADE,
        location_id uuid REFERENCES location (id) ON DELETE CASCADE,
        value text,
        CHECK (num_nonnulls(organization_id, service_id, location_id) = 1),
        UNIQUE NULLS NOT DISTINCT (taxonomy_term_code, organization_id, service_id, location_id)
      )`);
    await q.query(`CREATE INDEX attribute_organization_idx ON attribute (organization_id)`);
    await q.query(`CREATE INDEX attribute_service_idx ON attribute (service_id)`);
    await q.query(`CREATE INDEX attribute_location_idx ON attribute (location_id)`);
    await q.query(`CREATE INDEX attribute_term_idx ON attribute (taxonomy_term_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'attribute',
      'language',
      'phone',
      'schedule',
      'service_at_location',
      'location',
      'service',
      'organization',
      'practice_principle',
      'taxonomy_crosswalk',
      'taxonomy_term',
      'iso_language',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS is_valid_time_zone(text)`);
  }
}
