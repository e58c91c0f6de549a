import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/**
 * The one post-processing step for what @nestjs/swagger cannot express in
 * OpenAPI 3.1: it emits 3.0's `nullable: true`, which 3.1 (JSON Schema
 * 2020-12) dropped. Every schema in the document is rewritten in place:
 *
 * - `{ type: T, nullable: true }` → `{ type: [T, 'null'] }` (and `null` joins an `enum`);
 * - a nullable reference, which @nestjs/swagger writes as
 *   `{ nullable: true, type: 'object', allOf: [{ $ref }] }` (a schema that
 *   rejects null), → `{ oneOf: [{ $ref }, { type: 'null' }] }`, keeping its description;
 * - a nullable schema without a type (oneOf/anyOf/...) → `anyOf: [schema, { type: 'null' }]`.
 *
 * Everything else (types, formats, examples) is fixed at the source, in the
 * @ApiProperty decorators.
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  visit(document);
  return document;
}

function visit(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(visit);
  if (!node || typeof node !== 'object') return;
  const object = node as Schema;
  for (const value of Object.values(object)) visit(value);
  if (object.nullable === true) makeNullable(object);
  else if (object.nullable === false) delete object.nullable;
}

function makeNullable(schema: Schema): void {
  delete schema.nullable;
  const allOf = schema.allOf as Schema[] | undefined;
  if (allOf?.length === 1 && typeof allOf[0].$ref === 'string') {
    delete schema.allOf;
    delete schema.type;
    schema.oneOf = [allOf[0], { type: 'null' }];
    return;
  }
  if (typeof schema.$ref === 'string') {
    schema.oneOf = [{ $ref: schema.$ref }, { type: 'null' }];
    delete schema.$ref;
    return;
  }
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = schema.enum.concat(null);
    return;
  }
  if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = schema.type.concat('null');
    return;
  }
  const inner = { ...schema };
  for (const key of Object.keys(schema)) if (key !== 'description' && key !== 'example') delete schema[key];
  schema.anyOf = [inner, { type: 'null' }];
}
