import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { parseSearch, SearchParams } from '../src/modules/search/search-params';
import { SearchQuery } from '../src/modules/search/search.query';
import { buildSearchSql } from '../src/modules/search/search.sql';
import { SearchHit } from '../src/modules/search/search.repository';
import { SearchService } from '../src/modules/search/search.service';
import { legacySearchPage } from './support/legacy-search-page';
import { buildLegacySearchSql } from './support/legacy-search-sql';
import { startTestApp } from './support/test-app';

/**
 * The projection's statement against the oracle: the pre-projection statement that joins the base tables
 * (test/support/legacy-search-sql.ts). Hundreds of random searches over the demo data (origins at and
 * around real demo sites and elsewhere, radii, boxes, every filter kind, q, hours, page sizes), each run
 * by both on the same database: the same rows in the same order with the same distances and reach, the
 * same second page after the first page's cursor, and the same rows when the new statement starts from
 * the GIN index (rare-filter plan) instead of walking nearest-first.
 */
const SEARCHES = Number(process.env.SEARCH_EQUIVALENCE_SEARCHES ?? 300);
const SEED = Number(process.env.SEARCH_EQUIVALENCE_SEED ?? 20261203);
const PAGES = Number(process.env.SEARCH_EQUIVALENCE_PAGES ?? 200);

