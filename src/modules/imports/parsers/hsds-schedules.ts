import { ImportedSchedule } from '../import-batch';
import { HsdsReport } from './hsds-report';
import { ScheduleTime, fixedOffsetZone, isIanaTimeZone, parseByday, parseScheduleTime, zoneOffsets } from './hsds-rules';
import { CsvRow } from './hsds-table-schema';

/** A trimmed cell, null when missing or blank. */
export function cell(row: CsvRow, field: string): string | null {
  const v = row.cells[field];
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/**
 * One schedules.csv row -> a weekly interval, or free text when the row has
 * no usable times (MONTHLY rules, description only), or null when rejected.
 *
 * Forms accepted: freq WEEKLY (or empty), byday a comma list of MO..SU,
 * opens_at/closes_at HH:MM or HH:MM:SS with an optional Z/±HH:MM suffix;
 * closes_at may be 24:00 or 23:59:59 (end of day: our exporter writes 24:00
 * as 23:59:59, Table Schema `time` having no 24:00) or earlier than opens_at
 * (past midnight).
 * The time zone comes from x_timezone (our extension: IANA name), else the
 * HSDS timezone number or a time suffix (a UTC offset: mapped to
 * defaultTimezone when its offsets match, else to Etc/GMT±N with a warning),
 * else defaultTimezone.
 */
export function mapScheduleRow(file: string, row: CsvRow, report: HsdsReport, defaultTimezone: string | undefined): ImportedSchedule | string | null {
  const { line } = row;
  const freq = cell(row, 'freq');
  const description = cell(row, 'description');
  const notes = [description, cell(row, 'notes')].filter(Boolean).join('\n') || null;
  const [byday, opens, closes] = [cell(row, 'byday'), cell(row, 'opens_at'), cell(row, 'closes_at')];

  if (freq === 'MONTHLY') {
    report.loss(file, line, `freq MONTHLY cannot be represented (weekly schedules only)${notes ? '; its text is kept as hours text' : ''}`);
    return notes;
  }
  if (freq !== null && freq !== 'WEEKLY') {
    report.reject(file, line, `freq '${freq}' is not WEEKLY or MONTHLY`);
    return null;
  }
  if (!byday && !opens && !closes) {
    if (notes) {
      report.loss(file, line, 'has no byday, opens_at or closes_at; its text is kept as hours text');
      return notes;
    }
    report.reject(file, line, 'has no byday, opens_at or closes_at');
    return null;
  }

  let ok = true;
  const fail = (message: string) => {
    report.reject(file, line, message);
    ok = false;
  };
  if (!byday) fail('byday is required with opens_at/closes_at (e.g. MO,TU,WE)');
  if (!opens) fail('opens_at is required with byday');
  if (!closes) fail('closes_at is required with byday');
  const days = byday ? parseByday(byday) : null;
  if (days && 'problem' in days) fail(days.problem);
  const opensAt = opens ? parseScheduleTime(opens) : null;
  const closesAt = closes ? readClosingTime(closes) : null;
  if (opens && !opensAt) fail(`opens_at '${opens}' is not a time (HH:MM)`);
  if (closes && !closesAt) fail(`closes_at '${closes}' is not a time (HH:MM)`);
  if (opensAt?.hhmm === '24:00') fail('opens_at 24:00 is not a time of day (use 00:00)');
  if (opensAt && closesAt && opensAt.hhmm === closesAt.hhmm) fail(`opens_at and closes_at are both ${opensAt.hhmm}`);
  if (opensAt?.truncated || closesAt?.truncated) report.warn(file, line, 'seconds in opens_at/closes_at were dropped (HH:MM)');
  const interval = cell(row, 'interval');
  if (interval !== null && Number(interval) !== 1) {
    report.loss(file, line, `interval ${interval} (every ${interval} weeks) cannot be represented; imported as every week`);
  }
  if (!ok || !days || 'problem' in days || !opensAt || !closesAt) return null;

  const timezone = resolveTimezone(file, row, report, defaultTimezone, opensAt.offset ?? closesAt.offset);
  if (!timezone) return null;
  return { byday: days.days, opens_at: opensAt.hhmm, closes_at: closesAt.hhmm, timezone, notes };
}

/** A closing time; 23:59:59 is the end of day (24:00), as hsds-export.mapper.ts toHsdsTime writes it. */
function readClosingTime(value: string): ScheduleTime | null {
  const time = parseScheduleTime(value);
  if (!time || !/^23:59:59(\.0+)?(Z|[+-]\d{2}:?\d{2})?$/.test(value.trim())) return time;
  return { ...time, hhmm: '24:00', truncated: false };
}

function resolveTimezone(file: string, row: CsvRow, report: HsdsReport, defaultTimezone: string | undefined, timeOffset: number | null): string | null {
  const { line } = row;
  const named = cell(row, 'x_timezone');
  if (named) {
    if (isIanaTimeZone(named)) return named;
    report.reject(file, line, `x_timezone '${named}' is not an IANA time zone`);
    return null;
  }
  const tzText = cell(row, 'timezone');
  const offset = tzText !== null ? Number(tzText) : timeOffset;
  if (offset === null || Number.isNaN(offset)) {
    if (defaultTimezone) return defaultTimezone;
    report.reject(file, line, 'timezone is missing and no defaultTimezone was given');
    return null;
  }
  if (defaultTimezone && zoneOffsets(defaultTimezone).includes(offset)) return defaultTimezone;
  const what = tzText !== null ? `timezone ${tzText}` : `UTC offset ${offset} in opens_at/closes_at`;
  const zone = fixedOffsetZone(offset);
  if (zone) {
    report.loss(file, line, `${what} is a UTC offset, not a place; mapped to ${zone} (no daylight saving time)`);
    return zone;
  }
  if (defaultTimezone) {
    report.loss(file, line, `${what} has no IANA equivalent; used defaultTimezone ${defaultTimezone}`);
    return defaultTimezone;
  }
  report.reject(file, line, `${what} has no IANA equivalent; set defaultTimezone`);
  return null;
}
