/**
 * Strong entity tags for record representations. A tag is built from the
 * versions of every record the representation is made of, so it changes
 * whenever any of them does; detail lists (phones, hours, languages,
 * attributes) are rewritten in the same UPDATE that bumps their owner's
 * version (REST/GraphQL writes and imports alike), so the owner's version
 * covers them.
 *
 * Versions rather than a hash of the body: a write checks If-Match inside
 * its transaction, and reading a few locked versions there is cheap where
 * re-rendering the representation to hash it is not; and GraphQL, which
 * has no ETags, keeps meaning the same thing by `version`.
 *
 * Strong, not weak: If-Match must compare strongly (RFC 9110 §13.1.1,
 * src/modules/writes/if-match.ts), and the same versions render the same
 * bytes. Lists and search, whose bytes depend on many records, get a weak
 * hash of the body instead (src/common/http/http-caching.ts).
 * Not versioned yet: a record's `source` (data_source licence/attribution,
 * which an import may change) and taxonomy term names (changed by migrations).
 */

/** A record that embeds nothing but its own detail lists: its version, `"3"` (also what GraphQL calls `version`). */
export const etagOf = (version: number) => `"${version}"`;

/** The versions a service-at-location representation is assembled from. */
export interface ServiceAtLocationVersions {
  version: number;
  service: { version: number };
  location: { version: number };
}

/**
 * A service at a location embeds its service and its location (and their
 * phones): `"sal1-s3-l7"`. Its own version alone would let a cache keep a
 * stale location after a PATCH of that location.
 */
export const serviceAtLocationEtag = (record: ServiceAtLocationVersions) => `"sal${record.version}-s${record.service.version}-l${record.location.version}"`;
