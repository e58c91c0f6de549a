import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { etagOf, serviceAtLocationEtag } from '../../common/http-etag';
import { Entity } from './write-transaction';

/**
 * What an If-Match is compared with. REST sends the ETag of the
 * representation it read (for a service at a location, that includes the
 * versions of its service and location); GraphQL has no ETags and sends the
 * record's own `version`.
 */
export type IfMatchAgainst = 'etag' | 'version';

/**
 * The strong ETag a GET of the record answers now, read inside the write
 * transaction that holds the record's lock (version = its locked version).
 */
export async function currentEtagOf(tx: EntityManager, entity: Entity, id: string, version: number, against: IfMatchAgainst): Promise<string> {
  if (entity !== 'service_at_location' || against === 'version') return etagOf(version);
  // a live link always has a live service and location (deleting either deletes it)
  const [row] = await tx.query<{ service_version: number; location_version: number }[]>(
    `SELECT s.version AS service_version, l.version AS location_version
       FROM service_at_location sal JOIN service s ON s.id = sal.service_id JOIN location l ON l.id = sal.location_id
      WHERE sal.id = $1`,
    [id],
  );
  return serviceAtLocationEtag({ version, service: { version: row.service_version }, location: { version: row.location_version } });
}

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
 * If-Match (RFC 9110 §13.1.1): only the current strong tag (e.g. `"3"`, or
 * `*`) matches; a weak `W/"3"` never does, because a weak tag does not
 * promise the very same bytes. Missing If-Match: 428. Anything else, stale
 * or not a tag: 412.
 */
export function checkStrongIfMatch(ifMatch: string | undefined, currentEtag: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new DomainError(
      ErrorCode.PreconditionRequired,
      'Send If-Match with the ETag from your last read of this record, so a concurrent change is not overwritten.',
      [{ name: 'If-Match', reason: 'required' }],
    );
  }
  const parsed = parseIfMatch(ifMatch);
  if (parsed?.any || parsed?.tags.some((t) => !t.weak && t.tag === currentEtag)) return;
  const weakOnly = parsed?.tags.some((t) => t.weak && t.tag === currentEtag);
  throw new DomainError(
    ErrorCode.PreconditionFailed,
    weakOnly
      ? `If-Match needs the strong ETag ${currentEtag}: a weak W/ tag never matches. Send the ETag exactly as read.`
      : `The record changed since you read it (now ${currentEtag}). Read it again, then retry.`,
    [{ name: 'If-Match', reason: `must be ${currentEtag}` }],
  );
}
