import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { DOCUMENT_KINDS, RECORD_DOCUMENTS_DEFINITION_HASH, RECORD_DOCUMENTS_DRIFT } from '../src/modules/records/record-documents.schema';
import request from './support/checked-request';
import { startTestApp } from './support/test-app';

/**
 * The precomputed record documents (record-documents.schema.ts) that search pages join instead of
 * building records. The oracle is the record endpoints: every stored document equals what
 * GET /v1/<records>/{id} returns for that record, built by the repositories on their own path.
 * Writes through the API are covered by the drift check every writing suite runs after each test
 * (test/support/search-projection.ts); here, the changes no API makes: a taxonomy term renamed, a data
 * source renamed, and a data source touched in a column no document shows (which must refresh nothing).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of ad-hoc SQL, read field by field
type Query = (sql: string, params?: unknown[]) => Promise<any>;

describe('record documents', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    db = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('were installed from the code that defines them (a change to what a document holds needs a migration that reinstalls them)', async () => {
    const [{ hash }] = await db.query(`SELECT hash FROM record_document_definition`);
    expect(hash).toBe(RECORD_DOCUMENTS_DEFINITION_HASH);
  });

  it.each([
    ['service', 'services'],
    ['location', 'locations'],
    ['organization', 'organizations'],
  ])('every %s document equals GET /v1/%s/{id}, and every live record has one', async (kind, path) => {
    const live: { id: string }[] = await db.query(`SELECT id FROM ${kind} WHERE deleted_at IS NULL ORDER BY id`);
    const docs: { id: string; doc: string }[] = await db.query(`SELECT id, doc::text AS doc FROM ${kind}_document ORDER BY id`);
    expect(docs.map((d) => d.id)).toEqual(live.map((r) => r.id));
    expect(docs.length).toBeGreaterThan(50);
    for (const { id, doc } of docs) {
      const res = await request(url).get(`/v1/${path}/${id}`).expect(200);
      expect({ id, doc: JSON.parse(doc) }).toEqual({ id, doc: res.body });
    }
  });

  async function inRolledBackTransaction(work: (query: Query) => Promise<void>): Promise<void> {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await work((sql, params) => runner.query(sql, params));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('follow a taxonomy term renamed (every record carrying it)', async () => {
    await inRolledBackTransaction(async (query) => {
      const [{ code, id }] = await query(`SELECT a.taxonomy_term_code AS code, a.service_id AS id FROM attribute a WHERE a.service_id IS NOT NULL LIMIT 1`);
      await query(`UPDATE taxonomy_term SET name = name || ' (renamed)' WHERE code = $1`, [code]);
      expect(await query(RECORD_DOCUMENTS_DRIFT)).toEqual([]);
      const [{ doc }] = await query(`SELECT doc FROM service_document WHERE id = $1`, [id]);
      expect(doc.attributes.find((a: { code: string }) => a.code === code).name).toMatch(/\(renamed\)$/);
    });
  });

  it('follow a data source renamed, and a data source touched only in a column no document shows refreshes nothing', async () => {
    await inRolledBackTransaction(async (query) => {
      const [source] = await query(`SELECT source_id AS id FROM location WHERE source_id IS NOT NULL AND deleted_at IS NULL LIMIT 1`);
      expect(source).toBeDefined();
      const versions = `SELECT d.id, d.xmin::text AS xmin FROM location_document d JOIN location l ON l.id = d.id WHERE l.source_id = $1 ORDER BY d.id`;
      const before = await query(versions, [source.id]);
      await query(`UPDATE data_source SET last_imported_at = now() WHERE id = $1`, [source.id]);
      expect(await query(versions, [source.id])).toEqual(before);

      await query(`UPDATE data_source SET name = name || ' (renamed)' WHERE id = $1`, [source.id]);
      expect(await query(RECORD_DOCUMENTS_DRIFT)).toEqual([]);
      const [{ doc }] = await query(`SELECT doc FROM location_document WHERE id = $1`, [before[0].id]);
      expect(doc.source.name).toMatch(/\(renamed\)$/);
    });
  });

  it('equal a rebuild from scratch, and the drift check sees a document that differs', async () => {
    expect(await db.query(RECORD_DOCUMENTS_DRIFT)).toEqual([]);
    await inRolledBackTransaction(async (query) => {
      for (const kind of DOCUMENT_KINDS) await query(`UPDATE ${kind}_document SET doc = '{}' WHERE id = (SELECT min(id::text)::uuid FROM ${kind}_document)`);
      const drift: { kind: string }[] = await query(RECORD_DOCUMENTS_DRIFT);
      expect([...new Set(drift.map((d) => d.kind))].sort()).toEqual([...DOCUMENT_KINDS].sort());
      await query(`SELECT record_documents_rebuild()`);
      expect(await query(RECORD_DOCUMENTS_DRIFT)).toEqual([]);
    });
  });
});
