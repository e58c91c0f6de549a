import { ImportWarning, KeptApart, RejectedRow } from './import-batch';

export type RecordKind = 'organizations' | 'services' | 'locations' | 'service_at_locations';
export type Counts = Record<RecordKind, number>;

export const zeroCounts = (): Counts => ({ organizations: 0, services: 0, locations: 0, service_at_locations: 0 });

/** What an import did, record by record kind; the CLI and POST /v1/imports print the same. */
export interface ImportReport {
  import_id: string;
  source: string;
  format: string;
  dry_run: boolean;
  /** false when nothing was written (dry run, or the import was rejected) */
  committed: boolean;
  rows_read: number;
  /** source rows folded into another record (duplicates, one row per medication, ...) */
  rows_merged: number;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  /** in the directory from this source before, absent from this file: soft-deleted */
  deleted: Counts;
  rejected: RejectedRow[];
  warnings: ImportWarning[];
  /** rows under one site key that differ in hours, access terms or verified date: kept as distinct services */
  kept_apart: KeptApart[];
  /** what the source was read as, when the format has versions (HSDS: 'HSDS 3.0.0'); null otherwise */
  format_version: string | null;
}

export function totalChanges(report: ImportReport): number {
  const sum = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);
  return sum(report.created) + sum(report.updated) + sum(report.deleted);
}
