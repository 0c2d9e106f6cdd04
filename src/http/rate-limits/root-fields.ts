import { Kind, valueFromASTUntyped, type OperationDefinitionNode } from 'graphql';
import type { RootFieldCall } from './rate-limiter.js';

/**
 * The root fields an operation calls (aliases each count), with the show a `holdSeats` call
 * targets, read from its `input` literal or variables. Fragments at the root are followed one
 * level, which is all a mutation document ever needs.
 */
function rootFieldCalls(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, { selectionSet: OperationDefinitionNode['selectionSet'] }>>,
  variables: Readonly<Record<string, unknown>> | undefined,
): RootFieldCall[] {
  const calls: RootFieldCall[] = [];
  const visit = (set: OperationDefinitionNode['selectionSet'], depth: number) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const input = sel.arguments?.find((a) => a.name.value === 'input');
        const value = input
          ? valueFromASTUntyped(input.value, variables as Record<string, unknown>)
          : undefined;
        const showId = (value as { showId?: unknown } | undefined)?.showId;
        calls.push({ name: sel.name.value, showId: typeof showId === 'string' ? showId : undefined });
      } else if (depth < 2) {
        const inner =
          sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments[sel.name.value]?.selectionSet;
        if (inner) visit(inner, depth + 1);
      }
    }
  };
  visit(operation.selectionSet, 0);
  return calls;
}

/** The root fields the rate limits look at: a mutation's (`rootFieldCalls`); none for other operations. */
export function mutationFieldCalls(
  operation: OperationDefinitionNode,
  fragments: Parameters<typeof rootFieldCalls>[1],
  variables: Readonly<Record<string, unknown>> | undefined,
): RootFieldCall[] {
  return operation.operation === 'mutation' ? rootFieldCalls(operation, fragments, variables) : [];
}
