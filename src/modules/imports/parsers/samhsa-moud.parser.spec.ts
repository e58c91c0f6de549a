import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { ImportBatch } from '../import-batch';
import { parseSamhsaMoud } from './samhsa-moud.parser';
import { SHARED, splitCsvLine as splitLine, taxonomyCodes } from '../../../../test/support/shared-docs';
import { describeIf, skippedBecause } from '../../../../test/support/skips';

const FILE = path.join(SHARED, 'data/samhsa-moud-2020/moud-sites.csv');
const TAXONOMY = path.join(SHARED, 'docs/taxonomy.md');

const HEADER = 'name1,name2,street1,street2,city,state,zip,zip4,category,countyGEOID,countyName,source,Longitude,Latitude,';
const row = (fields: Partial<Record<'name1' | 'name2' | 'street1' | 'street2' | 'city' | 'state' | 'zip' | 'category' | 'lat' | 'lon', string>>) => {
  const f = {
    name1: 'Clinic',
    name2: 'NA',
    street1: '1 Main Street',
    street2: 'NA',
    city: 'Boston',
    state: 'MA',
    zip: '2108',
    category: 'buprenorphine',
    lat: '42.357',
    lon: '-71.062',
    ...fields,
  };
  // the file's labels are swapped: lat goes under Longitude, lon under Latitude, lat again unnamed
  return [f.name1, f.name2, f.street1, f.street2, f.city, f.state, f.zip, 'NA', f.category, '25025', 'Suffolk', 'SAMHSA', f.lat, f.lon, f.lat].join(',');
};

