import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Sizes of introspection lists, measured once on the schema itself, so the standard introspection
 * query a partner's codegen sends costs about what it returns.
 */
export function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
  const types = Object.values(schema.getTypeMap());
  // Averages over every type, so `types` x `fields` is the schema's real number of fields.
  const perType = (count: (t: (typeof types)[number]) => number) =>
    Math.max(1, Math.ceil(types.reduce((sum, t) => sum + count(t), 0) / types.length));
  const fields = types.flatMap((t) =>
    isObjectType(t) || isInterfaceType(t) ? Object.values(t.getFields()) : [],
  );
  const directives = schema.getDirectives();
  return {
    '__Schema.types': types.length,
    '__Schema.directives': directives.length,
    '__Type.fields': perType((t) =>
      isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()).length : 0,
    ),
    '__Type.interfaces': perType((t) =>
      isObjectType(t) || isInterfaceType(t) ? t.getInterfaces().length : 0,
    ),
    '__Type.possibleTypes': perType((t) =>
      isUnionType(t) ? t.getTypes().length : isInterfaceType(t) ? schema.getPossibleTypes(t).length : 0,
    ),
    '__Type.enumValues': perType((t) => (isEnumType(t) ? t.getValues().length : 0)),
    '__Type.inputFields': perType((t) => (isInputObjectType(t) ? Object.keys(t.getFields()).length : 0)),
    '__Field.args': Math.max(
      1,
      Math.ceil(fields.reduce((sum, f) => sum + f.args.length, 0) / Math.max(1, fields.length)),
    ),
    '__Directive.args': Math.max(
      1,
      Math.ceil(directives.reduce((sum, d) => sum + d.args.length, 0) / Math.max(1, directives.length)),
    ),
  };
}
