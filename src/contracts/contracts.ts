import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { dump } from 'js-yaml';
import { createOpenApiDocument } from '../app.setup';

export const OPENAPI_FILE = 'openapi.yaml';
export const GRAPHQL_SCHEMA_FILE = 'schema.graphql';

/**
 * The API contracts as generated from code. They are committed, and a test
 * fails when the committed copies drift from what the code generates.
 */
export function renderContracts(app: INestApplication): { openapi: string; graphql: string } {
  const openapi = dump(createOpenApiDocument(app), { noRefs: true, lineWidth: 120, sortKeys: false });
  const graphql = printSchema(app.get(GraphQLSchemaHost).schema) + '\n';
  return { openapi, graphql };
}
