import { Transform } from 'class-transformer';
import { DomainError } from '../errors/domain-error';

/**
 * One rule for numbers in query strings: plain decimal digits only. Number()
 * alone would take '0x10', ' 5', '1e1', 'Infinity' and '' (as 0), so a typo
 * could silently change a result. GraphQL passes real numbers, which go
 * through untouched to the validators.
 */
const INTEGER = /^-?\d{1,15}$/;
const DECIMAL = /^-?\d{1,15}(\.\d{1,15})?$/;

export function parseStrictInteger(value: string, name: string): number {
  if (!INTEGER.test(value)) throw DomainError.invalidParameter(name, 'must be a whole number written in decimal digits, e.g. 20');
  return Number(value);
}

export function parseStrictDecimal(value: string, name: string): number {
  if (!DECIMAL.test(value)) throw DomainError.invalidParameter(name, 'must be a number written in decimal digits, e.g. 10 or 2.5');
  return Number(value);
}

/** Query parameter -> integer, or a 400 naming the parameter. */
export const ToInteger = () =>
  Transform(({ value, key }: { value: unknown; key: string }) => (typeof value === 'string' ? parseStrictInteger(value, key) : value), { toClassOnly: true });

/** Query parameter -> decimal number, or a 400 naming the parameter. */
export const ToDecimal = () =>
  Transform(({ value, key }: { value: unknown; key: string }) => (typeof value === 'string' ? parseStrictDecimal(value, key) : value), { toClassOnly: true });

/** Query parameter 'true'/'false' -> boolean; anything else is left for the validator to refuse. */
export const ToBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value), { toClassOnly: true });
