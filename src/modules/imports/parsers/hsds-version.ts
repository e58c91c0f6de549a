import { existsSync, readdirSync } from 'fs';
import { basename } from 'path';
import type { DataPackage } from './hsds-table-schema';

/**
 * Which HSDS version a package folder holds. This importer reads HSDS 3.0
 * tabular packages; HSDS 1.x (2015-2019: the Ohana API era) and 2.0 (2020)
 * packages have other tables and columns, and read as 3.0 they produce
 * hundreds of confusing findings. So the version is decided first, from:
 * 1. datapackage.json `version` ("2.0.1", "3.0.0") or an HSDS version in its
 *    `profile`, `name` or `title`;
 * 2. else the tables only 1.x/2.x packages have (below), by file name;
 * 3. else HSDS 3.0 is assumed, and the report says it was assumed.
 */
const ONLY_1X = ['regular_schedules.csv', 'holiday_schedules.csv', 'services_taxonomy.csv', 'service_taxonomy.csv', 'taxonomy.csv', 'mail_addresses.csv'];
const ONLY_2X = ['service_attributes.csv', 'other_attributes.csv'];
/** tables of both 1.x and 2.x that 3.0 renamed or folded into others */
const ONLY_1X_OR_2X = [
  'physical_addresses.csv',
  'postal_addresses.csv',
  'services_at_location.csv',
  'accessibility_for_disabilities.csv',
  'payments_accepted.csv',
  'eligibility.csv',
];
const LEGACY_FILES = [...ONLY_1X, ...ONLY_2X, ...ONLY_1X_OR_2X];

export interface HsdsVersion {
  /** 'HSDS 1.x', 'HSDS 2.0.1', 'HSDS 3.0.0', 'HSDS 3.0' (assumed) */
  label: string;
  /** 1, 2 or 3; null when only "1.x or 2.x" is known */
  major: number | null;
  /** legacy: 1.x or 2.x, not readable as 3.0 */
  legacy: boolean;
  /** what the decision rests on, for the message: "regular_schedules.csv, no datapackage.json" */
  evidence: string;
  /** 1.x/2.x table files present in the folder (also when datapackage.json says 3.x) */
  legacyFiles: string[];
}

const VERSION_IN_TEXT = /\bhsds[\s_/-]*v?(\d+(?:\.\d+){0,2})\b/i;

function declaredVersion(pkg: DataPackage & { version?: unknown; profile?: unknown }): { version: string; where: string } | null {
  if (typeof pkg.version === 'string' && /^\d+(\.\d+){0,2}$/.test(pkg.version.trim()))
    return { version: pkg.version.trim(), where: `datapackage.json version ${pkg.version.trim()}` };
  for (const field of ['profile', 'name', 'title'] as const) {
    const value = (pkg as Record<string, unknown>)[field];
    const m = typeof value === 'string' ? VERSION_IN_TEXT.exec(value) : null;
    if (m) return { version: m[1], where: `datapackage.json ${field} '${m.input}'` };
  }
  return null;
}

export function detectHsdsVersion(dir: string, pkg: DataPackage | null): HsdsVersion {
  const present = existsSync(dir) ? readdirSync(dir).map((f) => basename(f).toLowerCase()) : [];
  const declaredFiles = (pkg?.resources ?? []).flatMap((r) => (Array.isArray(r.path) ? r.path : r.path ? [r.path] : [])).map((p) => basename(p).toLowerCase());
  const legacyFiles = LEGACY_FILES.filter((f) => present.includes(f) || declaredFiles.includes(f));
  const declared = pkg ? declaredVersion(pkg) : null;
  if (declared) {
    const major = Number(declared.version.split('.')[0]);
    return { label: `HSDS ${declared.version}`, major, legacy: major < 3, evidence: declared.where, legacyFiles };
  }
  const noPackage = pkg ? 'datapackage.json declares no version' : 'no datapackage.json';
  if (legacyFiles.length) {
    const has = (list: string[]) => legacyFiles.some((f) => list.includes(f));
    const [label, major] = has(ONLY_1X) ? ['HSDS 1.x', 1] : has(ONLY_2X) ? ['HSDS 2.x', 2] : ['HSDS 1.x/2.x', null];
    return { label, major, legacy: true, evidence: `${legacyFiles.join(', ')}, ${noPackage}`, legacyFiles };
  }
  return { label: 'HSDS 3.0', major: 3, legacy: false, evidence: `assumed: ${noPackage}`, legacyFiles };
}

/** The rejection for a 1.x/2.x package: what was detected, and the way forward. */
export function legacyPackageMessage(version: HsdsVersion): string {
  return (
    `${version.label} package detected (${version.evidence}): this importer reads HSDS 3.0 tabular packages; ` +
    `convert it to HSDS 3.0 (tables and columns: see README, "Importing HSDS") and import the converted folder`
  );
}
