import { GraphQLScalarType, Kind } from 'graphql';

/**
 * A GeoJSON geometry object (RFC 7946: coordinates are [longitude, latitude]).
 * Output only: the API returns geometries, it does not accept them as input.
 */
export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry (RFC 7946), coordinates as [longitude, latitude].',
  serialize: (value) => value,
  parseValue: () => {
    throw new TypeError('GeoJSON is an output-only scalar');
  },
  parseLiteral: (ast) => {
    throw new TypeError(`GeoJSON is an output-only scalar (got ${ast.kind === Kind.OBJECT ? 'object' : ast.kind})`);
  },
});

export interface GeoJSONGeometry {
  type: string;
  coordinates: unknown;
}
