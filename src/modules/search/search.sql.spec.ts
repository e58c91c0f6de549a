import { cursorBinding } from '../../common/pagination/cursor';
import { SearchParams } from './search-params';
import { buildSearchPageSql } from './search-page.sql';
import { buildSearchSql } from './search.sql';

/**
 * The search statement is the product's hot path: this snapshot makes any
 * change to it show up in review. Update with `npx jest -u` deliberately.
 */
describe('search SQL', () => {
  const base: SearchParams = {
    area: { kind: 'near', origin: { latitude: 32.7767, longitude: -96.797, source: 'near', precisionM: 0, label: null }, radiusM: 25_000 },
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
  };

  it('near, no filters', () => {
    expect(buildSearchSql(base)).toMatchSnapshot();
  });

  it('the whole page around the hits (search-page.sql.ts)', () => {
    expect(buildSearchPageSql(base, null, new Date('2026-12-03T12:00:00Z'))).toMatchSnapshot();
  });

  it('every filter, with a cursor', () => {
    expect(
      buildSearchSql({
        ...base,
        services: [['service.naloxone']],
        languages: [['es']],
        transport: [['transport.near-public-transit']],
        access: [['access.walk-in'], ['access.free', 'access.sliding-scale']],
        populations: [['population.youth']],
        principles: [['principle.non-judgmental']],
        openAt: new Date('2026-11-26T22:30:00Z'),
        q: 'narcan',
        qCodes: [['access.free'], ['service.naloxone', 'service.naloxone.by-mail']],
        verifiedSince: '2026-01-01',
        after: { distanceM: 1234.5, id: '00000000-0000-4000-8000-000000000000' },
      }),
    ).toMatchSnapshot();
  });

  it('bbox', () => {
    expect(
      buildSearchSql({
        ...base,
        area: {
          kind: 'bbox',
          origin: { latitude: 32.75, longitude: -96.775, source: 'bbox', precisionM: 8000, label: null },
          box: [-96.85, 32.7, -96.7, 32.8],
        },
      }),
    ).toMatchSnapshot();
  });

  it('bbox across the antimeridian', () => {
    expect(
      buildSearchSql({
        ...base,
        area: { kind: 'bbox', origin: { latitude: 55, longitude: 180, source: 'bbox', precisionM: 700000, label: null }, box: [170, 50, -170, 60] },
      }),
    ).toMatchSnapshot();
  });

  it('a rare filter starts from the GIN index on tags', () => {
    expect(
      buildSearchSql({ ...base, services: [['service.moud.methadone']], languages: [['ase']] }, { estimatedVisits: 300, walkVisits: 90_000 }),
    ).toMatchSnapshot();
  });
});
