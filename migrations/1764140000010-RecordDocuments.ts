import { MigrationInterface, QueryRunner } from 'typeorm';
import { DOCUMENT_KINDS, installRecordDocumentViews } from '../src/modules/records/record-documents.schema';

/**
 * Precomputed record documents (src/modules/records/record-documents.schema.ts says what they hold):
 * one table per kind, kept exactly current in the writer's own transaction by statement-level triggers
 * (transition tables, as the search projection's in 1764140000009), and `record_documents_rebuild()`
 * to recompute them from scratch. A search page joins them by key instead of assembling every record.
 *
 * What each changed row feeds: a record's own row, its detail rows (languages, attributes, phones and
 * their languages, a location's schedules), the data source it credits and the names of the taxonomy
 * terms it carries. Updates of a data source or a term refresh only when a column a document shows
 * changed (an import touching its data source must not rebuild every record that source credits).
 */
const TABLES = {
  service: `id uuid PRIMARY KEY, doc json NOT NULL, language_codes text[] NOT NULL, access json NOT NULL, phones json NOT NULL`,
  location: `id uuid PRIMARY KEY, doc json NOT NULL, language_codes text[] NOT NULL, access json NOT NULL, phones json NOT NULL, schedules json NOT NULL`,
  organization: `id uuid PRIMARY KEY, doc json NOT NULL, phones json NOT NULL`,
} as const;

type Kind = keyof typeof TABLES;
/** Per base table: for each document kind it feeds, the ids of those documents, from the changed rows `c`. */
const FEEDS: Record<string, Partial<Record<Kind, string>>> = {
  service: { service: `SELECT c.id FROM changed c` },
  location: { location: `SELECT c.id FROM changed c` },
  organization: { organization: `SELECT c.id FROM changed c` },
  attribute: {
    service: `SELECT c.service_id FROM changed c`,
    location: `SELECT c.location_id FROM changed c`,
    organization: `SELECT c.organization_id FROM changed c`,
  },
  phone: {
    service: `SELECT c.service_id FROM changed c`,
    location: `SELECT c.location_id FROM changed c`,
    organization: `SELECT c.organization_id FROM changed c`,
  },
  language: {
    service: `SELECT c.service_id FROM changed c UNION ALL SELECT p.service_id FROM changed c JOIN phone p ON p.id = c.phone_id`,
    location: `SELECT c.location_id FROM changed c UNION ALL SELECT p.location_id FROM changed c JOIN phone p ON p.id = c.phone_id`,
    organization: `SELECT p.organization_id FROM changed c JOIN phone p ON p.id = c.phone_id`,
  },
  schedule: { location: `SELECT c.location_id FROM changed c` },
  data_source: {
    service: `SELECT r.id FROM changed c JOIN service r ON r.source_id = c.id`,
    location: `SELECT r.id FROM changed c JOIN location r ON r.source_id = c.id`,
    organization: `SELECT r.id FROM changed c JOIN organization r ON r.source_id = c.id`,
  },
  taxonomy_term: {
    service: `SELECT a.service_id FROM changed c JOIN attribute a ON a.taxonomy_term_code = c.code`,
    location: `SELECT a.location_id FROM changed c JOIN attribute a ON a.taxonomy_term_code = c.code`,
    organization: `SELECT a.organization_id FROM changed c JOIN attribute a ON a.taxonomy_term_code = c.code`,
  },
};
/** Tables whose updates matter only when these columns change (key first). */
const SHOWN_COLUMNS: Record<string, { key: string; columns: string[] }> = {
  data_source: { key: 'id', columns: ['name', 'licence', 'attribution'] },
  taxonomy_term: { key: 'code', columns: ['name'] },
};

export class RecordDocuments1764140000010 implements MigrationInterface {
  name = 'RecordDocuments1764140000010';

