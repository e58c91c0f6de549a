import { createHash } from 'node:crypto';
import { DETAIL_LIST_SQL, Owner } from './record-details.repository';
import { locationDocumentSql, organizationDocumentSql, serviceDocumentSql } from './record-documents.sql';

/**
 * Precomputed record documents: each live service, location and organization
 * as GET /v1/<records>/{id} returns it, stored as `json` (emitted as stored,
 * about twice as fast as jsonb, and key order kept), plus the parts of it a
 * search listing combines across records (language codes, access terms,
 * phones, a location's schedules), so that a search page joins documents by
 * key instead of building ~25 sub-selects per listing.
 *
 * The tables, triggers and refresh functions are in migration
 * 1764140000010-RecordDocuments.ts; what a document holds is defined here,
 * from the repositories' own SELECT lists (record-documents.sql.ts), as one
 * view per kind that refresh and rebuild both select from. The views are
 * installed by migrations (installRecordDocumentViews); the hash of their
 * SQL is stored beside them so a test fails when this code changes without a
 * migration reinstalling them (test/record-documents.e2e-spec.ts).
 */
export const DOCUMENT_KINDS = ['service', 'location', 'organization'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A record's access and transport terms (the listing's `access`), as a JSON array ordered by code. */
const accessTermsSql = (
  owner: Owner,
  id: string,
): string => `(SELECT COALESCE(json_agg(json_build_object('code', t.code, 'name', t.name) ORDER BY t.code COLLATE "C"), '[]')
       FROM attribute a JOIN taxonomy_term t ON t.code = a.taxonomy_term_code
      WHERE a.${owner} = ${id} AND (t.code LIKE 'access.%' OR t.code LIKE 'transport.%'))`;
const languageCodesSql = (owner: Owner, id: string): string => `ARRAY(SELECT lg.code FROM language lg WHERE lg.${owner} = ${id} ORDER BY lg.code)`;

/** Each kind's document view: its columns are the table's, in the table's order. */
export const RECORD_DOCUMENT_SOURCES: Record<DocumentKind, string> = {
  service: `SELECT rec.id, ${serviceDocumentSql('rec.id')} AS doc,
       ${languageCodesSql('service_id', 'rec.id')} AS language_codes,
       ${accessTermsSql('service_id', 'rec.id')} AS access,
       ${DETAIL_LIST_SQL.phones('service_id', 'rec.id')} AS phones
  FROM service rec WHERE rec.deleted_at IS NULL`,
  location: `SELECT rec.id, ${locationDocumentSql('rec.id')} AS doc,
       ${languageCodesSql('location_id', 'rec.id')} AS language_codes,
       ${accessTermsSql('location_id', 'rec.id')} AS access,
       ${DETAIL_LIST_SQL.phones('location_id', 'rec.id')} AS phones,
       ${DETAIL_LIST_SQL.schedules('location_id', 'rec.id')} AS schedules
  FROM location rec WHERE rec.deleted_at IS NULL`,
  organization: `SELECT rec.id, ${organizationDocumentSql('rec.id')} AS doc,
       ${DETAIL_LIST_SQL.phones('organization_id', 'rec.id')} AS phones
  FROM organization rec WHERE rec.deleted_at IS NULL`,
};

/** Changes whenever what a document holds changes (compared with the hash a migration stored). */
export const RECORD_DOCUMENTS_DEFINITION_HASH = createHash('sha256')
  .update(DOCUMENT_KINDS.map((kind) => RECORD_DOCUMENT_SOURCES[kind]).join('\n'))
  .digest('hex')
  .slice(0, 16);

/**
 * (Re)creates the three document views from the code above, rebuilds the
 * documents and records the definition's hash. For migrations: the first one
 * (1764140000010) and any later one that changes what a document holds.
 */
export async function installRecordDocumentViews(query: (sql: string, params?: unknown[]) => Promise<unknown>): Promise<void> {
  for (const kind of DOCUMENT_KINDS) {
    await query(`DROP VIEW IF EXISTS ${kind}_document_source`);
    await query(`CREATE VIEW ${kind}_document_source AS ${RECORD_DOCUMENT_SOURCES[kind]}`);
  }
  await query(`SELECT record_documents_rebuild()`);
  await query(`INSERT INTO record_document_definition (id, hash) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, installed_at = now()`, [
    RECORD_DOCUMENTS_DEFINITION_HASH,
  ]);
}

export const REBUILD_RECORD_DOCUMENTS = `SELECT record_documents_rebuild()::int AS rows`;

/**
 * Documents the tables have but should not (stale or extra) and ones they lack, at most 10: each table
 * against its view. json has no equality operator, so rows are compared as text (same SQL, same text).
 */
export const RECORD_DOCUMENTS_DRIFT = DOCUMENT_KINDS.map(
  (kind) => `(SELECT '${kind}' AS kind, id FROM (
     (SELECT id, t::text AS row FROM ${kind}_document t EXCEPT SELECT id, v::text FROM ${kind}_document_source v)
     UNION ALL
     (SELECT id, v::text FROM ${kind}_document_source v EXCEPT SELECT id, t::text FROM ${kind}_document t)) d LIMIT 10)`,
).join('\nUNION ALL\n');
