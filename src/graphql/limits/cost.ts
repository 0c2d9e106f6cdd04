import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
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
} from 'graphql';
import { idArgument, pageSize, type Variables } from './argument-values.js';
import { introspectionSizes } from './introspection-sizes.js';

/**
 * The query cost model: an upper estimate of how many objects a response can hold.
 *
 * - Every field that returns an object (or a list of objects) costs 1 per object; scalar and enum
 *   fields cost 0, since they come with their parent's row and a selection can only repeat them
 *   through aliases, which are capped separately. Long texts are the exception (`LEAF_COSTS`): an
 *   event description of up to 5,000 characters costs 10, so 15 aliased pages of 100 descriptions
 *   (7.5 MB) cannot pass as 3,000. Fields selected twice under one response key (through
 *   fragments, say) are counted once, as graphql-js merges them into one.
 * - A list multiplies the cost of its selection by its expected size:
 *   - a paginated field (one with a `first` argument) by its page size: `first` from the literal or
 *     the variable, default 20, at most 100 (a larger `first` is rejected by the resolver anyway);
 *     its `edges` list is then counted once, not again;
 *   - a seat list (`SeatMap.seats`, `SeatChange.seats`) by `NOMINAL_SEATS` (500) in the shape of the
 *     document, `SeatMap.sections` by 10, and the other short lists by the sizes in `LIST_SIZES`;
 *   - introspection lists by the actual averages of this schema (so the standard introspection
 *     query a partner's codegen sends costs about what it returns); `ofType` links are free, since
 *     a type reference has a few wrappers at most and a deeper chain only returns nulls.
 *
 * Seat lists are the one list whose size the document does not bound: a screen holds up to 50,000
 * seats. So an operation may return at most `MAX_SEAT_MAPS` (1) of them, counted like cost (four
 * aliased seat maps are 4, `shows(first: 2) { ... seatMap { seats } }` is 2, `first: 1` is 1), and
 * `OperationShape.seatCosts` says what each seat of them costs, by the show it belongs to, so that
 * the rate limits can charge the real size (`costWithSeats`; the sizes come from the catalog).
 *
 * A full seat map at the nominal 500 seats (`show { seatMap { seats { ... price { ... } }
 * sections { ... } } }`) costs about 1,030, a page of 20 shows with their events and venues 120,
 * the standard introspection query (graphql-js `getIntrospectionQuery()`) about 1,060; the limit is
 * 5,000 (`MAX_COST`). It bounds the shape of a document; what the budgets are charged is its cost
 * with each seat list at its show's real size (a 20,000-seat arena's map: about 40,000).
 */
export const MAX_COST = 5_000;

/** Seats a seat list counts in the shape of a document (`MAX_COST`): a large cinema or theatre. */
export const NOMINAL_SEATS = 500;

/** Whole seat maps (seat lists) one operation may return, however many shows it reads. */
export const MAX_SEAT_MAPS = 1;

/** Expected list sizes, by `Type.field`. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'SeatMap.seats': NOMINAL_SEATS,
  'SeatChange.seats': NOMINAL_SEATS, // a resumed subscription may send the whole seat map
  'SeatMap.sections': 10,
  'Hold.seats': 10, // HOLD_MAX_SEATS (10 by default), and a booking's seats are its hold's
  'Booking.seats': 10,
  'Query.cities': 50,
  'Venue.screens': 10,
};
/** Leaf fields whose values can be long, by `Type.field`: about 1 per 500 bytes. */
export const LEAF_COSTS: Readonly<Record<string, number>> = {
  'Event.description': 10,
  'Ticket.qrSvg': 20,
};

/**
 * Lists that can hold every seat of a show. `SeatChange.seats` is counted against `MAX_SEAT_MAPS`
 * but charged at the nominal size: a subscription pays once, when it starts, while its events are
 * executed once per process for all its subscribers (seat-fanout.ts) and a whole-map snapshot is
 * sent only after a gap or to a slow socket. Charging an arena's size there would lock a buyer out
 * of the read-then-subscribe protocol for a minute.
 */
const SEAT_LISTS = new Set(['SeatMap.seats', 'SeatChange.seats']);

/** Any other list of objects. */
const DEFAULT_LIST_SIZE = 10;

/** What the limits need to know of an operation, before it runs. */
export interface OperationShape {
  /** The cost with every seat list at `NOMINAL_SEATS`: what `MAX_COST` bounds. */
  cost: number;
  /** How many seat lists the response can hold: what `MAX_SEAT_MAPS` bounds. */
  seatMaps: number;
  /**
   * What one seat of the `SeatMap.seats` lists costs (times the lists above them), by the id of
   * their show as the document gives it (`show(id:)`), or null where the show is known only once
   * executed (under `shows`, a hold, a booking). `cost` counts them at `NOMINAL_SEATS`.
   */
  seatCosts: ReadonlyMap<string | null, number>;
}

/** A shape being added up; `seatCosts` as in `OperationShape`. */
interface Tally {
  cost: number;
  seatMaps: number;
  seatCosts: Map<string | null, number>;
}