/** mulberry32: small, deterministic, good enough to pick test cases. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('search over the projection gives the pages of the join-per-candidate statement', () => {
  let app: NestFastifyApplication;
  let db: DataSource;
  let toParams: (query: SearchQuery) => Promise<SearchParams>;
  let service: SearchService;
  let legacyPage: ReturnType<typeof legacySearchPage>;
  let points: Array<{ lat: number; lng: number }>;
  let codes: Record<'service' | 'access' | 'transport' | 'population' | 'principle', string[]>;
  let languages: string[];
  let words: string[];

  beforeAll(async () => {
    ({ app } = await startTestApp());
    db = app.get(DataSource);
    service = app.get(SearchService);
    legacyPage = legacySearchPage(app);
    const now = new Date('2026-11-26T18:00:00Z');
    toParams = async (query) => parseSearch(query, (await service.loadCodes()).known, now);
    points = await db.query(`SELECT ST_Y(public_point::geometry) AS lat, ST_X(public_point::geometry) AS lng FROM location WHERE public_point IS NOT NULL`);
    const terms: Array<{ code: string }> = await db.query(
      `SELECT DISTINCT code FROM (SELECT taxonomy_term_code AS code FROM attribute UNION SELECT parent_code FROM taxonomy_term t
        WHERE EXISTS (SELECT 1 FROM attribute a WHERE a.taxonomy_term_code = t.code)) c WHERE code IS NOT NULL ORDER BY code`,
    );
    const branch = (b: string) => terms.map((t) => t.code).filter((c) => c.startsWith(`${b}.`));
    codes = {
      service: branch('service'),
      access: branch('access'),
      transport: branch('transport'),
      population: branch('population'),
      principle: branch('principle'),
    };
    languages = (await db.query<Array<{ code: string }>>(`SELECT DISTINCT code FROM language ORDER BY code`)).map((r) => r.code);
    words = [
      'narcan',
      'free needle exchange',
      'syringe',
      'methadone',
      'clinic',
      'outreach',
      'test strips',
      'buprenorphine',
      'mobile',
      'fentanyl',
      'recovery',
      'xyzzy',
    ];
  });
  afterAll(() => app.close());

  const run = async (built: { sql: string; params: unknown[] }): Promise<SearchHit[]> => db.query(built.sql, built.params);
  const key = (hits: SearchHit[]) => hits.map((h) => `${h.reaching ? 'R' : 'P'} ${h.id} ${h.distance_m} ${h.reach}`);
  /** The page as the service cuts it: places by (distance, id), the limit, then the reaching list. */
  const page = (hits: SearchHit[], limit: number) => {
    const places = hits.filter((h) => !h.reaching).sort((a, b) => a.distance_m - b.distance_m || (a.id < b.id ? -1 : 1));
    return { places: places.slice(0, limit), more: places.length > limit, reaching: hits.filter((h) => h.reaching) };
  };

  function randomQuery(next: () => number): SearchQuery {
    const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
    const some = (list: string[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(list)))].join(',');
    const query: SearchQuery = {};
    const origin = next() < 0.85 ? pick(points) : { lat: 25 + next() * 24, lng: -124 + next() * 57 };
    const jitter = () => (next() - 0.5) * (next() < 0.5 ? 0.05 : 0.6);
    const lat = Math.max(-89, Math.min(89, origin.lat + jitter()));
    const lng = Math.max(-179.9, Math.min(179.9, origin.lng + jitter()));
    if (next() < 0.15) {
      const h = 0.05 + next() * 1.5;
      query.bbox = [lng - h, lat - h / 2, lng + h, lat + h / 2].map((v) => v.toFixed(4)).join(',');
    } else {
      query.near = `${lat.toFixed(5)},${lng.toFixed(5)}`;
      query.radius = pick([1, 2, 5, 10, 25, 40, 80, 150, 300]);
      if (next() < 0.2) {
        query.radius_unit = 'mi';
        query.radius = Math.min(query.radius, 186);
      }
    }
    if (next() < 0.45) query.service = some(codes.service, 2);
    if (next() < 0.1 && codes.service.length > 1) query.service = [some(codes.service, 2), some(codes.service, 2)];
    if (next() < 0.3) query.language = some(languages, 2);
    if (next() < 0.2 && codes.access.length) query.access = some(codes.access, 2);
    if (next() < 0.15 && codes.transport.length) query.transport = some(codes.transport, 2);
    if (next() < 0.1 && codes.population.length) query.population = some(codes.population, 1);
    if (next() < 0.1 && codes.principle.length) query.principle = some(codes.principle, 1);
    if (next() < 0.15) query.q = pick(words);
    if (next() < 0.15) query.open_at = pick(['2026-11-26T12:30:00-06:00', '2026-11-28T03:00:00Z', '2026-11-30T09:15:00-10:00', '2026-12-01T17:45:00-05:00']);
    if (next() < 0.1) query.verified_within_days = pick([30, 200, 400, 1000]);
    query.limit = pick([1, 2, 3, 5, 10, 20, 50]);
    return query;
  }

  it(`agrees on ${SEARCHES} random searches (seed ${SEED}), page 1 and 2, walk and GIN seed`, async () => {
    const next = random(SEED);
    let nonEmpty = 0;
    let secondPages = 0;
    let seeded = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const query = randomQuery(next);
      const p = await toParams(query);
      const label = `search #${i} ${JSON.stringify(query)}`;
      const oracle = page(await run(buildLegacySearchSql(p)), p.limit);
      const actual = page(await run(buildSearchSql(p)), p.limit);
      expect({ label, places: key(actual.places), reaching: key(actual.reaching), more: actual.more }).toEqual({
        label,
        places: key(oracle.places),
        reaching: key(oracle.reaching),
        more: oracle.more,
      });
      if (oracle.places.length) nonEmpty++;

      const tagFilters = p.services.length + p.languages.length + p.access.length + p.transport.length + p.populations.length + p.principles.length;
      if (tagFilters > 0) {
        const fromIndex = page(await run(buildSearchSql(p, { estimatedVisits: 0, walkVisits: 0 })), p.limit);
        expect({ label, plan: 'gin seed', places: key(fromIndex.places), reaching: key(fromIndex.reaching) }).toEqual({
          label,
          plan: 'gin seed',
          places: key(oracle.places),
          reaching: key(oracle.reaching),
        });
        seeded++;
      }

      if (oracle.more) {
        const last = oracle.places[oracle.places.length - 1];
        const after: SearchParams = { ...p, after: { distanceM: last.distance_m, id: last.id } };
        const oracleNext = page(await run(buildLegacySearchSql(after)), p.limit);
        const actualNext = page(await run(buildSearchSql(after)), p.limit);
        expect({ label, page: 2, places: key(actualNext.places), more: actualNext.more }).toEqual({
          label,
          page: 2,
          places: key(oracleNext.places),
          more: oracleNext.more,
        });
        secondPages++;
      }
    }
    console.log(`[search-equivalence] ${SEARCHES} searches: ${nonEmpty} with places, ${secondPages} second pages, ${seeded} also from the GIN seed`);
    // the random mix must actually exercise the paths it claims to
    expect(nonEmpty).toBeGreaterThan(SEARCHES / 4);
    expect(secondPages).toBeGreaterThan(SEARCHES / 10);
    expect(seeded).toBeGreaterThan(SEARCHES / 4);
  });

  // The whole page, one statement (search-page.sql.ts), against the page assembled in Node from the record
  // services (test/support/legacy-search-page.ts): every field of every listing, the reaching list, the cursor.
  it(`builds the same whole pages in one statement on ${PAGES} random searches (seed ${SEED + 1}), page 1 and 2`, async () => {
    const next = random(SEED + 1);
    const now = new Date('2026-11-26T18:00:00Z');
    let listings = 0;
    let reaching = 0;
    let secondPages = 0;
    for (let i = 0; i < PAGES; i++) {
      const query = randomQuery(next);
      const p = await toParams(query);
      const label = `page #${i} ${JSON.stringify(query)}`;
      const oracle = await legacyPage(p, now);
      const actual = JSON.parse((await service.runParsed(p, now)).json) as unknown;
      expect({ label, page: actual }).toEqual({ label, page: oracle });
      listings += oracle.data.length;
      reaching += oracle.reaching.length;
      const last = oracle.data[oracle.data.length - 1];
      if (oracle.page.next_cursor && last) {
        // the second page from the first page's keyset (decoding the cursor is the cursor tests' job)
        const hits = await run(buildSearchSql(p));
        const end = page(hits, p.limit).places[p.limit - 1];
        const after: SearchParams = { ...p, after: { distanceM: end.distance_m, id: end.id } };
        expect({ label, page: 2, body: JSON.parse((await service.runParsed(after, now)).json) as unknown }).toEqual({
          label,
          page: 2,
          body: await legacyPage(after, now),
        });
        secondPages++;
      }
    }
    console.log(`[search-equivalence] ${PAGES} whole pages: ${listings} listings, ${reaching} reaching, ${secondPages} second pages`);
    expect(listings).toBeGreaterThan(PAGES);
    expect(reaching).toBeGreaterThan(0);
    expect(secondPages).toBeGreaterThan(PAGES / 10);
  });
});
