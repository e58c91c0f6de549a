import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, GraphQLSchema, isNonNullType } from 'graphql';
import { createOpenApiDocument } from '../../../src/app.setup';
import { EMBED_OPTIONS } from '../../../src/modules/embed/embed-options';

/** The parts of an OpenAPI parameter schema the generators use. */
export interface ParameterSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  format?: string;
  /** A repeated (array) parameter's is an array. */
  example?: string | number | boolean | Array<string | number | boolean>;
}

export interface QueryParameter {
  name: string;
  required: boolean;
  schema: ParameterSchema;
}

/** A public GET operation: path template (`/v1/organizations/{id}`), its path and query parameters. */
export interface GetOperation {
  path: string;
  pathParams: string[];
  query: QueryParameter[];
}

export interface GraphQLArgument {
  name: string;
  /** The named scalar type: String, Int, Float, Boolean, ID... */
  type: string;
  required: boolean;
}

export interface FuzzSurface {
  operations: GetOperation[];
  /** Arguments of the GraphQL `search` field. */
  searchArgs: GraphQLArgument[];
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: ParameterSchema;
}

/** The embed pages' option types (embed-options.ts checks them; nothing publishes them as a schema). */
const EMBED_SCHEMAS: Partial<Record<(typeof EMBED_OPTIONS)[number], ParameterSchema>> = {
  limit: { type: 'number', minimum: 1, maximum: 50 },
  'radius-km': { type: 'number', minimum: 0, maximum: 300 },
  'heading-level': { type: 'number', minimum: 1, maximum: 5 },
  'open-now': { type: 'boolean' },
  'allow-geolocation': { type: 'boolean' },
  lang: { type: 'string', enum: ['en', 'es'] },
  units: { type: 'string', enum: ['mi', 'km'] },
};

/**
 * Every public GET operation from the OpenAPI document the app generates
 * itself, so a parameter added to a DTO is fuzzed without touching the fuzz
 * code. The embed pages are kept out of that document (they are HTML, not API
 * operations) and are added from their own option list.
 */
export function publicGetOperations(app: INestApplication): GetOperation[] {
  const document = createOpenApiDocument(app);
  const operations: GetOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const get = item.get;
    if (!get || (get.security && get.security.length > 0)) continue;
    const parameters = (get.parameters ?? []) as OpenApiParameter[];
    operations.push({
      path,
      pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} })),
    });
  }
  const embedQuery = EMBED_OPTIONS.map((name) => ({ name, required: false, schema: EMBED_SCHEMAS[name] ?? { type: 'string' } }));
  for (const path of ['/embed/listings', '/embed/demo', '/embed']) operations.push({ path, pathParams: [], query: embedQuery });
  return operations;
}

export function graphqlFieldArguments(schema: GraphQLSchema, field: string): GraphQLArgument[] {
  const definition = schema.getQueryType()?.getFields()[field];
  if (!definition) throw new Error(`GraphQL Query has no field ${field}`);
  return definition.args.map((arg) => ({ name: arg.name, type: getNamedType(arg.type).name, required: isNonNullType(arg.type) }));
}

export function fuzzSurface(app: INestApplication): FuzzSurface {
  const schema = app.get(GraphQLSchemaHost).schema;
  return { operations: publicGetOperations(app), searchArgs: graphqlFieldArguments(schema, 'search') };
}
