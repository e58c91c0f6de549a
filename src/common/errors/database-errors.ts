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

function fieldOf(error: PgError): string {
  if (error.constraint && CONSTRAINT_FIELDS[error.constraint]) return CONSTRAINT_FIELDS[error.constraint];
  if (error.column) return error.column;
  const m = /^[a-z_]+?_([a-z_0-9]+?)_(check|fkey|key)$/.exec(error.constraint ?? '');
  return m ? m[1] : 'body';
}

/**
 * A write the database refuses is the caller's fault, not a 500: constraint
 * violations become 400 naming the field, a lost race on a unique key 409.
 * Anything else passes through untouched.
 */
export function toDomainErrorFromDatabase(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const pg = ((error as { driverError?: PgError }).driverError ?? error) as PgError;
  switch (pg?.code) {
    case '23514': // check_violation
    case '23502': // not_null_violation
    case '22P02': // invalid_text_representation
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22003': // numeric_value_out_of_range
    case 'XX000': // PostGIS geometry errors (invalid GeoJSON)
      return DomainError.invalidParameter(fieldOf(pg), `violates the rule ${pg.constraint ?? pg.message ?? 'of the field'}`);
    case '23503': // foreign_key_violation
      return DomainError.invalidParameter(fieldOf(pg), `refers to something that does not exist (${pg.detail ?? pg.constraint})`);
    case '23505': // unique_violation
      return new DomainError(ErrorCode.Conflict, `Already exists: ${pg.detail ?? pg.constraint}`);
    default:
      return error;
  }
}
