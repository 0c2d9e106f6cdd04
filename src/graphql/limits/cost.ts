import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isUnionType,
  isListType,
  isObjectType,
  Kind,
  // graphql-js keeps the meta fields outside the root type's field map.
  SchemaMetaFieldDef as schemaMetaField,
  TypeMetaFieldDef as typeMetaField,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../domain/pagination.js';

/**
 * The query cost model: an upper estimate of how many objects a response can hold.
 *
 * - Every field that returns an object (or a list of objects) costs 1 per object; scalar and enum
 *   fields cost 0, since they come with their parent's row and a selection can only repeat them
 *   through aliases, which are capped separately. Long texts are the exception (`LEAF_COSTS`): an
 *   event description of up to 5,000 characters costs 10, so 15 aliased pages of 100 descriptions
 *   (7.5 MB) cannot pass as 3,000.
 * - A list multiplies the cost of its selection by its expected size:
 *   - a paginated field (one with a `first` argument) by its page size: `first` from the literal or
 *     the variable, default 20, at most 100 (a larger `first` is rejected by the resolver anyway);
 *     its `edges` list is then counted once, not again;
 *   - `SeatMap.seats` by 500 seats (a large screen: the heaviest read of the API), `SeatMap.sections`
 *     by 10, and the other short lists by the sizes in `LIST_SIZES`;
 *   - introspection lists by the actual averages of this schema (so the standard introspection
 *     query a partner's codegen sends costs about what it returns); `ofType` links are free, since
 *     a type reference has a few wrappers at most and a deeper chain only returns nulls.
 *
 * A full seat map (`show { seatMap { seats { ... price { ... } } sections { ... } } }`) costs about
 * 1,030, a page of 20 shows with their events and venues 120, the standard introspection query
 * (graphql-js `getIntrospectionQuery()`) about 1,060; the limit is 5,000 (`MAX_COST`).
 */
export const MAX_COST = 5_000;

/** Expected list sizes, by `Type.field`. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'SeatMap.seats': 500,
  'SeatChange.seats': 500, // a resumed subscription may send the whole seat map
  'SeatMap.sections': 10,
  'Hold.seats': 10,
  'Booking.seats': 10,
  'Query.cities': 50,
  'Venue.screens': 10,
};
/** Leaf fields whose values can be long, by `Type.field`: about 1 per 500 bytes. */
export const LEAF_COSTS: Readonly<Record<string, number>> = {
  'Event.description': 10,
  'Ticket.qrSvg': 20,
};

/** Any other list of objects. */
const DEFAULT_LIST_SIZE = 10;

type Variables = Readonly<Record<string, unknown>> | undefined;

/** Sizes of introspection lists, measured once on the schema itself. */
function introspectionSizes(schema: GraphQLSchema): Record<string, number> {
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

const sizeCache = new WeakMap<GraphQLSchema, Record<string, number>>();

/** `first` as the resolver will see it, clamped to the allowed page sizes. */
function pageSize(field: FieldNode, variables: Variables): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  const raw = arg ? literalOrVariable(arg.value, variables) : undefined;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(raw)));
}

function literalOrVariable(value: ValueNode, variables: Variables): unknown {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) return variables?.[value.name.value];
  return undefined;
}

/**
 * The cost of one operation of `document` under this model. Runs after validation (so fragments
 * exist and do not cycle); unknown fields cost nothing, since validation already rejected them.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Variables,
): number {
  let sizes = sizeCache.get(schema);
  if (!sizes) sizeCache.set(schema, (sizes = { ...introspectionSizes(schema), ...LIST_SIZES }));
  const listSizes = sizes;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const fieldDef = (parentName: string, name: string): GraphQLField<unknown, unknown> | undefined => {
    const parent = schema.getType(parentName);
    if (name === '__schema') return schema.getQueryType() === parent ? schemaMetaField : undefined;
    if (name === '__type') return schema.getQueryType() === parent ? typeMetaField : undefined;
    return parent && 'getFields' in parent
      ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name]
      : undefined;
  };

  const selectionCost = (parentName: string, set: SelectionSetNode): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        total += fieldCost(parentName, sel);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += selectionCost(sel.typeCondition?.name.value ?? parentName, sel.selectionSet);
      } else {
        const fragment = fragments[sel.name.value];
        if (fragment) total += selectionCost(fragment.typeCondition.name.value, fragment.selectionSet);
      }
    }
    return total;
  };

  const fieldCost = (parentName: string, node: FieldNode): number => {
    const def = fieldDef(parentName, node.name.value);
    if (!def) return 0;
    if (!node.selectionSet) return LEAF_COSTS[`${parentName}.${def.name}`] ?? 0;
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) return 0;
    const key = `${parentName}.${def.name}`;
    // A type reference's wrappers (NON_NULL, LIST) are a few links fixed by the schema: a deeper
    // `ofType` chain in the query only returns nulls.
    if (key === '__Type.ofType') return selectionCost(named.name, node.selectionSet);
    let multiplier = 1;
    if (def.args.some((a) => a.name === 'first')) multiplier = pageSize(node, variables);
    else if (
      isListType(getNullableType(def.type)) &&
      !(def.name === 'edges' && parentName.endsWith('Connection'))
    ) {
      multiplier = listSizes[key] ?? DEFAULT_LIST_SIZE;
    }
    return multiplier * (1 + selectionCost(named.name, node.selectionSet));
  };

  return selectionCost(root.name, operation.selectionSet);
}

/** The document's fragments by name. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}
