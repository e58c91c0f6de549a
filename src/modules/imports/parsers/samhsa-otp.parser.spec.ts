import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { ImportBatch } from '../import-batch';
import { parseSamhsaOtp } from './samhsa-otp.parser';
import { SHARED, splitCsvLine as splitLine, taxonomyCodes } from '../../../../test/support/shared-docs';
import { describeIf } from '../../../../test/support/skips';

const FILE = path.join(SHARED, 'data/samhsa-otp-2022/otp-directory.csv');
const TAXONOMY = path.join(SHARED, 'docs/taxonomy.md');

const HEADER = 'ID,ADDRESS,CITY,STATE,POSTAL,Latitude,Longitude';

describe('parseSamhsaOtp on small inputs', () => {
  it('makes one organization, physical location and methadone service per row, and folds identical rows', () => {
    const line = '"Clinic, LLC",9 Village Inn,Westminster,MA,1441,42.5428105,-71.87922258';
    const batch = parseSamhsaOtp([HEADER, line, line, 'Other,1 Main St,Boston,MA,02108-1234,42.35,-71.06'].join('\n'));
    expect(batch.rowsRead).toBe(3);
    expect(batch.merged).toBe(1);
    expect(batch.organizations.map((o) => o.name)).toEqual(['Clinic, LLC', 'Other']);
    expect(batch.locations.map((l) => [l.location_type, l.postal_code])).toEqual([
      ['physical', '01441'],
      ['physical', '02108-1234'],
    ]);
    expect(batch.services.map((s) => [s.name, s.attributes])).toEqual([
      ['Methadone treatment', ['service.moud.methadone']],
      ['Methadone treatment', ['service.moud.methadone']],
    ]);
    expect(batch.warnings).toEqual([]);
  });

  it('marks a PO-box-only address approximate, and decodes Latin-1 bytes', () => {
    const latin1 = Buffer.from(`${HEADER}\nCl\u00ednica,PO BOX 6367,Tyler,TX,75711-6367,32.32,-95.30\n`, 'latin1');
    const batch = parseSamhsaOtp(latin1);
    expect(batch.organizations[0].name).toBe('Cl\u00ednica');
    expect(batch.locations[0].coordinates_approximate).toBe(true);
    expect(batch.warnings).toEqual([{ line: 2, message: expect.stringMatching(/PO box/) }]);
  });
});

const describeIfData = describeIf(existsSync(FILE), 'samhsa-otp.parser: the real file', `needs ${FILE} (set SHARED_DATA_DIR to the shared/data folder)`);

describeIfData('parseSamhsaOtp on the real file (samhsa-otp-2022/otp-directory.csv)', () => {
  let batch: ImportBatch;
  let lines: string[];
  let rows: string[][];

  beforeAll(() => {
    const bytes = readFileSync(FILE);
    lines = bytes
      .toString('latin1')
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l !== '');
    rows = lines.map(splitLine);
    batch = parseSamhsaOtp(bytes);
  });

  it('reads 1,831 rows; the one exact duplicate line (START Treatment, 119-121 West 124th St., lines 1547-1548) is merged: 1,830 sites', () => {
    const distinct = new Set(lines).size;
    expect(batch.rowsRead).toBe(lines.length);
    expect(lines.length).toBe(1831);
    expect(batch.merged).toBe(lines.length - distinct);
    expect(batch.merged).toBe(1);
    for (const list of [batch.organizations, batch.locations, batch.services, batch.serviceAtLocations]) expect(list).toHaveLength(distinct);
    expect(batch.rejected).toEqual([]);
  });

  it('offers only methadone (service.moud.methadone, a code in docs/taxonomy.md), at physical locations in range', () => {
    expect(batch.services.filter((s) => JSON.stringify(s.attributes) !== '["service.moud.methadone"]')).toEqual([]);
    if (existsSync(TAXONOMY)) expect(taxonomyCodes(readFileSync(TAXONOMY, 'utf8'))).toContain('service.moud.methadone');
    const usIsh = (lat: number, lon: number) => lat > 13 && lat < 72 && lon > -180 && lon < -64;
    expect(batch.locations.filter((l) => l.location_type !== 'physical' || !usIsh(l.latitude!, l.longitude!))).toEqual([]);
  });

  it('warns about, and marks approximate, the 5 addresses that are only a PO box', () => {
    const poBoxLines = rows.map((r, i) => (/^P\.?\s*O\.?\s*BOX\s+\S+$/i.test(r[1].trim()) ? i + 2 : 0)).filter(Boolean);
    expect(poBoxLines).toEqual([23, 422, 424, 673, 1489]);
    expect(batch.warnings.map((w) => w.line)).toEqual(poBoxLines);
    expect(batch.locations.filter((l) => l.coordinates_approximate)).toHaveLength(poBoxLines.length);
  });

  it('pads ZIPs that lost leading zeros (Massachusetts 1441 -> 01441, Puerto Rico 736 -> 00736) and keeps ZIP+4', () => {
    const short = rows.filter((r) => /^\d{3,4}$/.test(r[4])).length;
    expect(short).toBe(232);
    expect(batch.locations.filter((l) => !/^[0-9]{5}(-[0-9]{4})?$/.test(l.postal_code ?? ''))).toEqual([]);
    expect(batch.locations.find((l) => l.address_1 === '9 Village Inn')?.postal_code).toBe('01441');
    expect(batch.locations.find((l) => l.city === 'Cayey')?.postal_code).toBe('00736');
    expect(batch.locations.filter((l) => l.postal_code!.length === 10)).toHaveLength(rows.filter((r) => r[4].length === 10).length);
  });

  it('decodes the Latin-1 file ("Cl\u00ednica ... Cayey"), and warns when given text already decoded as UTF-8', () => {
    expect(batch.organizations.find((o) => o.name.endsWith('Cayey'))?.name).toMatch(/^Cl\u00ednica de Tratamiento/);
    const mangled = parseSamhsaOtp(readFileSync(FILE, 'utf8'));
    expect(mangled.warnings[0]).toEqual({ line: 423, message: expect.stringMatching(/U\+FFFD/) });
  });

  it('uses unique external ids that survive a re-import', () => {
    expect(new Set(batch.locations.map((l) => l.external_id)).size).toBe(batch.locations.length);
    expect(parseSamhsaOtp(readFileSync(FILE)).locations.map((l) => l.external_id)).toEqual(batch.locations.map((l) => l.external_id));
  });
});
