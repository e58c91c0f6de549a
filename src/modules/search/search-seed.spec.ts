import { cursorBinding } from '../../common/pagination/cursor';
import { SearchParams } from './search-params';
import { chooseSeed, tagGroups, TagEstimates, TagStatsRow } from './search-seed';

describe('search seed choice', () => {
  // 1.6M projection rows. Spanish on 30%, naloxone distribution on 40%, methadone on 1.5%; ASL is not
  // among the most common elements (the least frequent listed holds 0.2%).
  const stats: TagStatsRow = {
    reltuples: 1_600_000,
    elems: ['lang:es', 'service.naloxone.distribution', 'service.moud.methadone'],
    freqs: [0.3, 0.4, 0.015, 0.002, 0.4, 0],
  };
  const estimates = TagEstimates.fromStats(stats);
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

  it('estimates shares as the planner does: listed element frequencies, else half the least frequent listed', () => {
    expect(estimates.share(['lang:es'])).toBe(0.3);
    expect(estimates.share(['lang:ase'])).toBe(0.001);
    // a group ORs its codes (capped at every row)
    expect(estimates.share(['lang:es', 'service.naloxone.distribution'])).toBeCloseTo(0.7);
    expect(estimates.share(['lang:es', 'service.naloxone.distribution', 'lang:en', 'x'.repeat(3)])).toBeLessThanOrEqual(1);
  });

  it('spells the filters as the projection tags them, one group per filter', () => {
    expect(tagGroups(params({ services: [['service.moud.methadone']], languages: [['es', 'ase']], access: [['access.free']] }))).toEqual([
      ['service.moud.methadone'],
      ['access.free'],
      ['lang:es', 'lang:ase'],
    ]);
  });

  it('walks nearest-first for common filters and starts from the index when the combination is rare', () => {
    expect(chooseSeed(params({ services: [['service.naloxone.distribution']], languages: [['es']] }), estimates)).toBeNull();
    const rare = chooseSeed(params({ services: [['service.moud.methadone']], languages: [['ase']] }), estimates);
    // seed: 1.6M x 0.015 x 0.001 = 24 rows, plus the posting lists (24,000 + 1,600 entries at 2% of a row);
    // walk: 21 matches at a share of 0.015 x 0.001 take 1.4M rows
    expect(rare).toEqual({ estimatedVisits: Math.round(24 + 0.02 * (24_000 + 1_600)), walkVisits: 1_400_000 });
    expect(chooseSeed(params({}), estimates)).toBeNull();
    // one rare code alone: the walk reads ~21 / 0.001 rows, the seed its 1,600 rows and their postings
    expect(chooseSeed(params({ languages: [['ase']] }), estimates)).not.toBeNull();
    // the same codes in one group OR: es is common, so the walk is kept
    expect(chooseSeed(params({ services: [['service.naloxone.distribution']], languages: [['es', 'ase']] }), estimates)).toBeNull();
    expect(chooseSeed(params({ languages: [['ase']] }), TagEstimates.none())).toBeNull();
    expect(chooseSeed(params({ languages: [['ase']] }), TagEstimates.fromStats({ reltuples: 0, elems: null, freqs: null }))).toBeNull();
  });
});
