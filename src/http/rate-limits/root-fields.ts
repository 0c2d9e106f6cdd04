import { Kind, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { isId } from '../../domain/validation.js';
import type { RootFieldCall } from './rate-limiter.js';

type Fragments = Readonly<Record<string, { selectionSet: SelectionSetNode }>>;

/**
 * The show a root field's `input.showId` names (literal or variables), normalised as the domain
 * parses ids (a lower-case UUID), so each spelling of a show is one show. A malformed id names no
 * show: the resolver rejects it.
 */
function showIdOf(field: FieldNode, variables: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const input = field.arguments?.find((a) => a.name.value === 'input');
  const value = input ? valueFromASTUntyped(input.value, variables as Record<string, unknown>) : undefined;
  const showId = (value as { showId?: unknown } | null | undefined)?.showId;
  return typeof showId === 'string' && isId(showId) ? showId.toLowerCase() : undefined;
}

/**
 * The root fields an operation calls (aliases each count), with the show each targets. Fragments,
 * named and inline, are followed at any depth: whatever they hold runs at the root. A named
 * fragment is read once, however often it is spread (its fields merge into one call each, as they
 * run), which also ends cycles.
 */
function rootFieldCalls(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Readonly<Record<string, unknown>> | undefined,
): RootFieldCall[] {
  const calls: RootFieldCall[] = [];
  const seen = new Set<string>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  for (let set = pending.pop(); set; set = pending.pop()) {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        calls.push({ name: sel.name.value, showId: showIdOf(sel, variables) });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        pending.push(sel.selectionSet);
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        const fragment = fragments[sel.name.value];
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return calls;
}

/** The root fields the rate limits look at: a mutation's (`rootFieldCalls`); none for other operations. */
export function mutationFieldCalls(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Readonly<Record<string, unknown>> | undefined,
): RootFieldCall[] {
  return operation.operation === 'mutation' ? rootFieldCalls(operation, fragments, variables) : [];
}
