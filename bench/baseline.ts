/**
 * The bare baseline: node:http + pg, no framework, no validation, no DTOs.
 *
 *   DATABASE_URL=postgres://... PORT=3902 node -r ts-node/register/transpile-only bench/baseline.ts
 *
 * It answers GET /v1/search with exactly the app's SQL, imported (not copied):
 * the page statement (src/modules/search/search-page.sql.ts, around
 * buildSearchSql), with SearchParams built straight from the query string
 * (no checks) and the app's own choice of where to start (chooseSeed,
 * search-seed.ts), through SearchService.runParsed over a duck-typed
 * `{ query(sql, params) }` adapter on a pg Pool instead of a TypeORM
 * DataSource. So it makes the app's one round trip and sends PostgreSQL's
 * JSON as the app does: it measures the framework, not the statement (the
 * floor that measures the statement is issue 14's remaining work).
 * The pool matches the app's: DB_POOL_SIZE connections (default 10), the
 * app's own connection options (imported from src/database/data-source-options.ts:
 * plan_cache_mode=force_custom_plan, ...) and idle timeout, warmed at start.
 * GET /health/ready answers 200 once the pool is warm.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { dataSourceOptions, IDLE_CONNECTION_TIMEOUT_MS } from '../src/database/data-source-options';
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
    after: null,
    cursorBinding: cursorBinding('search', Object.fromEntries(q)),
  };
}

export interface BaselineSearch {
  /** The response body for a query string (the app's page, built by the app's statement). */
  answer: (q: URLSearchParams) => Promise<string>;
  /** The search statement the app sends for a query string (for EXPLAIN and pgbench). */
  statement: (q: URLSearchParams) => { sql: string; params: unknown[] };
}

/** The app's classes, wired by hand over `db`. Loads the known codes and code statistics once. */
export async function createSearch(db: QueryAdapter): Promise<BaselineSearch> {
  const dataSource = db as unknown as DataSource;
  const searchService = new SearchService(new SearchRepository(dataSource), new TaxonomyRepository(dataSource));
  const codes = await searchService.loadCodes();
  // next_cursor is signed as the app signs it (its cost included); the baseline never reads cursors back
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

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL');
  const port = Number(process.env.PORT ?? 3902);
  const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    options: appConnectionOptions(url, poolSize),
    idleTimeoutMillis: IDLE_CONNECTION_TIMEOUT_MS,
    application_name: 'hrd-bench-baseline',
  });
  // Same warm-up as the app (the first PostGIS call on a connection is slow).
  const warm = `SELECT ST_Distance('SRID=4326;POINT(-96.8 32.8)'::geography, 'SRID=4326;POINT(-96.7 32.7)'::geography)`;
  await Promise.all(Array.from({ length: poolSize }, () => pool.query(warm)));
  const search = await createSearch(poolAdapter(pool));

  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v1/search') {
      search.answer(url.searchParams).then(
        (body) => send(res, 200, body),
        (error: Error) => send(res, 500, JSON.stringify({ error: error.message })),
      );
    } else if (url.pathname === '/health/ready' || url.pathname === '/health/live') {
      send(res, 200, '{"status":"ok"}');
    } else {
      send(res, 404, '{"error":"not found"}');
    }
  });
  server.listen(port, process.env.HOST ?? '127.0.0.1', () =>
    console.log(`baseline ready on ${port} (pool ${poolSize}, options ${appConnectionOptions(url, poolSize)})`),
  );
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
