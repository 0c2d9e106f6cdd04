import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema.js';

/**
 * The "Selling" section of the public contract (../shared/docs/api-contract.md), read off the
 * executable schema: names and shapes partners build against. Adding is fine; renaming or
 * retyping any of these fails here.
 */
const typeName = (t: GraphQLType): string =>
  isNonNullType(t)
    ? `${typeName(t.ofType)}!`
    : isListType(t)
      ? `[${typeName(t.ofType)}]`
      : getNamedType(t).name;

function fieldsOf(name: string): Record<string, GraphQLField<unknown, unknown> | GraphQLInputField> {
  const type = schema.getType(name);
  if (!type || !(isObjectType(type) || isInputObjectType(type)))
    throw new Error(`${name} is not in the schema`);
  return type.getFields();
}
const shapeOf = (name: string, fields: string[]) =>
  Object.fromEntries(
    fields.map((f) => [f, fieldsOf(name)[f] ? typeName(fieldsOf(name)[f]!.type) : 'missing']),
  );
const argsOf = (root: 'Query' | 'Mutation', field: string) =>
  Object.fromEntries(
    ((fieldsOf(root)[field] as GraphQLField<unknown, unknown> | undefined)?.args ?? []).map((a) => [
      a.name,
      typeName(a.type),
    ]),
  );
const returnOf = (root: 'Query' | 'Mutation', field: string) => {
  const f = fieldsOf(root)[field];
  return f ? typeName(f.type) : 'missing';
};
const enumValues = (name: string) => {
  const type = schema.getType(name);
  return isEnumType(type) ? type.getValues().map((v) => v.name) : [];
};

describe('Selling contract', () => {
  it('shows carry their sales window and whether they sell now', () => {
    expect(shapeOf('Show', ['salesStartAt', 'salesEndAt', 'onSale'])).toEqual({
      salesStartAt: 'DateTime',
      salesEndAt: 'DateTime',
      onSale: 'Boolean!',
    });
    expect(shapeOf('ScheduleShowInput', ['salesStartAt', 'salesEndAt', 'idempotencyKey'])).toEqual({
      salesStartAt: 'DateTime',
      salesEndAt: 'DateTime',
      idempotencyKey: 'String',
    });
    expect(
      shapeOf('UpdateShowInput', ['showId', 'startsAt', 'salesStartAt', 'salesEndAt', 'idempotencyKey']),
    ).toEqual({
      showId: 'ID!',
      startsAt: 'DateTime',
      salesStartAt: 'DateTime',
      salesEndAt: 'DateTime',
      idempotencyKey: 'String',
    });
    expect(shapeOf('ShowFilter', ['onSale'])).toEqual({ onSale: 'Boolean' });
  });

  it('has every catalog-editing mutation, each taking one input with an idempotency key', () => {
    const editing = {
      updateCity: 'City!',
      updateVenue: 'Venue!',
      updateEvent: 'Event!',
      updateShow: 'Show!',
      setShowPrices: 'Show!',
      blockSeats: 'Show!',
      unblockSeats: 'Show!',
      archiveEvent: 'Event!',
      archiveShow: 'Show!',
    };
    for (const [field, returns] of Object.entries(editing)) {
      expect(returnOf('Mutation', field), field).toBe(returns);
      const input = argsOf('Mutation', field)['input'];
      expect(input, field).toMatch(/Input!$/);
      expect(shapeOf(input!.slice(0, -1), ['idempotencyKey']), field).toEqual({ idempotencyKey: 'String' });
    }
    expect(shapeOf('SetShowPricesInput', ['showId', 'prices'])).toEqual({
      showId: 'ID!',
      prices: '[SectionPriceInput!]!',
    });
    expect(shapeOf('BlockSeatsInput', ['showId', 'seatIds', 'reason'])).toEqual({
      showId: 'ID!',
      seatIds: '[ID!]!',
      reason: 'String',
    });
    expect(shapeOf('UnblockSeatsInput', ['showId', 'seatIds'])).toEqual({ showId: 'ID!', seatIds: '[ID!]!' });
    expect(shapeOf('UpdateEventInput', ['eventId', 'maxTicketsPerUser'])).toEqual({
      eventId: 'ID!',
      maxTicketsPerUser: 'Int',
    });
    expect(argsOf('Mutation', 'cancelShow')).toEqual({ showId: 'ID!', idempotencyKey: 'String' });
  });

  it('caps purchases per event', () => {
    expect(shapeOf('Event', ['maxTicketsPerUser'])).toEqual({ maxTicketsPerUser: 'Int!' });
  });

  it('has venue roles granted by admins', () => {
    expect(enumValues('Role')).toEqual(
      expect.arrayContaining(['CUSTOMER', 'ADMIN', 'VENUE_MANAGER', 'DOOR_STAFF']),
    );
    expect(shapeOf('VenueRoleInput', ['email', 'venueId', 'role'])).toEqual({
      email: 'String!',
      venueId: 'ID!',
      role: 'Role!',
    });
    expect(returnOf('Mutation', 'grantVenueRole')).toBe('User!');
    expect(returnOf('Mutation', 'revokeVenueRole')).toBe('User!');
    expect(shapeOf('User', ['venueRoles'])).toEqual({ venueRoles: '[VenueRole!]!' });
    expect(shapeOf('VenueRole', ['venue', 'role'])).toEqual({ venue: 'Venue!', role: 'Role!' });
  });

  it('has the audit log, Relay-paginated', () => {
    expect(argsOf('Query', 'auditLog')).toEqual({ filter: 'AuditLogFilter', first: 'Int', after: 'String' });
    expect(returnOf('Query', 'auditLog')).toBe('AuditEntryConnection!');
    expect(shapeOf('AuditLogFilter', ['venueId', 'showId', 'actorId'])).toEqual({
      venueId: 'ID',
      showId: 'ID',
      actorId: 'ID',
    });
    expect(shapeOf('AuditEntry', ['id', 'at', 'actor', 'action', 'targetId', 'details'])).toEqual({
      id: 'ID!',
      at: 'DateTime!',
      actor: 'User',
      action: 'String!',
      targetId: 'ID',
      details: 'String',
    });
    expect(shapeOf('AuditEntryConnection', ['edges', 'pageInfo'])).toEqual({
      edges: '[AuditEntryEdge!]!',
      pageInfo: 'PageInfo!',
    });
  });

  it('has the new error codes', () => {
    expect(enumValues('ErrorCode')).toEqual(
      expect.arrayContaining(['NOT_ON_SALE', 'PURCHASE_LIMIT_REACHED']),
    );
  });
});
