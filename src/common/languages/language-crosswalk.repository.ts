import { DataSource } from 'typeorm';

/**
 * FindTreatment.gov language code (upper-case, as the locator writes it) →
 * our code, from iso_language.findtreatment_code.
 *
 * A plain function, not an @Injectable: search re-reads it with its other
 * reference data on a timer, and command-line importers have a DataSource
 * but no Nest container. An EntityManager works too (inside a transaction).
 */
export async function loadLanguageCrosswalk(db: Pick<DataSource, 'query'>): Promise<Map<string, string>> {
  const rows: { findtreatment_code: string; code: string }[] = await db.query(
    `SELECT findtreatment_code, code FROM iso_language WHERE findtreatment_code IS NOT NULL ORDER BY findtreatment_code`,
  );
  return new Map(rows.map((r) => [r.findtreatment_code.trim().toUpperCase(), r.code]));
}
