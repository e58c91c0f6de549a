import { ImportReport, zeroCounts } from './import-report';
import { findingPattern, formatImportReport } from './import-report-text';

const report = (extra: Partial<ImportReport>): ImportReport => ({
  import_id: '00000000-0000-4000-8000-000000000001',
  source: 'test-sheet',
  format: 'csv',
  dry_run: false,
  committed: true,
  rows_read: 10,
  rows_merged: 1,
  created: zeroCounts(),
  updated: zeroCounts(),
  unchanged: zeroCounts(),
  deleted: zeroCounts(),
  rejected: [],
  warnings: [],
  kept_apart: [],
  format_version: null,
  ...extra,
});

describe('formatImportReport', () => {
  it('groups what was left out by reason, with counts and the first lines, and never prints "line 0"', () => {
    const text = formatImportReport(
      report({
        warnings: [
          { line: 2, message: 'phone "911" has too few digits for a US number; left out' },
          { line: 5, message: 'phone "988" has too few digits for a US number; left out' },
          { line: 9, message: 'phone "711" has too few digits for a US number; left out' },
          { line: 12, message: 'phone "311" has too few digits for a US number; left out' },
          { line: 7, message: 'hours "by appointment" not understood; kept as text' },
          { line: 0, message: 'datapackage.json: declares no licence' },
        ],
        rejected: [{ line: 4, reason: 'a physical location needs address_1' }],
      }),
    );
    expect(text).toContain('warnings: left out or changed (6), by reason:');
    expect(text).toContain('    4 × phone "…" has too few digits for a US number; left out (lines 2, 5, 9, 12)');
    expect(text).toContain('        e.g. line 2: phone "911" has too few digits for a US number; left out');
    expect(text).toContain('        e.g. line 9: phone "711" has too few digits for a US number; left out');
    expect(text).not.toContain('line 12: phone'); // three examples per reason
    expect(text).toContain('    1 × line 7: hours "by appointment" not understood; kept as text');
    expect(text).toContain('    1 × datapackage.json: declares no licence');
    expect(text).toContain('  rejected (1), by reason:\n    1 × line 4: a physical location needs address_1');
    expect(text).not.toMatch(/line 0/);
  });

  it('lists each site kept apart, and the version a package was read as', () => {
    const text = formatImportReport(
      report({
        format_version: 'HSDS 3.0.0 (datapackage.json version 3.0.0)',
        kept_apart: [{ lines: [5, 9], name: 'Northgate Mutual Aid (fictional)', address: '100 Fictional Ave, Dallas', differs_in: ['hours', 'verified date'] }],
      }),
    );
    expect(text).toContain('  read as HSDS 3.0.0 (datapackage.json version 3.0.0)');
    expect(text).toContain('kept apart 1,');
    expect(text).toContain('    kept apart: Northgate Mutual Aid (fictional) at 100 Fictional Ave, Dallas: differs in hours, verified date (lines 5, 9)');
  });

  it('an HSDS finding names its own file and line; a dry run says it wrote nothing', () => {
    const text = formatImportReport(
      report({ dry_run: true, committed: false, rejected: [{ line: 2, reason: 'locations.csv line 2: latitude 100 is out of range [-90, 90]' }] }),
    );
    expect(text).toMatch(/^DRY RUN, nothing written: 1 rejected row/);
    expect(text).toContain('    1 × locations.csv line 2: latitude 100 is out of range [-90, 90]');
  });
});

describe('findingPattern', () => {
  it('masks the values a message quotes and the record keys it names', () => {
    expect(findingPattern("service 0123456789abcdef01234567~89abcdef:service.naloxone.distribution: dropped unknown code 'x.y'")).toBe(
      "service …: dropped unknown code '…'",
    );
    expect(findingPattern('locations.csv line 7: latitude 100 is out of range [-90, 90]')).toBe('locations.csv line N: latitude N is out of range [N, N]');
  });
});