describe('parseSamhsaMoud on small inputs', () => {
  it('merges one row per medication into one site with one service each, and reads the swapped columns', () => {
    const csv = [
      HEADER,
      row({}),
      row({ category: 'methadone' }),
      row({ category: 'naltrexone/vivitrol' }),
      row({ category: 'methadone', name2: 'Annex' }),
    ].join('\r\n');
    const batch = parseSamhsaMoud(csv);
    expect(batch.rowsRead).toBe(4);
    expect(batch.locations).toHaveLength(1);
    expect(batch.organizations).toHaveLength(1);
    expect(batch.services.map((s) => s.attributes)).toEqual([['service.moud.buprenorphine'], ['service.moud.methadone'], ['service.moud.naltrexone']]);
    expect(batch.services.map((s) => s.external_id)).toEqual(['buprenorphine', 'methadone', 'naltrexone'].map((m) => `${batch.locations[0].external_id}:${m}`));
    expect(batch.merged).toBe(3);
    const [loc] = batch.locations;
    expect([loc.latitude, loc.longitude]).toEqual([42.357, -71.062]);
    expect(loc.postal_code).toBe('02108');
    expect(loc.name).toBe('Clinic - Annex'); // the one name2 becomes a suffix
  });

  it('lists several program names in the description, and joins different suites', () => {
    const csv = [HEADER, row({ name2: 'Residential', street2: 'Suite 1' }), row({ name2: 'Outpatient', street2: 'Suite 2' })].join('\n');
    const [loc] = parseSamhsaMoud(csv).locations;
    expect(loc.name).toBe('Clinic');
    expect(loc.description).toBe('Programs at this address: Residential; Outpatient.');
    expect(loc.address_2).toBe('Suite 1; Suite 2');
  });

  it('falls back to the ZIP centroid for missing or out-of-range coordinates, and rejects when there is none', () => {
    const csv = [
      HEADER,
      row({ name1: 'A', lat: 'NA', lon: 'NA', zip: '2108' }), // line 2: Boston ZIP, known
      row({ name1: 'B', lat: '142.1', lon: '-71', zip: '2108' }), // line 3: out of range
      row({ name1: 'C', lat: 'NA', lon: 'NA', zip: '99999' }), // line 4: 99999 is no USPS ZIP, no centroid
      row({ name1: 'D', category: 'heroin' }), // line 5
      row({ name1: 'NA' }), // line 6
    ].join('\n');
    const batch = parseSamhsaMoud(csv);
    expect(batch.locations.map((l) => [l.name, l.coordinates_approximate])).toEqual([
      ['A', true],
      ['B', true],
    ]);
    expect(batch.warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(batch.warnings[1].message).toMatch(/invalid coordinates \(142\.1, -71\).*centroid of ZIP 02108/);
    expect(batch.rejected).toEqual([
      { line: 4, reason: expect.stringMatching(/no coordinates, and no ZIP centroid.*99999/) },
      { line: 5, reason: expect.stringMatching(/category "heroin"/) },
      { line: 6, reason: 'missing name1' },
    ]);
    expect(batch.merged).toBe(0);
  });

  it('reads a row that is the right way round (not swapped) as labelled, with a warning', () => {
    const csv = [HEADER, 'X,NA,1 Main Street,NA,Boston,MA,2108,NA,methadone,25025,Suffolk,SAMHSA,-71.062,42.357,-71.062'].join('\n');
    const batch = parseSamhsaMoud(csv);
    expect([batch.locations[0].latitude, batch.locations[0].longitude]).toEqual([42.357, -71.062]);
    expect(batch.warnings).toEqual([{ line: 2, message: expect.stringMatching(/not swapped/) }]);
  });

  it('throws on a file that is not this one', () => {
    expect(() => parseSamhsaMoud('ID,ADDRESS\nx,y\n')).toThrow(/not the SAMHSA MOUD file/);
  });
});

const describeIfData = describeIf(existsSync(FILE), 'samhsa-moud.parser: the real file', `needs ${FILE} (set SHARED_DATA_DIR to the shared/data folder)`);

describeIfData('parseSamhsaMoud on the real file (samhsa-moud-2020/moud-sites.csv)', () => {
  let batch: ImportBatch;
  let rows: string[][];
  let lines: string[];
  const norm = (v: string) =>
    v
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const siteOf = (r: string[]) => [r[0], r[2], r[4], r[5], r[6].padStart(5, '0')].map(norm).join('|');
  const medicationOf = (r: string[]) => r[8].replace('/vivitrol', '');

  beforeAll(() => {
    const text = readFileSync(FILE, 'utf8');
    // no field in this file spans lines (checked: every line splits into 15 fields)
    lines = text
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l !== '');
    rows = lines.map(splitLine);
    batch = parseSamhsaMoud(readFileSync(FILE));
  });

  it('reads every data line: 10,556 rows', () => {
    expect(rows.every((r) => r.length === 15)).toBe(true);
    expect(batch.rowsRead).toBe(rows.length);
    expect(rows.length).toBe(10556);
  });

  it('makes one location and one organization per site key: 10,556 rows -> 6,311 sites, 4,245 rows merged', () => {
    const sites = new Set(rows.map(siteOf));
    // without normalizing, one more: "Daymark Recovery  Services" (two spaces) on lines 1389 and 7429
    expect(new Set(rows.map((r) => [r[0], r[2], r[4], r[5], r[6]].join('|'))).size).toBe(sites.size + 1);
    expect(batch.locations).toHaveLength(sites.size);
    expect(batch.organizations).toHaveLength(sites.size);
    expect(batch.merged).toBe(rows.length - sites.size);
    expect(sites.size).toBe(6311);
  });

  it('offers one service per site and medication: 10,307 services; the ~250 "duplicates" are 249 repeated site+medication rows', () => {
    const pairs = new Set(rows.map((r) => `${siteOf(r)}#${medicationOf(r)}`));
    expect(batch.services).toHaveLength(pairs.size);
    expect(batch.serviceAtLocations).toHaveLength(pairs.size);
    expect(pairs.size).toBe(10307);
    expect(rows.length - pairs.size).toBe(249);
    // README says "exact duplicates": no two lines are byte-for-byte equal; they differ in name2 or street2
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('rejects nothing and warns about nothing: every row has a name, an address, a known category and valid coordinates', () => {
    const bad = rows.filter(
      (r) =>
        [r[0], r[2], r[4], r[5]].includes('NA') ||
        !/^(buprenorphine|methadone|naltrexone\/vivitrol)$/.test(r[8]) ||
        !(Math.abs(Number(r[12])) <= 90 && Math.abs(Number(r[13])) <= 180),
    );
    expect(batch.rejected).toHaveLength(bad.length);
    expect(batch.warnings).toHaveLength(0);
    expect(bad).toHaveLength(0);
  });

  it('lists program names for the 126 sites with several name2 values', () => {
    const names = new Map<string, Set<string>>();
    for (const r of rows) if (r[1] !== 'NA') names.set(siteOf(r), (names.get(siteOf(r)) ?? new Set()).add(norm(r[1])));
    const several = [...names.values()].filter((s) => s.size > 1).length;
    expect(batch.locations.filter((l) => l.description?.startsWith('Programs at this address')).length).toBe(several);
    expect(several).toBe(126);
  });

  it('puts every point in range and inside US-ish bounds (the swap is handled)', () => {
    // states and territories: latitude 5..72; longitude west of -64, or Guam/CNMI/Palau at 130..150 east
    const usIsh = (lat: number, lon: number) => lat > 5 && lat < 72 && ((lon > -180 && lon < -64) || (lon > 130 && lon < 150));
    const outside = batch.locations.filter((l) => !(Math.abs(l.latitude!) <= 90 && Math.abs(l.longitude!) <= 180 && usIsh(l.latitude!, l.longitude!)));
    expect(outside).toEqual([]);
    const coffeyville = batch.locations.find((l) => l.name === 'Four County Mental Health Center' && l.city === 'Coffeyville')!;
    expect([coffeyville.latitude, coffeyville.longitude]).toEqual([37.0402928, -95.64145]);
  });

  it('pads every ZIP to 5 digits: 1,251 rows had lost leading zeros', () => {
    expect(rows.filter((r) => r[6].length < 5)).toHaveLength(1251);
    expect(batch.locations.filter((l) => !/^[0-9]{5}$/.test(l.postal_code ?? ''))).toEqual([]);
    expect(batch.locations.find((l) => l.name === 'Brien Center' && l.city === 'Great Barrington')?.postal_code).toBe('01230');
    expect(batch.locations.filter((l) => l.state_province === 'PR').every((l) => l.postal_code!.startsWith('00'))).toBe(true);
  });

  it('satisfies the location constraints: physical sites have an address, city and state; only Palau is not US', () => {
    expect(batch.locations.filter((l) => l.location_type !== 'physical' || !(l.address_1 && l.city && l.state_province))).toEqual([]);
    expect(batch.locations.filter((l) => l.country !== 'US').map((l) => l.country)).toEqual(['PW']);
  });

  it('uses unique external ids and only references records it holds', () => {
    const orgs = new Set(batch.organizations.map((o) => o.external_id));
    const locations = new Set(batch.locations.map((l) => l.external_id));
    const services = new Set(batch.services.map((s) => s.external_id));
    expect(orgs.size).toBe(batch.organizations.length);
    expect(locations.size).toBe(batch.locations.length);
    expect(services.size).toBe(batch.services.length);
    expect(batch.services.filter((s) => !orgs.has(s.organization_external_id))).toEqual([]);
    expect(batch.locations.filter((l) => !orgs.has(l.organization_external_id))).toEqual([]);
    expect(batch.serviceAtLocations.filter((sal) => !services.has(sal.service_external_id) || !locations.has(sal.location_external_id))).toEqual([]);
  });

  (existsSync(TAXONOMY) ? it : skippedBecause(`needs ${TAXONOMY}`))('uses only taxonomy codes from docs/taxonomy.md', () => {
    const codes = taxonomyCodes(readFileSync(TAXONOMY, 'utf8'));
    expect(codes.has('service.moud.naltrexone')).toBe(true);
    expect(batch.services.flatMap((s) => s.attributes ?? []).filter((a) => !codes.has(a))).toEqual([]);
  });

  it('gives the same ids on a re-import', () => {
    const again = parseSamhsaMoud(readFileSync(FILE, 'utf8'));
    expect(again.services.map((s) => s.external_id)).toEqual(batch.services.map((s) => s.external_id));
  });
});
