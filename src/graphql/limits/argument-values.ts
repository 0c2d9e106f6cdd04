import { Kind, type FieldNode, type ValueNode } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../domain/pagination.js';

/** An operation's variables, as the request gives them. */
export type Variables = Readonly<Record<string, unknown>> | undefined;

/** `first` as the resolver will see it, clamped to the allowed page sizes. */
export function pageSize(field: FieldNode, variables: Variables): number {
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

/** The `id` argument of a field as the resolver will see it (ID takes strings and integers). */
export function idArgument(field: FieldNode, variables: Variables): string | null {
  const value = field.arguments?.find((a) => a.name.value === 'id')?.value;
  if (value?.kind === Kind.STRING || value?.kind === Kind.INT) return value.value;
  const raw = value?.kind === Kind.VARIABLE ? variables?.[value.name.value] : undefined;
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : null;
}
