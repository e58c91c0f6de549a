import { GraphQLSchema, isInputObjectType, isEnumType, isInterfaceType, isObjectType, isUnionType } from 'graphql';

/**
 * How many items each introspection list returns on average for this schema
 * (types × average fields = all fields), so an introspection query is costed
 * by what it really returns, and nesting `fields { type { fields ... } }`
 * multiplies like any other list.
 */
export type IntrospectionListSizes = Record<string, number>;

const cache = new WeakMap<GraphQLSchema, IntrospectionListSizes>();

const average = (total: number, count: number) => Math.max(1, Math.ceil(total / Math.max(1, count)));

export function introspectionListSizes(schema: GraphQLSchema): IntrospectionListSizes {
  const cached = cache.get(schema);
  if (cached) return cached;
  const types = Object.values(schema.getTypeMap());
  let fields = 0;
  let fieldArgs = 0;
  let inputFields = 0;
  let enumValues = 0;
  let interfaces = 0;
  let possibleTypes = 0;
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      const own = Object.values(type.getFields());
      fields += own.length;
      fieldArgs += own.reduce((sum, field) => sum + field.args.length, 0);
      interfaces += type.getInterfaces().length;
    }
    if (isInterfaceType(type) || isUnionType(type)) possibleTypes += schema.getPossibleTypes(type).length;
    if (isInputObjectType(type)) inputFields += Object.keys(type.getFields()).length;
    if (isEnumType(type)) enumValues += type.getValues().length;
  }
  const directives = schema.getDirectives();
  const sizes: IntrospectionListSizes = {
    '__Schema.types': types.length,
    '__Schema.directives': directives.length,
    '__Type.fields': average(fields, types.length),
    '__Type.inputFields': average(inputFields, types.length),
    '__Type.enumValues': average(enumValues, types.length),
    '__Type.interfaces': average(interfaces, types.length),
    '__Type.possibleTypes': average(possibleTypes, types.length),
    '__Field.args': average(fieldArgs, fields),
    '__Directive.args': average(
      directives.reduce((sum, d) => sum + d.args.length, 0),
      directives.length,
    ),
  };
  cache.set(schema, sizes);
  return sizes;
}
