import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { fragmentsOf, MAX_COST, MAX_SEAT_MAPS, operationShape, type OperationShape } from './cost.js';

/**
 * Operation limits, enforced before anything executes. Tokens are counted by graphql-js's own
 * parser (`maxTokens`: it stops lexing at the limit, so a 1 MB query costs no more than a 2,000-token
 * one); aliases, depth and directives by graphql-armor's validation rules; cost and seat maps per
 * operation by `cost.ts`.
 */
export const OPERATION_LIMITS = {
  maxTokens: 2_000,
  maxAliases: 15,
  maxDepth: 8,
  maxDirectives: 50,
  maxCost: MAX_COST,
  maxSeatMaps: MAX_SEAT_MAPS,
} as const;

export interface OperationLimits {
  parseOptions: ParseOptions;
  validationRules: ValidationRule[];
  /** graphql-armor's suggestion masking (production) and the cost and seat-map checks. */
  plugins: ApolloServerPlugin<BaseContext>[];
}

/** The limits for one server: the same rules serve Apollo (HTTP) and graphql-ws. */
export function createOperationLimits({ production }: { production: boolean }): OperationLimits {
  const armor = new ApolloArmor({
    maxTokens: { enabled: false }, // parseOptions.maxTokens: graphql-armor's plugin would parse twice
    costLimit: { enabled: false }, // its formula ignores variables and list sizes: see cost.ts
    blockFieldSuggestion: { enabled: production },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    maxDepth: { n: OPERATION_LIMITS.maxDepth },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
  }).protect();
  return {
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
    validationRules: armor.validationRules,
    // graphql-armor's declarations name Apollo's CJS build; the plugin objects are the same shape.
    plugins: [...(armor.plugins as unknown as ApolloServerPlugin<BaseContext>[]), costLimitPlugin()],
  };
}

/** What Apollo knows of a request once its operation is resolved. */
interface ResolvedRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  request: { variables?: Readonly<Record<string, unknown>> | undefined };
}

const requestShapes = new WeakMap<object, OperationShape>();

/** The shape of a request's operation, computed once however many plugins ask (limits, rate limits). */
export function shapeOfRequest({ schema, document, operation, request }: ResolvedRequest): OperationShape {
  let shape = requestShapes.get(request);
  if (shape === undefined) {
    shape = operationShape(schema, operation, fragmentsOf(document), request.variables);
    requestShapes.set(request, shape);
  }
  return shape;
}

/** The cost of a request's operation (`shapeOfRequest`). */
export const costOfRequest = (rc: ResolvedRequest): number => shapeOfRequest(rc).cost;

/** A GraphQL error for an operation over the cost limit, or null. */
export function costLimitError(cost: number): GraphQLError | null {
  if (cost <= MAX_COST) return null;
  return new GraphQLError(
    `Query cost ${cost} exceeds the limit of ${MAX_COST}: ask for fewer items (a smaller first, fewer seat maps) or split the operation`,
    { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost: MAX_COST, http: { status: 400 } } },
  );
}

/** A GraphQL error for an operation that can return more than one seat map, or null. */
export function seatMapLimitError(seatMaps: number): GraphQLError | null {
  if (seatMaps <= MAX_SEAT_MAPS) return null;
  return new GraphQLError(
    `The operation can return ${seatMaps} seat maps: ask for one seat map per request (one show's seatMap { seats }, or shows(first: 1) with its seat map)`,
    {
      extensions: {
        code: 'GRAPHQL_VALIDATION_FAILED',
        seatMaps,
        maxSeatMaps: MAX_SEAT_MAPS,
        http: { status: 400 },
      },
    },
  );
}

/** The error for an operation over the cost limit, or else with more than one seat map, or null. */
export const operationLimitError = (shape: OperationShape): GraphQLError | null =>
  costLimitError(shape.cost) ?? seatMapLimitError(shape.seatMaps);

/** Rejects an operation over the cost or seat-map limit after validation, with its variables known. */
function costLimitPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = operationLimitError(shapeOfRequest({ schema, document, operation, request }));
          if (error) throw error;
        },
      };
    },
  };
}
