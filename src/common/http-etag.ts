import { DomainError, ErrorCode } from './errors/domain-error';

/** The ETag of a record: its version, as a strong entity tag. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * Optimistic concurrency: an update or delete must name the version it read.
 * Missing If-Match: 428. Another write got there first: 412.
 */
export function checkIfMatch(ifMatch: string | undefined, current: number): void {
  if (!ifMatch) {
    throw new DomainError(
      ErrorCode.PreconditionRequired,
      'Send If-Match with the ETag from your last read of this record, so a concurrent change is not overwritten.',
      [{ name: 'If-Match', reason: 'required' }],
    );
  }
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(etagOf(current))) return;
  throw new DomainError(
    ErrorCode.PreconditionFailed,
    `The record changed since you read it (now ${etagOf(current)}). Read it again, then retry.`,
    [{ name: 'If-Match', reason: `must be ${etagOf(current)}` }],
  );
}