const tally = (cost = 0): Tally => ({ cost, seatMaps: 0, seatCosts: new Map() });

/** `into += times * t` */
function add(into: Tally, t: Tally, times = 1): void {
  into.cost += times * t.cost;
  into.seatMaps += times * t.seatMaps;
  for (const [show, perSeat] of t.seatCosts) {
    into.seatCosts.set(show, (into.seatCosts.get(show) ?? 0) + times * perSeat);
  }
}

const sizeCache = new WeakMap<GraphQLSchema, Record<string, number>>();

/**
 * The shape of one operation of a document under this model. Runs after validation (so fragments
 * exist and do not cycle, and fields merged under one response key agree); unknown fields cost
 * nothing, since validation already rejected them.
 */
export function operationShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Variables,
): OperationShape {
  let sizes = sizeCache.get(schema);
  if (!sizes) sizeCache.set(schema, (sizes = { ...introspectionSizes(schema), ...LIST_SIZES }));
  const listSizes = sizes;
  const root = schema.getRootType(operation.operation);
  if (!root) return tally();
  const showField = `${schema.getQueryType()?.name ?? 'Query'}.show`;

  const fieldDef = (parentName: string, name: string): GraphQLField<unknown, unknown> | undefined => {
    const parent = schema.getType(parentName);
    if (name === '__schema') return schema.getQueryType() === parent ? schemaMetaField : undefined;
    if (name === '__type') return schema.getQueryType() === parent ? typeMetaField : undefined;
    return parent && 'getFields' in parent
      ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name]
      : undefined;
  };

  /** The fields of selection sets by type and response key, through fragments: one per key. */
  const fieldsOf = (parentName: string, sets: readonly SelectionSetNode[]) => {
    const groups = new Map<string, { parentName: string; nodes: FieldNode[] }>();
    const visit = (typeName: string, set: SelectionSetNode) => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const key = `${typeName}\u0000${sel.alias?.value ?? sel.name.value}`;
          const group = groups.get(key);
          if (group) group.nodes.push(sel);
          else groups.set(key, { parentName: typeName, nodes: [sel] });
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          visit(sel.typeCondition?.name.value ?? typeName, sel.selectionSet);
        } else {
          const fragment = fragments[sel.name.value];
          if (fragment) visit(fragment.typeCondition.name.value, fragment.selectionSet);
        }
      }
    };
    for (const set of sets) visit(parentName, set);
    return groups.values();
  };

  /** `show`: the id of the show whose seat map this selection is in, when the document names it. */
  const selectionShape = (
    parentName: string,
    sets: readonly SelectionSetNode[],
    show: string | null,
  ): Tally => {
    const total = tally();
    for (const group of fieldsOf(parentName, sets))
      add(total, fieldShape(group.parentName, group.nodes, show));
    return total;
  };

  const fieldShape = (parentName: string, nodes: readonly FieldNode[], show: string | null): Tally => {
    const node = nodes[0]!;
    const def = fieldDef(parentName, node.name.value);
    if (!def) return tally();
    const key = `${parentName}.${def.name}`;
    const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    if (sets.length === 0) return tally(LEAF_COSTS[key] ?? 0);
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) return tally();
    // Only `show(id:)` says before execution which show a seat map belongs to.
    const innerShow = key === showField ? idArgument(node, variables) : key === 'Show.seatMap' ? show : null;
    const inner = selectionShape(named.name, sets, innerShow);
    // A type reference's wrappers (NON_NULL, LIST) are a few links fixed by the schema: a deeper
    // `ofType` chain in the query only returns nulls.
    if (key === '__Type.ofType') return inner;
    let multiplier = 1;
    if (def.args.some((a) => a.name === 'first')) multiplier = pageSize(node, variables);
    else if (
      isListType(getNullableType(def.type)) &&
      !(def.name === 'edges' && parentName.endsWith('Connection'))
    ) {
      multiplier = listSizes[key] ?? DEFAULT_LIST_SIZE;
    }
    const each = tally(1); // the object itself and its selection
    add(each, inner);
    const total = tally();
    add(total, each, multiplier);
    if (SEAT_LISTS.has(key)) {
      total.seatMaps += 1;
      if (key === 'SeatMap.seats') total.seatCosts.set(show, (total.seatCosts.get(show) ?? 0) + each.cost);
    }
    return total;
  };

  return selectionShape(root.name, [operation.selectionSet], null);
}

/** The cost of one operation of `document` under this model (its shape's cost). */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Variables,
): number {
  return operationShape(schema, operation, fragments, variables).cost;
}

/**
 * The cost with the seat lists at `seatsOf(showId)` seats instead of `NOMINAL_SEATS` (`showId` as
 * in `OperationShape.seatCosts`): what an operation is charged against the rate-limit budgets.
 */
export function costWithSeats(shape: OperationShape, seatsOf: (showId: string | null) => number): number {
  let cost = shape.cost;
  for (const [showId, perSeat] of shape.seatCosts) cost += perSeat * (seatsOf(showId) - NOMINAL_SEATS);
  return Math.max(0, Math.ceil(cost));
}

/** The document's fragments by name. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}