  async up(q: QueryRunner): Promise<void> {
    // a rebuild at a million locations takes minutes: no session statement_timeout (DB_SESSION_SETTINGS=role puts one on the role) may cut it
    await q.query(`SET LOCAL statement_timeout = 0`);
    for (const [kind, columns] of Object.entries(TABLES)) await q.query(`CREATE TABLE ${kind}_document (${columns})`);
    await q.query(
      `CREATE TABLE record_document_definition (id int PRIMARY KEY CHECK (id = 1), hash text NOT NULL, installed_at timestamptz NOT NULL DEFAULT now())`,
    );

    const refreshOne = (kind: string) => `
          DELETE FROM ${kind}_document WHERE id = ANY(ids);
          INSERT INTO ${kind}_document SELECT * FROM ${kind}_document_source WHERE id = ANY(ids);`;
    await q.query(`
      CREATE FUNCTION record_documents_refresh(kind text, ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
        IF kind = 'service' THEN ${refreshOne('service')}
        ELSIF kind = 'location' THEN ${refreshOne('location')}
        ELSIF kind = 'organization' THEN ${refreshOne('organization')}
        ELSE RAISE EXCEPTION 'unknown record document kind %', kind;
        END IF;
      END $$`);
    const rebuildOne = (kind: string) => `
        DELETE FROM ${kind}_document;
        INSERT INTO ${kind}_document SELECT * FROM ${kind}_document_source;
        GET DIAGNOSTICS n = ROW_COUNT;
        total := total + n;`;
    await q.query(`
      CREATE FUNCTION record_documents_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE n bigint; total bigint := 0;
      BEGIN
        LOCK TABLE ${DOCUMENT_KINDS.map((kind) => `${kind}_document`).join(', ')} IN EXCLUSIVE MODE;
        ${DOCUMENT_KINDS.map(rebuildOne).join('')}
        RETURN total;
      END $$`);
    await q.query(`
      CREATE FUNCTION record_documents_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM record_documents_rebuild();
        RETURN NULL;
      END $$`);

    for (const [table, feeds] of Object.entries(FEEDS)) {
      const shown = SHOWN_COLUMNS[table];
      const updated = shown
        ? `SELECT n.* FROM new_rows n JOIN old_rows o ON o.${shown.key} = n.${shown.key}
            WHERE (${shown.columns.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${shown.columns.map((c) => `n.${c}`).join(', ')})`
        : `SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows`;
      const refresh = (rows: string) =>
        Object.entries(feeds)
          .map(
            ([kind, ids]) => `
            PERFORM record_documents_refresh('${kind}', (WITH changed AS (${rows}) SELECT array_agg(DISTINCT id) FROM (${ids}) f(id) WHERE id IS NOT NULL));`,
          )
          .join('');
      await q.query(`
        CREATE FUNCTION record_documents_on_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN ${refresh('SELECT * FROM new_rows')}
          ELSIF TG_OP = 'DELETE' THEN ${refresh('SELECT * FROM old_rows')}
          ELSE ${refresh(updated)}
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER record_documents_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
                       FOR EACH STATEMENT EXECUTE FUNCTION record_documents_on_${table}()`);
      await q.query(`CREATE TRIGGER record_documents_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                       FOR EACH STATEMENT EXECUTE FUNCTION record_documents_on_${table}()`);
      await q.query(`CREATE TRIGGER record_documents_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
                       FOR EACH STATEMENT EXECUTE FUNCTION record_documents_on_${table}()`);
      await q.query(`CREATE TRIGGER record_documents_truncate AFTER TRUNCATE ON ${table}
                       FOR EACH STATEMENT EXECUTE FUNCTION record_documents_on_truncate()`);
    }
    // the views (what a document holds), then every document
    await installRecordDocumentViews((sql, params) => q.query(sql, params));
    for (const kind of DOCUMENT_KINDS) await q.query(`ANALYZE ${kind}_document`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(FEEDS)) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER IF EXISTS record_documents_${event} ON ${table}`);
      await q.query(`DROP FUNCTION IF EXISTS record_documents_on_${table}()`);
    }
    await q.query(`DROP FUNCTION IF EXISTS record_documents_on_truncate()`);
    await q.query(`DROP FUNCTION IF EXISTS record_documents_rebuild()`);
    await q.query(`DROP FUNCTION IF EXISTS record_documents_refresh(text, uuid[])`);
    for (const kind of DOCUMENT_KINDS) {
      await q.query(`DROP VIEW IF EXISTS ${kind}_document_source`);
      await q.query(`DROP TABLE IF EXISTS ${kind}_document`);
    }
    await q.query(`DROP TABLE IF EXISTS record_document_definition`);
  }
}
