import { ValidationError } from 'class-validator';
import { DomainError, ErrorCode, InvalidParam } from './domain-error';

function flatten(errors: ValidationError[], prefix = ''): InvalidParam[] {
  return errors.flatMap((e) => {
    const name = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ name, reason }));
    return [...own, ...flatten(e.children ?? [], name)];
  });
}

/** Turns class-validator failures into one 400 that names every bad parameter. */
export function validationExceptionFactory(errors: ValidationError[]): DomainError {
  const invalid = flatten(errors);
  const detail = invalid.map((p) => `${p.name}: ${p.reason}`).join('; ');
  return new DomainError(ErrorCode.InvalidParameter, detail, invalid);
}
