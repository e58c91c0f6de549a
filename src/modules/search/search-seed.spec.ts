import { cursorBinding } from '../../common/pagination/cursor';
import { SearchParams } from './search-params';
import { chooseSeed, CodeRowEstimates, CodeStatsRow } from './search-seed';

describe('search seed choice', () => {
  // 1M locations; 7 links per service. Language: en 60%, es 30% of 900k rows, 50 codes in all.
  const stats: CodeStatsRow[] = [
    { table: 'language', reltuples: 900_000, locations: 1_000_000, links_per_service: 7, null_frac: 0, n_distinct: 50, mcv: ['en', 'es'], mcf: [0.6, 0.3] },
    {
      table: 'attribute',
      reltuples: 6_000_000,
      locations: 1_000_000,
      links_per_service: 7,
      null_frac: 0,
      n_distinct: -0.00001,
      mcv: ['service.naloxone.distribution'],
      mcf: [0.02],
    },
  ];
  const estimates = CodeRowEstimates.fromStats(stats);
  const params = (over: Partial<SearchParams>): SearchParams => ({
    area: { kind: 'near', origin: { latitude: 32.8, longitude: -96.8, source: 'near', precisionM: 0, label: null }, radiusM: 25_000 },
    services: [],
    languages: [],
    transport: [],
    access: [],
    populations: [],
    principles: [],
    openAt: null,
    q: null,
    qCodes: [],
    verifiedSince: null,
    limit: 20,
    after: null,
    cursorBinding: cursorBinding('search', {}),
    ...over,
  });

  it('estimates rows as the planner does: most common values, else an even share of the rest', () => {
    expect(estimates.rows('language', ['es'])).toBe(270_000);
    // the other 48 codes share the remaining 10%
    expect(estimates.rows('language', ['ase'])).toBeCloseTo(900_000 * (0.1 / 48), -1);
    expect(estimates.rows('attribute', ['service.naloxone.distribution'])).toBe(120_000);
    // n_distinct < 0 is a fraction of the rows: 60 codes, 59 outside the list
    expect(estimates.rows('attribute', ['service.moud.methadone'])).toBeCloseTo(6_000_000 * (0.98 / 59), -1);
  });

  it('walks nearest-first for common filters and starts from the rarest when it visits fewer locations', () => {
    expect(chooseSeed(params({ services: [['service.naloxone.distribution']], languages: [['es']] }), estimates)).toBeNull();
    const rare = chooseSeed(params({ services: [['service.moud.methadone']], languages: [['ase']] }), estimates);
    expect(rare).toMatchObject({ table: 'language', codes: ['ase'], owners: ['service', 'location'] });
    // language rows can belong to services, and each service reaches ~7 locations
    expect(rare!.estimatedVisits).toBeCloseTo(900_000 * (0.1 / 48) * 7, -2);
    expect(chooseSeed(params({}), estimates)).toBeNull();
    // a repeated filter ANDs: each group is a filter of its own, and the rarest group seeds
    const anded = chooseSeed(params({ services: [['service.moud.methadone']], languages: [['es'], ['ase']] }), estimates);
    expect(anded).toMatchObject({ table: 'language', codes: ['ase'] });
    // the same codes in one group OR: es is common, so the group is not rare and the walk is kept
    expect(chooseSeed(params({ services: [['service.moud.methadone']], languages: [['es', 'ase']] }), estimates)).toBeNull();
    expect(chooseSeed(params({ languages: [['ase']] }), CodeRowEstimates.none())).toBeNull();
  });
});
