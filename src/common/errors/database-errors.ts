import { DomainError, ErrorCode } from './domain-error';

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
  message?: string;
}

/** Constraint names whose column is not obvious from the name. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  location_check: 'latitude',
  location_check1: 'latitude',
  location_physical_address_check: 'address',
  location_check4: 'postal_code',
  location_check5: 'service_area',
  schedule_check: 'schedules',
  schedule_check1: 'schedules',
  schedule_check2: 'schedules',
  language_code_fkey: 'languages',
  attribute_taxonomy_term_code_fkey: 'attributes',
  phone_number_check: 'phones',
  phone_type_check: 'phones',
};

function fieldOf(error: PgError, fallback: string): string {
  if (error.constraint && CONSTRAINT_FIELDS[error.constraint]) return CONSTRAINT_FIELDS[error.constraint];
  if (error.column) return error.column;
  const m = /^[a-z_]+?_([a-z_0-9]+?)_(check|fkey|key)$/.exec(error.constraint ?? '');
  return m ? m[1] : fallback;
}

/**
 * What a class 22 (data exception) error says about the input, in words that
 * name no SQL. Codes not listed get the generic reason: every 22xxx is a
 * value the caller sent that the database cannot use.
 */
const DATA_EXCEPTION_REASONS: Record<string, string> = {
  '22021': 'contains a character that cannot be stored (such as U+0000)', // character_not_in_repertoire: invalid byte sequence
  '22P05': 'contains a character that cannot be stored (such as \\u0000)', // untranslatable_character
  '22001': 'is too long', // string_data_right_truncation
  '22003': 'is out of range', // numeric_value_out_of_range
  '22007': 'is not a valid date or time', // invalid_datetime_format
  '22008': 'is not a valid date or time (out of range)', // datetime_field_overflow
  '22009': 'is not a valid time zone offset', // invalid_time_zone_displacement_value
  '22P02': 'is not valid for its type', // invalid_text_representation (numbers, uuids, json, arrays)
  '22023': 'is not an accepted value', // invalid_parameter_value (unknown time zone, ...)
  '22004': 'must not be null', // null_value_not_allowed
  '22012': 'leads to a division by zero', // division_by_zero
  '2201W': 'is not a valid row count', // invalid_row_count_in_limit_clause
  '2201X': 'is not a valid row count', // invalid_row_count_in_result_offset_clause
  '2201B': 'is not a valid pattern', // invalid_regular_expression
  '22025': 'is not a valid pattern', // invalid_escape_sequence
};

/**
 * PostGIS reports bad geometry as XX000 (internal_error), the same code as a
 * genuine server fault; only messages about geometry are the caller's fault.
 */
const POSTGIS_INPUT_MESSAGE = /geojson|geometry|geography|lwgeom|polygon|linearring|ring|coordinates|point|srid|dimension/i;

/**
 * A write or read the database refuses because of the input is the caller's
 * fault, not a 500. In one place for every request path:
 * - class 22 (data exceptions: bad text, numbers, dates, values out of range)
 *   and class 23 (integrity violations) become 400 naming the field where the
 *   database says which, `fallback` otherwise;
 * - a lost race on a unique key or an exclusion constraint is 409;
 * - PostGIS geometry errors are 400.
 * Anything else (a bug, an outage, a timeout) passes through untouched. The
 * reason never echoes the database's message, which may quote SQL or values.
 */
export function toDomainErrorFromDatabase(error: unknown, fallback = 'body'): unknown {
  if (error instanceof DomainError) return error;
  const pg = ((error as { driverError?: PgError })?.driverError ?? error) as PgError | undefined;
  const code = typeof pg?.code === 'string' ? pg.code : '';
  if (code === '23505' || code === '23P01') {
    // unique_violation, exclusion_violation
    return new DomainError(ErrorCode.Conflict, `Already exists: ${pg!.detail ?? pg!.constraint ?? 'a record with the same key'}`);
  }
  if (code === '23503') {
    // foreign_key_violation
    return DomainError.invalidParameter(fieldOf(pg!, fallback), `refers to something that does not exist (${pg!.detail ?? pg!.constraint})`);
  }
  if (code === '23502') return DomainError.invalidParameter(fieldOf(pg!, fallback), 'is required'); // not_null_violation
  if (code.startsWith('23')) {
    // check_violation, restrict_violation, integrity_constraint_violation, ...
    return DomainError.invalidParameter(fieldOf(pg!, fallback), `violates the rule ${pg!.constraint ?? 'of the field'}`);
  }
  if (code.startsWith('22')) {
    return DomainError.invalidParameter(fieldOf(pg!, fallback), DATA_EXCEPTION_REASONS[code] ?? 'is not a valid value');
  }
  if (code === 'XX000' && POSTGIS_INPUT_MESSAGE.test(pg!.message ?? '')) {
    return DomainError.invalidParameter(fieldOf(pg!, fallback === 'body' ? 'geometry' : fallback), 'is not a valid geometry');
  }
  return error;
}
