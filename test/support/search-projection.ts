import { DataSource } from 'typeorm';
import { RECORD_DOCUMENTS_DRIFT } from '../../src/modules/records/record-documents.schema';
import { SEARCH_PROJECTION_DRIFT } from '../../src/modules/search/search-projection.sql';

/**
 * The search projection and the record documents must equal a rebuild from scratch after any committed
 * write: rows missing from them, rows they should no longer have and rows whose content differs all show
 * up as a difference between a maintained table and its defining view. Suites that write (API writes, imports, the operator
 * workflow, the write fuzzer) call it after each test; test/search-equivalence.e2e-spec.ts checks the
 * view itself against the pre-projection search statement.
 */
export async function expectProjectionCurrent(db: DataSource): Promise<void> {
  expect(await db.query(SEARCH_PROJECTION_DRIFT)).toEqual([]);
  expect(await db.query(RECORD_DOCUMENTS_DRIFT)).toEqual([]);
}
