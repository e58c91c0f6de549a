import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Dates and instants as people and PostgreSQL both understand them: real
 * calendar dates (no 30 February, no ISO week or ordinal forms, which
 * PostgreSQL refuses) within years that make sense for a service directory.
 * Outside these years a value is a typo or a probe, and PostgreSQL would
 * refuse some of them (year 0) with an error instead of a 400.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** A YYYY-MM-DD calendar date between MIN_YEAR and MAX_YEAR. */
export function isCalendarDate(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An ISO 8601 date-time with an explicit offset (Z or ±HH:MM), every field in
 * range, as a Date; null when it is not one.
 */
export function parseCalendarDateTime(value: unknown): Date | null {
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (m[9] !== undefined && (Number(m[10]) > 14 || Number(m[11]) > 59)) return null;
  const at = new Date(value as string);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * Today's date where it is already latest (UTC+14): a date a person checked
 * "today" anywhere on Earth is not in the future by this measure.
 */
export function latestToday(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** class-validator: a real YYYY-MM-DD date; with notFuture, not after today. */
export function IsCalendarDate(options: { notFuture?: boolean } = {}, validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => isCalendarDate(value) && (!options.notFuture || value <= latestToday()),
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be a real calendar date YYYY-MM-DD between ${MIN_YEAR} and ${MAX_YEAR}${options.notFuture ? ', not in the future' : ''}`,
      },
    });
}

/** class-validator: this date is not before the date in `otherProperty` (when both are given). */
export function IsNotBefore(otherProperty: string, validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          return !isCalendarDate(value) || !isCalendarDate(other) || value >= other;
        },
        defaultMessage: ({ property }: ValidationArguments) => `${property} must not be before ${otherProperty}`,
      },
    });
}

/** class-validator: a real ISO 8601 date-time with an offset (see parseCalendarDateTime), e.g. for modified_after. */
export function IsCalendarDateTime(validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDateTime',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => parseCalendarDateTime(value) !== null,
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be a real ISO 8601 date-time with an offset between the years ${MIN_YEAR} and ${MAX_YEAR}, e.g. 2026-11-01T00:00:00Z`,
      },
    });
}
