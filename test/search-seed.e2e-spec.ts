import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { SearchQuery } from '../src/modules/search/search.query';
import { parseSearch, SearchParams } from '../src/modules/search/search-params';
import { chooseSeed, SearchSeed, TagEstimates } from '../src/modules/search/search-seed';
import { SearchHit, SearchRepository } from '../src/modules/search/search.repository';
import { SearchService } from '../src/modules/search/search.service';
import { startTestApp } from './support/test-app';

/**
 * Rare filters start from their own rows instead of walking nearest-first
 * (search-seed.ts). The two plans must give the same page, byte for byte:
 * run both on the real database for many searches and compare.
 */
describe('search: starting from a rare filter', () => {
  let app: NestFastifyApplication;
  let repository: SearchRepository;
  let params: (query: SearchQuery) => Promise<SearchParams>;

  beforeAll(async () => {
    ({ app } = await startTestApp());
    repository = app.get(SearchRepository);
    const service = app.get(SearchService);
    const now = new Date('2026-11-26T18:00:00Z');
    params = async (query) => parseSearch(query, (await service.loadCodes()).known, now);
  });
  afterAll(() => app.close());

  const DALLAS = '32.7767,-96.7970';
  /** The plan that starts from the GIN index on the projection's tags (its estimates do not change the SQL). */
  const SEED: SearchSeed = { estimatedVisits: 0, walkVisits: 0 };
  const searches: Array<[string, SearchQuery]> = [
    ['naloxone in Spanish near Dallas', { near: DALLAS, radius: 50, service: 'service.naloxone', language: 'es' }],
    ['walk-in near Dallas, 5 per page', { near: DALLAS, radius: 80, access: 'access.walk-in', limit: 5 }],
    ['Spanish in a Dallas bbox', { bbox: '-97.1,32.6,-96.5,33.0', language: 'es' }],
    ['naloxone open at an instant', { near: DALLAS, radius: 300, service: 'service.naloxone', open_at: '2026-11-26T12:30:00-06:00' }],
    ['Spanish by ZIP', { postal_code: '75215', radius: 40, language: 'es' }],
  ];

  const ids = (hits: SearchHit[]) => hits.map((h) => `${h.id}@${h.distance_m}:${h.reach}`);

  for (const [name, query] of searches) {
    it(`gives the same page as the nearest-first walk: ${name}`, async () => {
      const p = await params(query);
      const walk = await repository.search(p, null);
      expect(walk.length).toBeGreaterThan(0);
      expect(ids(await repository.search(p, SEED))).toEqual(ids(walk));
    });
  }

  it('gives the same next page after a cursor', async () => {
    const first = await params({ near: DALLAS, radius: 100, language: 'es', limit: 3 });
    const page = (await repository.search(first, null)).slice(0, 3);
    const last = page[page.length - 1];
    const next = { ...first, after: { distanceM: last.distance_m, id: last.id } };
    const walk = await repository.search(next, null);
    expect(walk.length).toBeGreaterThan(0);
    expect(ids(await repository.search(next, SEED))).toEqual(ids(walk));
  });

  it('starts from a rare code once statistics exist, and walks for common ones', async () => {
    await app.get(DataSource).query('ANALYZE search_projection');
    const estimates = TagEstimates.fromStats(await repository.tagStats());
    expect(estimates.rows).toBeGreaterThan(100);

    // American Sign Language is rare in the demo data; English is everywhere
    const rare = await params({ near: DALLAS, radius: 50, language: 'ase', service: 'service.naloxone' });
    expect(chooseSeed(rare, estimates)).not.toBeNull();
    const common = await params({ near: DALLAS, radius: 50, language: 'en' });
    expect(chooseSeed(common, estimates)).toBeNull();
    // and with no statistics at all it never guesses
    expect(chooseSeed(rare, TagEstimates.none())).toBeNull();
  });
});
