import { SearchPage } from './search-result.model';

/**
 * A search page as an RFC 7946 FeatureCollection: one Feature per result, its
 * geometry the (public) location point, or null for a by-mail program.
 */
export function toFeatureCollection(page: SearchPage) {
  return {
    type: 'FeatureCollection' as const,
    features: page.data.map((result) => ({
      type: 'Feature' as const,
      id: result.id,
      geometry: result.location.geometry,
      properties: { ...result, location: { ...result.location, geometry: undefined } },
    })),
    page: page.page,
  };
}
