/**
 * The app's own search SQL, driven without the app (no NestJS): its classes wired by hand over a pg Pool.
 * bench/run.ts uses it to profile the statements the app sends (EXPLAIN ANALYZE, round trips per
 * request) and to replay them in pgbench. It is NOT the floor: bench/baseline.ts is, and imports
 * nothing from here.
 */
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { randomBytes } from 'node:crypto';
import { cursorBinding, useCursorSecret } from '../src/common/pagination/cursor';
import { lookupUsZip } from '../src/modules/search/postal-codes';
import { SearchParams, withDescendants } from '../src/modules/search/search-params';
import { chooseSeed } from '../src/modules/search/search-seed';
import { buildSearchPageSql } from '../src/modules/search/search-page.sql';
import { SearchRepository } from '../src/modules/search/search.repository';
import { TaxonomyRepository } from '../src/modules/taxonomy/taxonomy.repository';
import { SearchService } from '../src/modules/search/search.service';

/** What the app's classes need from a TypeORM DataSource: query, and transaction for a statement that needs SET LOCAL. */
export interface QueryAdapter {
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
  transaction?<T>(work: (manager: { query(sql: string, params?: unknown[]): Promise<unknown[]> }) => Promise<T>): Promise<T>;
}

/** The app's own per-connection settings (plan_cache_mode, ...), read from its TypeORM options. */
export function appConnectionOptions(url: string, poolSize: number): string {
  return ((dataSourceOptions(url, poolSize) as { extra?: { options?: string } }).extra?.options ?? '').trim();
}

export const poolAdapter = (pool: Pool): QueryAdapter => ({
  query: (sql, params) => pool.query<Record<string, unknown>>(sql, params as unknown[]).then((r) => r.rows),
  transaction: async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({ query: (sql, params) => client.query<Record<string, unknown>>(sql, params as unknown[]).then((r) => r.rows) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  },
});

const list = (v: string | null) => (v ? v.split(',') : []);

/** The keyset inside an app cursor (base64url: a 16-byte tag, then JSON {v, k: [distance, id]}), read without checking the tag. */
function afterOf(cursor: string | null): SearchParams['after'] {
  if (!cursor) return null;
  const [distanceM, id] = (JSON.parse(Buffer.from(cursor, 'base64url').subarray(16).toString('utf8')) as { k: [number, string] }).k;
  return { distanceM, id };
}

/** Query string -> SearchParams, the shape parseSearch returns, without any checking. */
export function paramsFromQuery(q: URLSearchParams, now: Date, taxonomy: Set<string>): SearchParams {
  const groups = (name: string) =>
    q
      .getAll(name)
      .map(list)
      .filter((codes) => codes.length);
  const terms = (name: string) => groups(name).map((codes) => withDescendants(codes, taxonomy));
  const radiusRaw = q.get('radius');
  const unitM = q.get('radius_unit') === 'mi' ? 1609.344 : 1000;
  const radiusM = radiusRaw ? Number(radiusRaw) * unitM : 15_000;
  let area: SearchParams['area'];
  if (q.get('bbox')) {
    const [minLng, minLat, maxLng, maxLat] = q.get('bbox')!.split(',').map(Number);
    area = {
      kind: 'bbox',
      origin: { latitude: (minLat + maxLat) / 2, longitude: (minLng + maxLng) / 2, source: 'bbox', precisionM: 0, label: null },
      box: [minLng, minLat, maxLng, maxLat],
    };
  } else if (q.get('postal_code')) {
    const c = lookupUsZip(q.get('postal_code')!)!;
    area = { kind: 'postal_code', origin: { latitude: c.latitude, longitude: c.longitude, source: 'postal_code', precisionM: 0, label: null }, radiusM };
  } else {
    const [latitude, longitude] = q.get('near')!.split(',').map(Number);
    area = { kind: 'near', origin: { latitude, longitude, source: 'near', precisionM: 0, label: null }, radiusM };
  }
  return {
    area,
    services: terms('service'),
    languages: groups('language'),
    transport: terms('transport'),
    access: terms('access'),
    populations: terms('population'),
    principles: groups('principle'),
    openAt: q.get('open_now') === 'true' ? now : q.get('open_at') ? new Date(q.get('open_at')!) : null,
    q: q.get('q'),
    qCodes: [],
    verifiedSince: null,
    limit: q.get('limit') ? Number(q.get('limit')) : 20,
    after: afterOf(q.get('cursor')),
    cursorBinding: cursorBinding('search', Object.fromEntries(q)),
  };
}

export interface AppSearch {
  /** The response body for a query string (the app's page, built by the app's statement). */
  answer: (q: URLSearchParams) => Promise<string>;
  /** The search statement the app sends for a query string (for EXPLAIN and pgbench). */
  statement: (q: URLSearchParams) => { sql: string; params: unknown[] };
}

/** The app's classes, wired by hand over `db`. Loads the known codes and code statistics once. */
export async function createSearch(db: QueryAdapter): Promise<AppSearch> {
  // the repositories only call query() (and transaction() for a seeded search) on what they are given,
  // a TypeORM DataSource or the app's read-routing wrapper around one
  const dataSource = db as unknown as DataSource;
  const searchService = new SearchService(
    new SearchRepository(dataSource as unknown as ConstructorParameters<typeof SearchRepository>[0]),
    new TaxonomyRepository(dataSource as unknown as ConstructorParameters<typeof TaxonomyRepository>[0]),
  );
  const codes = await searchService.loadCodes();
  // next_cursor is signed as the app signs it
  useCursorSecret(randomBytes(32).toString('hex'));
  const params = (q: URLSearchParams, now: Date) => paramsFromQuery(q, now, codes.known.taxonomy);
  return {
    // SearchService.page = parseSearch (validation: skipped here) + runParsed (seed, the page statement, cursor)
    answer: async (q) => {
      const now = new Date();
      return (await searchService.runParsed(params(q, now), now)).json;
    },
    statement: (q) => {
      const now = new Date();
      const p = params(q, now);
      return buildSearchPageSql(p, chooseSeed(p, codes.estimates), now);
    },
  };
}
