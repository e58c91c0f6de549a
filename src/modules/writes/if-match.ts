import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { etagOf } from '../../common/http-etag';

/** `*`, or the entity-tags of an If-Match list (`"3", W/"4"`); null when the header is not that syntax. */
function parseIfMatch(header: string): { any: boolean; tags: { weak: boolean; tag: string }[] } | null {
  if (header.trim() === '*') return { any: true, tags: [] };
  const tags: { weak: boolean; tag: string }[] = [];
  const item = /\s*(W\/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(,|$)/y;
  let at = 0;
  while (at < header.length) {
    item.lastIndex = at;
    const m = item.exec(header);
    if (!m || m[0].length === 0) return null;
    tags.push({ weak: m[1] !== undefined, tag: m[2] });
    at = item.lastIndex;
  }
  return tags.length ? { any: false, tags } : null;
}

/**
 * Optimistic concurrency with the strong comparison HTTP requires for
 * If-Match (RFC 9110 §13.1.1): only `"n"` (or `*`) matches version n; a weak
 * `W/"n"` never does, because a weak tag does not promise the very same
 * bytes. Missing If-Match: 428. Anything else, stale or not a tag: 412.
 */
export function checkStrongIfMatch(ifMatch: string | undefined, current: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new DomainError(
      ErrorCode.PreconditionRequired,
      'Send If-Match with the ETag from your last read of this record, so a concurrent change is not overwritten.',
      [{ name: 'If-Match', reason: 'required' }],
    );
  }
  const parsed = parseIfMatch(ifMatch);
  if (parsed?.any || parsed?.tags.some((t) => !t.weak && t.tag === etagOf(current))) return;
  const weakOnly = parsed?.tags.some((t) => t.weak && t.tag === etagOf(current));
  throw new DomainError(
    ErrorCode.PreconditionFailed,
    weakOnly
      ? `If-Match needs the strong ETag ${etagOf(current)}: a weak W/ tag never matches. Send the ETag exactly as read.`
      : `The record changed since you read it (now ${etagOf(current)}). Read it again, then retry.`,
    [{ name: 'If-Match', reason: `must be ${etagOf(current)}` }],
  );
}
