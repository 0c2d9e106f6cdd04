import type { BookingRow, RefundRow, RefundTier } from '../../db/schema/index.js';
import type { BookingPaymentView } from '../../domain/bookings/booking.loaders.js';
import type { Connection, Edge } from '../../domain/pagination.js';

export type BookingMapper = BookingRow;
export type TicketMapper = { code: string };
export type BookingPaymentMapper = BookingPaymentView;
export type RefundMapper = RefundRow;
export type BookingConnectionMapper = Connection<BookingRow>;
export type BookingEdgeMapper = Edge<BookingRow>;
export type CancellationPolicyMapper = { tiers: RefundTier[] };
export type RefundTierMapper = RefundTier;
