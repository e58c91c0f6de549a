import { ReachingResult, SearchPage, SearchResult } from './search-result.model';

/** A listing without its point: the point is the Feature's geometry (data) or there is none (reaching). */
function withoutPoint<T extends SearchResult | ReachingResult>(listing: T) {
  const { geometry: _point, ...location } = listing.location;
  return { ...listing, location };
}

/**
 * A search page as an RFC 7946 FeatureCollection (`format=geojson` or
 * `Accept: application/geo+json`):
 *
 * - `features`: one Feature per place in `data`, nearest first; its geometry
 *   the location's public point (coarsened for hidden addresses), its
 *   properties the listing as in JSON, without `location.geometry`.
 * - `reaching` (foreign member, RFC 7946 section 6.1): the programs that reach
 *   the caller without a visit, the same listing objects, without a point:
 *   they are not places on a map. A GeoJSON reader that does not know the
 *   member ignores it.
 * - `page` (foreign member): limit, next_cursor and the origin searched from.
 *
 * No member the RFC reserves (geometry, properties, coordinates) is added at
 * the top level, so the collection stays valid GeoJSON.
 */
export function toFeatureCollection(page: SearchPage) {
  return {
    type: 'FeatureCollection' as const,
    features: page.data.map((result) => ({
      type: 'Feature' as const,
      id: result.id,
      geometry: result.location.geometry,
      properties: withoutPoint(result),
    })),
    reaching: page.reaching.map(withoutPoint),
    page: page.page,
  };
}
