import { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_TABLES = ['organization', 'service', 'location', 'service_at_location'] as const;

/**
 * What writes, imports and partner sync need:
 * - data_source + (source_id, external_id): where a record came from, under
 *   which licence; re-importing a file finds its records again by key, and
 *   source_hash (of the imported record) tells unchanged from updated.
 * - version: bumped on every update, the ETag that If-Match checks.
 * - deleted_at: deletes are soft, so partners see a tombstone in the feed.
 * - api_key: only a SHA-256 of each key is stored (keys are 256-bit random,
 *   so a slow hash adds nothing), with a short prefix to tell keys apart.
 * - audit_log: who (key), what, when, before/after, for every write.
 * - change_log: creates, updates and deletes in commit order (writers take a
 *   transaction-level advisory lock, so sequence order is commit order).
 */
export class WritesAndProvenance1764140000004 implements MigrationInterface {
  name = 'WritesAndProvenance1764140000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_source (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9:._-]{1,99}$'),
        name text NOT NULL,
        licence text NOT NULL,
        attribution text NOT NULL,
        last_imported_at timestamptz
      )`);
    for (const table of RECORD_TABLES) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN source_id text REFERENCES data_source (id),
          ADD COLUMN external_id text,
          ADD COLUMN source_hash text,
          ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
          ADD COLUMN deleted_at timestamptz,
          ADD CONSTRAINT ${table}_external_id_needs_source CHECK (external_id IS NULL OR source_id IS NOT NULL)`);
      await q.query(`CREATE UNIQUE INDEX ${table}_source_key ON ${table} (source_id, external_id) WHERE external_id IS NOT NULL`);
      await q.query(`CREATE INDEX ${table}_last_modified_idx ON ${table} (last_modified)`);
    }
    // Imports: free-text hours that did not parse are kept for people to read;
    // a point geocoded from a ZIP centroid is flagged as approximate. A mobile
    // program whose area is not published (real sources have them) is still a
    // listing, reachable by phone: it just cannot match a location search, so
    // the rule "non-physical needs a point or an area" (location_check3) goes.
    // A site whose address is withheld may be known only by its area (and an
    // export never carries its street), so it needs no street address
    // (location_check2 is narrowed to public addresses).
    await q.query(`
      ALTER TABLE location
        ADD COLUMN hours_description text,
        ADD COLUMN coordinates_approximate boolean NOT NULL DEFAULT false,
        DROP CONSTRAINT location_check3,
        DROP CONSTRAINT location_check2,
        ADD CONSTRAINT location_physical_address_check CHECK (
          location_type <> 'physical' OR address_visibility = 'approximate'
          OR (address_1 IS NOT NULL AND city IS NOT NULL AND state_province IS NOT NULL))`);
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        scope text NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
        key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        api_key_id uuid REFERENCES api_key (id),
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'verify', 'import')),
        entity text NOT NULL,
        entity_id uuid,
        import_id uuid,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`);
    await q.query(`
      CREATE TABLE change_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        entity text NOT NULL CHECK (entity IN ('organization', 'service', 'location', 'service_at_location')),
        entity_id uuid NOT NULL,
        op text NOT NULL CHECK (op IN ('create', 'update', 'delete'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS change_log`);
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP TABLE IF EXISTS api_key`);
    await q.query(`ALTER TABLE location DROP COLUMN IF EXISTS hours_description, DROP COLUMN IF EXISTS coordinates_approximate`);
    await q.query(`
      ALTER TABLE location
        DROP CONSTRAINT IF EXISTS location_physical_address_check,
        ADD CONSTRAINT location_check2 CHECK (location_type <> 'physical'
          OR (address_1 IS NOT NULL AND city IS NOT NULL AND state_province IS NOT NULL)) NOT VALID,
        ADD CONSTRAINT location_check3
          CHECK (location_type = 'physical' OR latitude IS NOT NULL OR service_area IS NOT NULL) NOT VALID`);
    for (const table of RECORD_TABLES) {
      await q.query(`DROP INDEX IF EXISTS ${table}_source_key`);
      await q.query(`DROP INDEX IF EXISTS ${table}_last_modified_idx`);
      await q.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT IF EXISTS ${table}_external_id_needs_source,
          DROP COLUMN IF EXISTS deleted_at, DROP COLUMN IF EXISTS version,
          DROP COLUMN IF EXISTS source_hash, DROP COLUMN IF EXISTS external_id, DROP COLUMN IF EXISTS source_id`);
    }
    await q.query(`DROP TABLE IF EXISTS data_source`);
  }
}
