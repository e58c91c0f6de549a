import { PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertUuid(value: string, param = 'id'): string {
  if (!UUID.test(value)) {
    throw new DomainError(ErrorCode.InvalidId, `${param} '${value.slice(0, 64)}' is not a UUID.`, [
      { name: param, reason: 'must be a UUID such as 3f1c6f0e-8a52-4c1e-9a55-0d2b5e8f9a10' },
    ]);
  }
  return value.toLowerCase();
}

/** Path-parameter pipe: a malformed id is a 400 before any SQL runs. */
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly param = 'id') {}
  transform(value: string): string {
    return assertUuid(value, this.param);
  }
}
