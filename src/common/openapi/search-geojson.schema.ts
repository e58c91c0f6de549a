/**
 * GET /v1/search as GeoJSON (src/modules/search/search.geojson.ts): an RFC 7946
 * FeatureCollection with two foreign members, `reaching` and `page`.
 * Hand-written because the body is built by a function, not a decorated class.
 */
export const SEARCH_FEATURE_COLLECTION_NAME = 'SearchFeatureCollection';
export const SEARCH_FEATURE_COLLECTION_REF = { $ref: `#/components/schemas/${SEARCH_FEATURE_COLLECTION_NAME}` };

/** A listing as in the JSON search, minus `location.geometry` (the Feature's geometry, or none for reaching programs). */
const listingWithoutPoint = (jsonSchema: string) => ({
  type: 'object',
  description: `The listing exactly as in the JSON search (${jsonSchema}) except that \`location\` has no \`geometry\` member.`,
  required: ['id', 'service', 'location', 'organization'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    service: { type: 'object' },
    organization: { type: 'object' },
    // `false`: the member must be absent (JSON Schema 2020-12 boolean schema)
    location: { type: 'object', properties: { geometry: false } },
  },
});

export const SEARCH_FEATURE_COLLECTION_SCHEMA = {
  type: 'object',
  description: 'RFC 7946 FeatureCollection of the places in the page, nearest first, with foreign members `reaching` and `page`.',
  required: ['type', 'features', 'reaching', 'page'],
  properties: {
    type: { type: 'string', const: 'FeatureCollection' },
    features: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'id', 'geometry', 'properties'],
        properties: {
          type: { type: 'string', const: 'Feature' },
          id: { type: 'string', format: 'uuid', description: 'The search result (service at location) id.' },
          geometry: {
            type: ['object', 'null'],
            description: 'GeoJSON Point [longitude, latitude], coarsened to a ~2 km grid when the address is hidden.',
            required: ['type', 'coordinates'],
            properties: {
              type: { type: 'string', const: 'Point' },
              coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
            },
          },
          properties: listingWithoutPoint('SearchResult'),
        },
      },
    },
    reaching: {
      type: 'array',
      description: 'Foreign member (RFC 7946 section 6.1): programs that reach the caller without a visit; not places on a map.',
      items: listingWithoutPoint('ReachingResult'),
    },
    page: { $ref: '#/components/schemas/SearchPageInfo' },
  },
};
