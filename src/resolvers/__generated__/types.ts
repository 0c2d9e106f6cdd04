import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AuditEntryMapper, AuditEntryConnectionMapper, AuditEntryEdgeMapper, VenueRoleMapper } from './../mappers/selling.mappers.js';
import type { AuthPayloadMapper, UserMapper } from './../mappers/auth.mappers.js';
import type { AvailabilityMapper, CityMapper, EventMapper, EventConnectionMapper, EventEdgeMapper, ScreenMapper, SeatMapMapper, SectionMapper, ShowMapper, ShowConnectionMapper, ShowEdgeMapper, ShowSeatMapper, VenueMapper, VenueConnectionMapper, VenueEdgeMapper } from './../mappers/catalog.mappers.js';
import type { BookingMapper, BookingConnectionMapper, BookingEdgeMapper, BookingPaymentMapper, CancellationPolicyMapper, RefundMapper, RefundTierMapper, TicketMapper } from './../mappers/bookings.mappers.js';
import type { HoldMapper } from './../mappers/holds.mappers.js';
import type { HoldChangeMapper, SeatChangeMapper } from './../mappers/realtime.mappers.js';
import type { MoneyMapper, PageInfoMapper } from './../mappers/base.mappers.js';
import type { GraphQLContext } from '../../graphql/context.js';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type EnumResolverSignature<T, AllowedValues = any> = { [key in keyof T]?: AllowedValues };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string | number; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 timestamp with a time zone offset, e.g. `2026-12-01T19:30:00.000Z`. */
  DateTime: { input: Date; output: Date | string; }
};

export type ArchiveEventInput = {
  eventId: Scalars['ID']['input'];
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type ArchiveShowInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  showId: Scalars['ID']['input'];
};

/** One staff action, permanent: entries are never changed or deleted. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** Dotted and past tense, e.g. `show.updated`, `show.seatsBlocked`, `role.granted`, `ticket.checkedIn`. */
  action: Scalars['String']['output'];
  /** Who did it; null for the system (the demo seed, scripts) or an account that no longer exists. */
  actor?: Maybe<User>;
  at: Scalars['DateTime']['output'];
  /** JSON text: `before` and `after` (only the fields that changed) and any other details (a reason, seat ids). */
  details?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The show the action concerns, when there is one. */
  showId?: Maybe<Scalars['ID']['output']>;
  /** The id of what was acted on (a show, an event, a user, a booking ...). */
  targetId?: Maybe<Scalars['ID']['output']>;
  /** The venue the action concerns, when there is one. */
  venueId?: Maybe<Scalars['ID']['output']>;
};

export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

/** All filters are optional and combine with AND. */
export type AuditLogFilter = {
  /** Entries by this user. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  showId?: InputMaybe<Scalars['ID']['input']>;
  venueId?: InputMaybe<Scalars['ID']['input']>;
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Send as `Authorization: Bearer <token>` (HTTP) or `{ authorization: "Bearer <token>" }` in `connection_init`. */
  token: Scalars['String']['output'];
  user: User;
};

/** Seat counts. A HELD seat whose hold has expired counts as available, even before it is released. */
export type Availability = {
  __typename?: 'Availability';
  available: Scalars['Int']['output'];
  booked: Scalars['Int']['output'];
  held: Scalars['Int']['output'];
  /** Sellable seats (BLOCKED excluded). */
  total: Scalars['Int']['output'];
};

export type BlockSeatsInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Why, for the audit log (up to 200 characters), e.g. `house seats`. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** `ShowSeat.id` values of that show, 1-1000. */
  seatIds: Array<Scalars['ID']['input']>;
  showId: Scalars['ID']['input'];
};

export type Booking = {
  __typename?: 'Booking';
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the ticket was scanned at the door. */
  checkedInAt?: Maybe<Scalars['DateTime']['output']>;
  confirmedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The latest payment attempt. */
  payment?: Maybe<BookingPayment>;
  /** Human reference, e.g. `BX-7KQ2-M9`. */
  reference: Scalars['String']['output'];
  /** The refund of a cancelled booking, if any. */
  refund?: Maybe<Refund>;
  /** The seats at the price paid, with each seat's status now. */
  seats: Array<ShowSeat>;
  show: Show;
  status: BookingStatus;
  /** For confirmed bookings. */
  ticket?: Maybe<Ticket>;
  total: Money;
};

export type BookingConnection = {
  __typename?: 'BookingConnection';
  edges: Array<BookingEdge>;
  pageInfo: PageInfo;
};

export type BookingEdge = {
  __typename?: 'BookingEdge';
  cursor: Scalars['String']['output'];
  node: Booking;
};

export type BookingPayment = {
  __typename?: 'BookingPayment';
  amount: Money;
  /** 1 for the first card tried for the hold, 2 for the next ... */
  attempt: Scalars['Int']['output'];
  /** For the owner while `status` is REQUIRES_ACTION: pass to Stripe.js `handleNextAction`. */
  clientSecret?: Maybe<Scalars['String']['output']>;
  declineCode?: Maybe<Scalars['String']['output']>;
  failureMessage?: Maybe<Scalars['String']['output']>;
  paymentIntentId?: Maybe<Scalars['String']['output']>;
  status: PaymentStatus;
};

export type BookingStatus =
  | 'CANCELLED'
  | 'CONFIRMED'
  | 'PENDING_PAYMENT';

export type CancelBookingInput = {
  bookingId: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type CancellationPolicy = {
  __typename?: 'CancellationPolicy';
  /** Largest `hoursBefore` first; a cancellation gets the first tier the show is still that far away. */
  tiers: Array<RefundTier>;
};

export type City = {
  __typename?: 'City';
  /** ISO-3166 alpha-2 country code. */
  country: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** IANA time zone of the city's venues, e.g. `Europe/Berlin`. */
  timezone: Scalars['String']['output'];
};

export type ConfirmBookingInput = {
  holdId: Scalars['ID']['input'];
  /** Required: retrying with the same key replays the first answer and never charges twice. */
  idempotencyKey: Scalars['String']['input'];
  /** A Stripe PaymentMethod id (`pm_...`). */
  paymentMethodId: Scalars['String']['input'];
};

export type CreateCityInput = {
  /** ISO-3166 alpha-2 country code. */
  country: Scalars['String']['input'];
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** IANA time zone (default `UTC`). */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

export type CreateEventInput = {
  /** Up to 5,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1-1440. */
  durationMinutes: Scalars['Int']['input'];
  /** Up to 10, stored lower-case. */
  genres?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  kind: EventKind;
  /** BCP-47 tag, e.g. `en` or `pt-BR`. */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Seats one buyer may hold plus own per show, 1-1000 (default 10). */
  maxTicketsPerUser?: InputMaybe<Scalars['Int']['input']>;
  /** Absolute http(s) URL of the poster image. */
  posterUrl?: InputMaybe<Scalars['String']['input']>;
  /** Age rating as printed, e.g. `PG-13`. */
  rating?: InputMaybe<Scalars['String']['input']>;
  /** 1-200 characters. */
  title: Scalars['String']['input'];
};

export type CreateScreenInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  layout: ScreenLayoutInput;
  name: Scalars['String']['input'];
  venueId: Scalars['ID']['input'];
};

export type CreateVenueInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  cityId: Scalars['ID']['input'];
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

/** A verification code is on its way to the signed-in user's email address. */
export type EmailVerificationCodeSent = {
  __typename?: 'EmailVerificationCodeSent';
  /** When this code stops working (15 minutes after it was sent). */
  expiresAt: Scalars['DateTime']['output'];
  /** The earliest time `requestEmailVerificationCode` sends another code (1 minute after this one). */
  resendAfter: Scalars['DateTime']['output'];
};

/** Every error carries one of these in `extensions.code`. The list is stable: codes are added, never renamed. */
export type ErrorCode =
  /** Malformed input; `extensions.field` names the argument when there is one. */
  | 'BAD_USER_INPUT'
  /** Too close to the show, or already cancelled. */
  | 'CANCELLATION_NOT_ALLOWED'
  /** Not your hold or booking, or not an admin. */
  | 'FORBIDDEN'
  /** The hold is expired, released or converted. */
  | 'HOLD_EXPIRED'
  /** Per-user limits across holds were reached. */
  | 'HOLD_LIMIT_REACHED'
  /** The same idempotency key was used with different input. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** Anything unexpected. Never carries internals. */
  | 'INTERNAL_SERVER_ERROR'
  /** Unknown id. */
  | 'NOT_FOUND'
  /**
   * The show does not sell now: outside its sales window, cancelled, started or archived.
   * `extensions.reason` is `NOT_YET_OPEN` (with `extensions.salesStartAt`), `CLOSED`, `STARTED`,
   * `CANCELLED` or `ARCHIVED`. Seat maps stay readable.
   */
  | 'NOT_ON_SALE'
  /** The payment method was declined; the hold stays active. */
  | 'PAYMENT_DECLINED'
  /** The payment provider failed; nothing was charged or the charge was refunded. */
  | 'PAYMENT_FAILED'
  /**
   * The event's `maxTicketsPerUser` for this show would be exceeded: seats you hold plus seats in
   * your live bookings. `extensions.limit` and `extensions.remaining` (how many more you may hold).
   */
  | 'PURCHASE_LIMIT_REACHED'
  /** Too many requests; `extensions.retryAfterSeconds` says when to try again. */
  | 'RATE_LIMITED'
  /** A requested seat is held, booked or blocked; `extensions.unavailableSeatIds` lists them. */
  | 'SEATS_UNAVAILABLE'
  /** No or invalid bearer token. */
  | 'UNAUTHENTICATED';

export type Event = {
  __typename?: 'Event';
  /** When the event was archived: it is hidden from `events` and its shows from `shows`. */
  archivedAt?: Maybe<Scalars['DateTime']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  durationMinutes: Scalars['Int']['output'];
  genres: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: EventKind;
  /** BCP-47 language tag, e.g. `en`. */
  language?: Maybe<Scalars['String']['output']>;
  /**
   * Anti-scalping cap: the most seats one buyer may hold plus own in live bookings of one show of
   * this event (default 10). A hold beyond it is refused with PURCHASE_LIMIT_REACHED.
   */
  maxTicketsPerUser: Scalars['Int']['output'];
  /** An absolute http(s) URL of the poster image, when the seller gave one. */
  posterUrl?: Maybe<Scalars['String']['output']>;
  /** Age rating as printed, e.g. `PG-13`. */
  rating?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

export type EventConnection = {
  __typename?: 'EventConnection';
  edges: Array<EventEdge>;
  pageInfo: PageInfo;
};

export type EventEdge = {
  __typename?: 'EventEdge';
  cursor: Scalars['String']['output'];
  node: Event;
};

export type EventFilter = {
  /** Events with an upcoming show (not cancelled, not started) in that city. */
  cityId?: InputMaybe<Scalars['ID']['input']>;
  /** One of the event's genres, case-insensitive. */
  genre?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<EventKind>;
  /** The whole language tag, case-insensitive: `en` does not match `en-GB`. */
  language?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive substring of the title (at most 100 characters); `%` and `_` match themselves. */
  search?: InputMaybe<Scalars['String']['input']>;
};

export type EventKind =
  | 'CONCERT'
  | 'MOVIE'
  | 'SPORT'
  | 'THEATRE';

export type Hold = {
  __typename?: 'Hold';
  createdAt: Scalars['DateTime']['output'];
  expiresAt: Scalars['DateTime']['output'];
  /** Whether `extendHold` can still be used. */
  extendable: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  seats: Array<ShowSeat>;
  show: Show;
  status: HoldStatus;
  /** The price quoted at hold time. */
  total: Money;
};

export type HoldChange = {
  __typename?: 'HoldChange';
  /** The hold as it is right after the change. */
  hold: Hold;
  kind: HoldChangeKind;
};

export type HoldChangeKind =
  /** The hold became a booking. */
  | 'CONVERTED'
  /** The hold ran out; its seats are back on sale. */
  | 'EXPIRED'
  /** The hold expires soon (`expiresAt` is in the payload). */
  | 'EXPIRING_SOON'
  /** `extendHold` moved `expiresAt` later. */
  | 'EXTENDED'
  /** The hold was released (by you, by a new hold of yours on the same show, or by a cancelled show). */
  | 'RELEASED';

export type HoldSeatsInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** `ShowSeat.id` values of that show, at most 10. */
  seatIds: Array<Scalars['ID']['input']>;
  showId: Scalars['ID']['input'];
};

export type HoldStatus =
  | 'ACTIVE'
  | 'CONVERTED'
  | 'EXPIRED'
  | 'RELEASED';

export type LoginInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

/** An amount of money in minor units (cents) of an ISO-4217 currency. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Who may edit the event may archive it: it and its shows leave the catalog and stop selling
   * (their holds are released). Only without live bookings (BAD_USER_INPUT with
   * `extensions.reason: HAS_BOOKINGS`): cancel its shows instead.
   */
  archiveEvent: Event;
  /**
   * Admins, and the venue's managers. Hides the show from `shows` and stops its sales (holds are
   * released). Only without live bookings (BAD_USER_INPUT, `extensions.reason: HAS_BOOKINGS`): cancel it instead.
   */
  archiveShow: Show;
  /**
   * Admins, and the venue's managers. Takes AVAILABLE seats off sale for this show (house seats, a
   * broken seat); all or nothing: SEATS_UNAVAILABLE lists seats that are not AVAILABLE. Live seat
   * maps see one change (`seatChanged`) with the seats BLOCKED.
   */
  blockSeats: Show;
  /**
   * Cancel a confirmed booking (owner or admin): refunds per the show's cancellation policy.
   * CANCELLATION_NOT_ALLOWED when it is too late by that policy, when the booking is not paid or
   * already cancelled, and once its ticket was checked in (`extensions.reason: CHECKED_IN`).
   */
  cancelBooking: Booking;
  /**
   * Admins, and the venue's managers. Cancels the show: no further holds or bookings, its holds are
   * released and its bookings cancelled with a full refund. Cancelling a cancelled show returns it.
   */
  cancelShow: Show;
  /**
   * At the door: marks a ticket used, once, from `DOORS_OPEN_SECONDS` (default 2 hours) before its
   * show starts until the show ends. Admins, and the VENUE_MANAGER or DOOR_STAFF of the show's venue
   * (FORBIDDEN elsewhere). `showId` also rejects tickets of other shows. A refused ticket is
   * BAD_USER_INPUT with `extensions.reason`: TICKET_INVALID, WRONG_SHOW, BOOKING_NOT_CONFIRMED,
   * TICKET_ALREADY_USED (with `checkedInAt`), DOORS_NOT_OPEN (with `doorsOpenAt`) or SHOW_OVER.
   */
  checkIn: Booking;
  /**
   * Pay for a hold and turn it into a booking. The card is charged through Stripe (a PaymentIntent
   * created and confirmed server-side; test ids such as `pm_card_visa` behave as in Stripe test mode).
   * Outcomes: a CONFIRMED booking; PAYMENT_DECLINED (the hold stays, retry with another card); a
   * PENDING_PAYMENT booking whose `payment.clientSecret` lets the browser finish 3-D Secure;
   * PAYMENT_FAILED (the provider failed; retrying with the same key tells the outcome);
   * HOLD_EXPIRED (with `extensions.refundReference` when a payment landed too late and was refunded).
   * The same key replays the first answer, and never charges twice.
   */
  confirmBooking: Booking;
  /** Admins only. */
  createCity: City;
  /** Admins, and any venue manager (for shows at their venues). */
  createEvent: Event;
  /** Admins, and the venue's managers. Creates the screen and all its seats from the layout. */
  createScreen: Screen;
  /** Admins only. */
  createVenue: Venue;
  /** Extend an active hold once (for the payment step). */
  extendHold: Hold;
  /** Admins only. Gives the user with this email a role at a venue (granting it twice changes nothing). */
  grantVenueRole: User;
  /** Hold seats of one show: all of them or none. A new hold on the same show replaces your previous one. */
  holdSeats: Hold;
  /**
   * Sign in with email and password. A wrong password and an unknown email both answer
   * `UNAUTHENTICATED`. After 5 failed attempts for one email, further attempts (even with the
   * right password) must wait, 2 s at first, doubling up to 15 minutes: `RATE_LIMITED` with
   * `extensions.retryAfterSeconds`. A successful sign-in resets the count.
   */
  login: AuthPayload;
  /**
   * Create a customer account and sign in. An email that cannot be used (for example one that
   * has an account) is `BAD_USER_INPUT` on `input.email`: offer to sign in instead. When the
   * server requires verified emails, a verification code is sent to the address (see `verifyEmail`).
   */
  register: AuthPayload;
  /** Give the seats back before the hold expires. */
  releaseHold: Hold;
  /**
   * Send the signed-in user a new email verification code, replacing any earlier one. At most one
   * code a minute: sooner is `RATE_LIMITED` with `extensions.retryAfterSeconds`. An address that is
   * verified already is `BAD_USER_INPUT` with `extensions.reason` `EMAIL_ALREADY_VERIFIED`.
   * Needs a token.
   */
  requestEmailVerificationCode: EmailVerificationCodeSent;
  /** Admins only. Takes the role away at once (revoking a role the user does not have changes nothing). */
  revokeVenueRole: User;
  /**
   * Admins, and the managers of the screen's venue. Creates the show's seat inventory with its
   * sales window; rejects a show overlapping another on the same screen.
   */
  scheduleShow: Show;
  /** Admins, and the venue's managers: the refund tiers of a show (default: 100% up to 24 h before, 50% up to 2 h). */
  setCancellationPolicy: CancellationPolicy;
  /**
   * Admins, and the venue's managers. New prices for the listed sections: holds placed from now on
   * pay them; existing holds and bookings keep the price they were quoted.
   */
  setShowPrices: Show;
  /**
   * Admins, and the venue's managers. Puts seats blocked with `blockSeats` back on sale (one seat
   * change). Seats not blocked, or blocked by the screen's layout, are BAD_USER_INPUT
   * (`extensions.notUnblockableSeatIds`) and nothing changes.
   */
  unblockSeats: Show;
  /** Admins only. Omitted fields stay as they are. */
  updateCity: City;
  /**
   * Admins; a venue manager when every venue the event plays at is theirs (or, with no shows yet,
   * when they created it). Omitted fields stay; null clears an optional one. A new duration moves
   * the end of its scheduled shows (refused if one would overlap the next show on its screen).
   */
  updateEvent: Event;
  /**
   * Admins, and the venue's managers. Reschedules the show (its end moves with it; the overlap rule
   * holds) or changes its sales window. Omitted fields stay; a null sales bound unsets it.
   */
  updateShow: Show;
  /** Admins, and the venue's managers. Omitted fields stay; an empty `address` clears it. */
  updateVenue: Venue;
  /**
   * Confirm the signed-in user's email address with the code sent to it. Wrong code:
   * `BAD_USER_INPUT` on `input.code` with `extensions.reason` `CODE_INVALID` (and
   * `extensions.guessesLeft`); expired, or 5 wrong guesses made: `CODE_EXPIRED`, ask for a new code
   * with `requestEmailVerificationCode`. Verifying an address that is verified already returns the
   * user unchanged, so a retry is safe. Needs a token (`UNAUTHENTICATED` without one).
   */
  verifyEmail: User;
};


export type MutationarchiveEventArgs = {
  input: ArchiveEventInput;
};


export type MutationarchiveShowArgs = {
  input: ArchiveShowInput;
};


export type MutationblockSeatsArgs = {
  input: BlockSeatsInput;
};


export type MutationcancelBookingArgs = {
  input: CancelBookingInput;
};


export type MutationcancelShowArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  showId: Scalars['ID']['input'];
};


export type MutationcheckInArgs = {
  code: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  showId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationconfirmBookingArgs = {
  input: ConfirmBookingInput;
};


export type MutationcreateCityArgs = {
  input: CreateCityInput;
};


export type MutationcreateEventArgs = {
  input: CreateEventInput;
};


export type MutationcreateScreenArgs = {
  input: CreateScreenInput;
};


export type MutationcreateVenueArgs = {
  input: CreateVenueInput;
};


export type MutationextendHoldArgs = {
  holdId: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


export type MutationgrantVenueRoleArgs = {
  input: VenueRoleInput;
};


export type MutationholdSeatsArgs = {
  input: HoldSeatsInput;
};


export type MutationloginArgs = {
  input: LoginInput;
};


export type MutationregisterArgs = {
  input: RegisterInput;
};


export type MutationreleaseHoldArgs = {
  holdId: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};


export type MutationrevokeVenueRoleArgs = {
  input: VenueRoleInput;
};


export type MutationscheduleShowArgs = {
  input: ScheduleShowInput;
};


export type MutationsetCancellationPolicyArgs = {
  input: SetCancellationPolicyInput;
};


export type MutationsetShowPricesArgs = {
  input: SetShowPricesInput;
};


export type MutationunblockSeatsArgs = {
  input: UnblockSeatsInput;
};


export type MutationupdateCityArgs = {
  input: UpdateCityInput;
};


export type MutationupdateEventArgs = {
  input: UpdateEventInput;
};


export type MutationupdateShowArgs = {
  input: UpdateShowInput;
};


export type MutationupdateVenueArgs = {
  input: UpdateVenueInput;
};


export type MutationverifyEmailArgs = {
  input: VerifyEmailInput;
};

/** Relay cursor pagination info. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PaymentStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'PENDING'
  | 'REQUIRES_ACTION'
  | 'SUCCEEDED';

export type Query = {
  __typename?: 'Query';
  /**
   * Staff actions, newest first: every catalog write, price change, seat block, role grant,
   * cancellation and check-in, written in the transaction of the change. Admins read everything;
   * venue managers read the entries of their venues only (FORBIDDEN when they filter on another
   * venue). `first` is 1-100 (default 20); `after` takes an `endCursor`.
   */
  auditLog: AuditEntryConnection;
  /** Owner or admin only. */
  booking?: Maybe<Booking>;
  /** All cities, ordered by name. */
  cities: Array<City>;
  /** Null when there is no city with that id. */
  city?: Maybe<City>;
  /** Null when there is no event with that id (archived events are returned, with `archivedAt`). */
  event?: Maybe<Event>;
  /** Events, ordered by title then id, archived ones left out. `first` is 1-100 (default 20); `after` takes an `endCursor`. */
  events: EventConnection;
  /** Owner or admin only. */
  hold?: Maybe<Hold>;
  /** The signed-in user, or null without a valid token. */
  me?: Maybe<User>;
  /** Null when there is no show with that id (cancelled shows are returned). */
  show?: Maybe<Show>;
  /**
   * Shows, ordered by start time then id. `first` is 1-100 (default 20). Cancelled and archived
   * shows are left out of this list; `show(id)` still returns them.
   */
  shows: ShowConnection;
  /** Null when there is no venue with that id. */
  venue?: Maybe<Venue>;
  /** Venues, optionally of one city, ordered by name then id. `first` is 1-100 (default 20). */
  venues: VenueConnection;
};


export type QueryauditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerybookingArgs = {
  id: Scalars['ID']['input'];
};


export type QuerycityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryeventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryeventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryholdArgs = {
  id: Scalars['ID']['input'];
};


export type QueryshowArgs = {
  id: Scalars['ID']['input'];
};


export type QueryshowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter: ShowFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryvenueArgs = {
  id: Scalars['ID']['input'];
};


export type QueryvenuesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  cityId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Refund = {
  __typename?: 'Refund';
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  /** Human reference, e.g. `RF-7KQ2-M9`. */
  reference: Scalars['String']['output'];
  status: RefundStatus;
};

export type RefundStatus =
  /** Refused by Stripe; our team follows up. */
  | 'FAILED'
  /** Owed; being sent to Stripe. */
  | 'PENDING'
  /** Accepted by Stripe. */
  | 'SUCCEEDED';

export type RefundTier = {
  __typename?: 'RefundTier';
  hoursBefore: Scalars['Int']['output'];
  refundPercent: Scalars['Int']['output'];
};

export type RefundTierInput = {
  hoursBefore: Scalars['Int']['input'];
  refundPercent: Scalars['Int']['input'];
};

export type RegisterInput = {
  email: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** 8 to 200 characters. */
  password: Scalars['String']['input'];
};

/**
 * Who someone is to Boxoffice. `User.role` is CUSTOMER or ADMIN (everywhere); VENUE_MANAGER and
 * DOOR_STAFF are held per venue (`User.venueRoles`, granted by admins with `grantVenueRole`).
 */
export type Role =
  /** May do everything, everywhere. */
  | 'ADMIN'
  /** Buys tickets; sees only their own holds and bookings. */
  | 'CUSTOMER'
  /** At their venues: only `checkIn`. */
  | 'DOOR_STAFF'
  /** At their venues: screens, events shown there, shows, prices, seat blocks, cancellations, check-in, the audit log. */
  | 'VENUE_MANAGER';

export type RowLayoutInput = {
  /** Seat numbers for wheelchair users. */
  accessible?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Seat numbers that are never sold. */
  blocked?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** Unique within the screen, e.g. `A`. Seat labels are row + number (`A12`). */
  label: Scalars['String']['input'];
  /** Seats in the row, numbered 1..seats. */
  seats: Scalars['Int']['input'];
};

export type ScheduleShowInput = {
  /** ISO-4217 code, e.g. `EUR`. */
  currency: Scalars['String']['input'];
  eventId: Scalars['ID']['input'];
  /** Retrying with the same key replays the first answer and never creates a second show. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** One price per section of the screen, in minor units. */
  prices: Array<SectionPriceInput>;
  /** When sales close (after `salesStartAt`, not after `startsAt`); unset: when the show starts. */
  salesEndAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** When sales open (before `startsAt`); unset: on sale at once. */
  salesStartAt?: InputMaybe<Scalars['DateTime']['input']>;
  screenId: Scalars['ID']['input'];
  /** In the future, within two years. */
  startsAt: Scalars['DateTime']['input'];
};

/** A room of a venue with a fixed seat layout: a cinema screen, a hall, a stadium stand. */
export type Screen = {
  __typename?: 'Screen';
  /** Seats that can be sold (blocked seats excluded). */
  capacity: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  venue: Venue;
};

/** Sections, front to back; each lists its rows, front to back. */
export type ScreenLayoutInput = {
  sections: Array<SectionLayoutInput>;
};

/** One committed version of a show's seat state. */
export type SeatChange = {
  __typename?: 'SeatChange';
  /** The seats whose status changed in this version, with their new status (every seat when `snapshot`). */
  seats: Array<ShowSeat>;
  showId: Scalars['ID']['output'];
  /** True when `seats` is the whole seat map at `version` rather than a difference. */
  snapshot: Scalars['Boolean']['output'];
  /** The show's seat-state version after this change (`SeatMap.version` numbering). */
  version: Scalars['Int']['output'];
};

/**
 * A show's seats in layout order (front to back, then left to right) and its sections in layout
 * order. A HELD seat whose hold has expired is reported AVAILABLE, even before it is released.
 */
export type SeatMap = {
  __typename?: 'SeatMap';
  seats: Array<ShowSeat>;
  sections: Array<Section>;
  showId: Scalars['ID']['output'];
  /** The show's seat-state version: +1 with every committed change of any of its seats. */
  version: Scalars['Int']['output'];
};

export type SeatStatus =
  | 'AVAILABLE'
  | 'BLOCKED'
  | 'BOOKED'
  | 'HELD';

export type Section = {
  __typename?: 'Section';
  available: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  price: Money;
  /** Price tier label of the section, e.g. `PREMIUM`. */
  tier: Scalars['String']['output'];
  /** Sellable seats of the section (BLOCKED excluded). */
  total: Scalars['Int']['output'];
};

export type SectionLayoutInput = {
  /** Unique within the screen; shows price seats by section. */
  name: Scalars['String']['input'];
  rows: Array<RowLayoutInput>;
  /** Price tier label, e.g. `PREMIUM` (default: the section name). */
  tier?: InputMaybe<Scalars['String']['input']>;
};

export type SectionPriceInput = {
  /** Minor units of the show's currency, 0-100,000,000. */
  amount: Scalars['Int']['input'];
  section: Scalars['String']['input'];
};

export type SetCancellationPolicyInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  showId: Scalars['ID']['input'];
  /** 1-10 tiers with distinct `hoursBefore`. */
  tiers: Array<RefundTierInput>;
};

export type SetShowPricesInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The sections to reprice, each at most once; unlisted sections keep their price. */
  prices: Array<SectionPriceInput>;
  showId: Scalars['ID']['input'];
};

export type Show = {
  __typename?: 'Show';
  /** When the show was archived (hidden from `shows`, off sale). */
  archivedAt?: Maybe<Scalars['DateTime']['output']>;
  availability: Availability;
  cancellationPolicy: CancellationPolicy;
  currency: Scalars['String']['output'];
  endsAt: Scalars['DateTime']['output'];
  event: Event;
  id: Scalars['ID']['output'];
  /**
   * Whether seats can be held right now: inside the sales window, not started, not cancelled, not
   * archived. Holds outside it are refused with NOT_ON_SALE; the seat map stays readable.
   */
  onSale: Scalars['Boolean']['output'];
  /** When sales close (exclusive); null: when the show starts. */
  salesEndAt?: Maybe<Scalars['DateTime']['output']>;
  /** When sales open; null: on sale as soon as the show is scheduled. */
  salesStartAt?: Maybe<Scalars['DateTime']['output']>;
  screen: Screen;
  /** Current seat states. `version` says which committed change they reflect. */
  seatMap: SeatMap;
  startsAt: Scalars['DateTime']['output'];
  status: ShowStatus;
  venue: Venue;
};

export type ShowConnection = {
  __typename?: 'ShowConnection';
  edges: Array<ShowEdge>;
  pageInfo: PageInfo;
};

export type ShowEdge = {
  __typename?: 'ShowEdge';
  cursor: Scalars['String']['output'];
  node: Show;
};

export type ShowFilter = {
  cityId?: InputMaybe<Scalars['ID']['input']>;
  eventId?: InputMaybe<Scalars['ID']['input']>;
  /** Shows starting at or after this instant (default: shows that have not started yet). */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** `true`: only shows that can be held right now (see `Show.onSale`); `false` or null: no filter. */
  onSale?: InputMaybe<Scalars['Boolean']['input']>;
  /** Shows starting before this instant; must be after `from`. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venueId?: InputMaybe<Scalars['ID']['input']>;
};

export type ShowSeat = {
  __typename?: 'ShowSeat';
  accessible: Scalars['Boolean']['output'];
  /** Unique to this seat in this show. */
  id: Scalars['ID']['output'];
  /** What people read, e.g. `C12`. */
  label: Scalars['String']['output'];
  number: Scalars['Int']['output'];
  price: Money;
  row: Scalars['String']['output'];
  section: Scalars['String']['output'];
  status: SeatStatus;
  x: Scalars['Int']['output'];
  y: Scalars['Int']['output'];
};

export type ShowStatus =
  | 'CANCELLED'
  /** Scheduled and not started. Whether seats can be held right now is `Show.onSale` (the sales window). */
  | 'ON_SALE'
  /** The show has started; sales are closed. */
  | 'STARTED';

/** Live updates over WebSocket (graphql-ws, `graphql-transport-ws`, same URL as HTTP). */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The lifecycle of one of your holds (owner or admin): EXTENDED, EXPIRING_SOON (a minute before
   * expiry by default), and finally EXPIRED, RELEASED or CONVERTED, after which the subscription
   * completes. Subscribing to a hold that has already ended sends how it ended, then completes.
   */
  holdChanged: HoldChange;
  /**
   * The seats of a show whose status changed, one `SeatChange` per committed version, in version
   * order, without gaps or duplicates. Anyone may watch; no token is needed.
   *
   * The intended client protocol: read `Show.seatMap` (it carries `version`), subscribe with
   * `afterVersion: seatMap.version`, apply each change. Changes after `afterVersion` are replayed
   * first (the server keeps at least the last 24 hours), then live ones follow. Without
   * `afterVersion` only live changes come.
   *
   * Apply a change by setting each listed seat's status. `seatMap.seats` may already include a change
   * that was committed but not yet numbered when it was read; it then arrives with a version above
   * `seatMap.version`, and re-applying a status is harmless. When the server no longer has every
   * change you missed, or your connection falls behind, you get one change with `snapshot: true`
   * carrying the whole seat map at its version: replace your map with it and go on.
   */
  seatChanged: SeatChange;
};


/** Live updates over WebSocket (graphql-ws, `graphql-transport-ws`, same URL as HTTP). */
export type SubscriptionholdChangedArgs = {
  holdId: Scalars['ID']['input'];
};


/** Live updates over WebSocket (graphql-ws, `graphql-transport-ws`, same URL as HTTP). */
export type SubscriptionseatChangedArgs = {
  afterVersion?: InputMaybe<Scalars['Int']['input']>;
  showId: Scalars['ID']['input'];
};

export type Ticket = {
  __typename?: 'Ticket';
  /** Signed (HMAC): a scanner can tell a genuine code offline. */
  code: Scalars['String']['output'];
  /** The code as a QR code, an SVG document. */
  qrSvg: Scalars['String']['output'];
};

export type UnblockSeatsInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** `ShowSeat.id` values of that show, 1-1000. */
  seatIds: Array<Scalars['ID']['input']>;
  showId: Scalars['ID']['input'];
};

export type UpdateCityInput = {
  cityId: Scalars['ID']['input'];
  /** ISO-3166 alpha-2 country code. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** Omitted fields stay as they are; null clears an optional field. */
export type UpdateEventInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1-1440; the end of its scheduled shows moves with it. */
  durationMinutes?: InputMaybe<Scalars['Int']['input']>;
  eventId: Scalars['ID']['input'];
  genres?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  language?: InputMaybe<Scalars['String']['input']>;
  /** 1-1000; applies to new holds. */
  maxTicketsPerUser?: InputMaybe<Scalars['Int']['input']>;
  posterUrl?: InputMaybe<Scalars['String']['input']>;
  rating?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateShowInput = {
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Omitted: unchanged; null: until the show starts. */
  salesEndAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Omitted: unchanged; null: on sale at once. */
  salesStartAt?: InputMaybe<Scalars['DateTime']['input']>;
  showId: Scalars['ID']['input'];
  /** A new start (in the future); the end moves with it. */
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
};

export type UpdateVenueInput = {
  /** An empty string clears it. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  venueId: Scalars['ID']['input'];
};

export type User = {
  __typename?: 'User';
  /** Your bookings, newest first (the user themself or an admin). */
  bookings: BookingConnection;
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  /**
   * Whether the user proved they read this address (`verifyEmail`). Once true it stays true. When
   * the server requires verified emails, `holdSeats` by a user for whom it is false answers
   * `FORBIDDEN` with `extensions.reason` `EMAIL_NOT_VERIFIED`.
   */
  emailVerified: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  role: Role;
  /** The venue roles this user holds (the user themself or an admin). */
  venueRoles: Array<VenueRole>;
};


export type UserbookingsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Venue = {
  __typename?: 'Venue';
  address?: Maybe<Scalars['String']['output']>;
  city: City;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  screens: Array<Screen>;
};

export type VenueConnection = {
  __typename?: 'VenueConnection';
  edges: Array<VenueEdge>;
  pageInfo: PageInfo;
};

export type VenueEdge = {
  __typename?: 'VenueEdge';
  cursor: Scalars['String']['output'];
  node: Venue;
};

/** A role held at one venue. */
export type VenueRole = {
  __typename?: 'VenueRole';
  grantedAt: Scalars['DateTime']['output'];
  /** VENUE_MANAGER or DOOR_STAFF. */
  role: Role;
  venue: Venue;
};

export type VenueRoleInput = {
  /** The account's email (case-insensitive); NOT_FOUND when there is no such account. */
  email: Scalars['String']['input'];
  /** Retrying with the same key replays the first answer. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** VENUE_MANAGER or DOOR_STAFF (CUSTOMER and ADMIN are not venue roles: BAD_USER_INPUT). */
  role: Role;
  venueId: Scalars['ID']['input'];
};

export type VerifyEmailInput = {
  /** The 6 digits of the code that was sent (spaces around them are ignored). */
  code: Scalars['String']['input'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ArchiveEventInput: ArchiveEventInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ArchiveShowInput: ArchiveShowInput;
  AuditEntry: ResolverTypeWrapper<AuditEntryMapper>;
  AuditEntryConnection: ResolverTypeWrapper<AuditEntryConnectionMapper>;
  AuditEntryEdge: ResolverTypeWrapper<AuditEntryEdgeMapper>;
  AuditLogFilter: AuditLogFilter;
  AuthPayload: ResolverTypeWrapper<AuthPayloadMapper>;
  Availability: ResolverTypeWrapper<AvailabilityMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BlockSeatsInput: BlockSeatsInput;
  Booking: ResolverTypeWrapper<BookingMapper>;
  BookingConnection: ResolverTypeWrapper<BookingConnectionMapper>;
  BookingEdge: ResolverTypeWrapper<BookingEdgeMapper>;
  BookingPayment: ResolverTypeWrapper<BookingPaymentMapper>;
  BookingStatus: ResolverTypeWrapper<'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED'>;
  CancelBookingInput: CancelBookingInput;
  CancellationPolicy: ResolverTypeWrapper<CancellationPolicyMapper>;
  City: ResolverTypeWrapper<CityMapper>;
  ConfirmBookingInput: ConfirmBookingInput;
  CreateCityInput: CreateCityInput;
  CreateEventInput: CreateEventInput;
  CreateScreenInput: CreateScreenInput;
  CreateVenueInput: CreateVenueInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EmailVerificationCodeSent: ResolverTypeWrapper<EmailVerificationCodeSent>;
  ErrorCode: ResolverTypeWrapper<'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'SEATS_UNAVAILABLE' | 'HOLD_LIMIT_REACHED' | 'HOLD_EXPIRED' | 'PAYMENT_DECLINED' | 'PAYMENT_FAILED' | 'IDEMPOTENCY_KEY_REUSED' | 'CANCELLATION_NOT_ALLOWED' | 'RATE_LIMITED' | 'NOT_ON_SALE' | 'PURCHASE_LIMIT_REACHED' | 'INTERNAL_SERVER_ERROR'>;
  Event: ResolverTypeWrapper<EventMapper>;
  EventConnection: ResolverTypeWrapper<EventConnectionMapper>;
  EventEdge: ResolverTypeWrapper<EventEdgeMapper>;
  EventFilter: EventFilter;
  EventKind: ResolverTypeWrapper<'MOVIE' | 'CONCERT' | 'THEATRE' | 'SPORT'>;
  Hold: ResolverTypeWrapper<HoldMapper>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  HoldChange: ResolverTypeWrapper<HoldChangeMapper>;
  HoldChangeKind: ResolverTypeWrapper<'EXTENDED' | 'EXPIRING_SOON' | 'EXPIRED' | 'RELEASED' | 'CONVERTED'>;
  HoldSeatsInput: HoldSeatsInput;
  HoldStatus: ResolverTypeWrapper<'ACTIVE' | 'RELEASED' | 'EXPIRED' | 'CONVERTED'>;
  LoginInput: LoginInput;
  Money: ResolverTypeWrapper<MoneyMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfoMapper>;
  PaymentStatus: ResolverTypeWrapper<'PENDING' | 'REQUIRES_ACTION' | 'SUCCEEDED' | 'FAILED' | 'CANCELED'>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Refund: ResolverTypeWrapper<RefundMapper>;
  RefundStatus: ResolverTypeWrapper<'PENDING' | 'SUCCEEDED' | 'FAILED'>;
  RefundTier: ResolverTypeWrapper<RefundTierMapper>;
  RefundTierInput: RefundTierInput;
  RegisterInput: RegisterInput;
  Role: ResolverTypeWrapper<'CUSTOMER' | 'ADMIN' | 'VENUE_MANAGER' | 'DOOR_STAFF'>;
  RowLayoutInput: RowLayoutInput;
  ScheduleShowInput: ScheduleShowInput;
  Screen: ResolverTypeWrapper<ScreenMapper>;
  ScreenLayoutInput: ScreenLayoutInput;
  SeatChange: ResolverTypeWrapper<SeatChangeMapper>;
  SeatMap: ResolverTypeWrapper<SeatMapMapper>;
  SeatStatus: ResolverTypeWrapper<'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED'>;
  Section: ResolverTypeWrapper<SectionMapper>;
  SectionLayoutInput: SectionLayoutInput;
  SectionPriceInput: SectionPriceInput;
  SetCancellationPolicyInput: SetCancellationPolicyInput;
  SetShowPricesInput: SetShowPricesInput;
  Show: ResolverTypeWrapper<ShowMapper>;
  ShowConnection: ResolverTypeWrapper<ShowConnectionMapper>;
  ShowEdge: ResolverTypeWrapper<ShowEdgeMapper>;
  ShowFilter: ShowFilter;
  ShowSeat: ResolverTypeWrapper<ShowSeatMapper>;
  ShowStatus: ResolverTypeWrapper<'ON_SALE' | 'STARTED' | 'CANCELLED'>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Ticket: ResolverTypeWrapper<TicketMapper>;
  UnblockSeatsInput: UnblockSeatsInput;
  UpdateCityInput: UpdateCityInput;
  UpdateEventInput: UpdateEventInput;
  UpdateShowInput: UpdateShowInput;
  UpdateVenueInput: UpdateVenueInput;
  User: ResolverTypeWrapper<UserMapper>;
  Venue: ResolverTypeWrapper<VenueMapper>;
  VenueConnection: ResolverTypeWrapper<VenueConnectionMapper>;
  VenueEdge: ResolverTypeWrapper<VenueEdgeMapper>;
  VenueRole: ResolverTypeWrapper<VenueRoleMapper>;
  VenueRoleInput: VenueRoleInput;
  VerifyEmailInput: VerifyEmailInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ArchiveEventInput: ArchiveEventInput;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  ArchiveShowInput: ArchiveShowInput;
  AuditEntry: AuditEntryMapper;
  AuditEntryConnection: AuditEntryConnectionMapper;
  AuditEntryEdge: AuditEntryEdgeMapper;
  AuditLogFilter: AuditLogFilter;
  AuthPayload: AuthPayloadMapper;
  Availability: AvailabilityMapper;
  Int: Scalars['Int']['output'];
  BlockSeatsInput: BlockSeatsInput;
  Booking: BookingMapper;
  BookingConnection: BookingConnectionMapper;
  BookingEdge: BookingEdgeMapper;
  BookingPayment: BookingPaymentMapper;
  CancelBookingInput: CancelBookingInput;
  CancellationPolicy: CancellationPolicyMapper;
  City: CityMapper;
  ConfirmBookingInput: ConfirmBookingInput;
  CreateCityInput: CreateCityInput;
  CreateEventInput: CreateEventInput;
  CreateScreenInput: CreateScreenInput;
  CreateVenueInput: CreateVenueInput;
  DateTime: Scalars['DateTime']['output'];
  EmailVerificationCodeSent: EmailVerificationCodeSent;
  Event: EventMapper;
  EventConnection: EventConnectionMapper;
  EventEdge: EventEdgeMapper;
  EventFilter: EventFilter;
  Hold: HoldMapper;
  Boolean: Scalars['Boolean']['output'];
  HoldChange: HoldChangeMapper;
  HoldSeatsInput: HoldSeatsInput;
  LoginInput: LoginInput;
  Money: MoneyMapper;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfoMapper;
  Query: Record<PropertyKey, never>;
  Refund: RefundMapper;
  RefundTier: RefundTierMapper;
  RefundTierInput: RefundTierInput;
  RegisterInput: RegisterInput;
  RowLayoutInput: RowLayoutInput;
  ScheduleShowInput: ScheduleShowInput;
  Screen: ScreenMapper;
  ScreenLayoutInput: ScreenLayoutInput;
  SeatChange: SeatChangeMapper;
  SeatMap: SeatMapMapper;
  Section: SectionMapper;
  SectionLayoutInput: SectionLayoutInput;
  SectionPriceInput: SectionPriceInput;
  SetCancellationPolicyInput: SetCancellationPolicyInput;
  SetShowPricesInput: SetShowPricesInput;
  Show: ShowMapper;
  ShowConnection: ShowConnectionMapper;
  ShowEdge: ShowEdgeMapper;
  ShowFilter: ShowFilter;
  ShowSeat: ShowSeatMapper;
  Subscription: Record<PropertyKey, never>;
  Ticket: TicketMapper;
  UnblockSeatsInput: UnblockSeatsInput;
  UpdateCityInput: UpdateCityInput;
  UpdateEventInput: UpdateEventInput;
  UpdateShowInput: UpdateShowInput;
  UpdateVenueInput: UpdateVenueInput;
  User: UserMapper;
  Venue: VenueMapper;
  VenueConnection: VenueConnectionMapper;
  VenueEdge: VenueEdgeMapper;
  VenueRole: VenueRoleMapper;
  VenueRoleInput: VenueRoleInput;
  VerifyEmailInput: VerifyEmailInput;
};

export type AuditEntryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  showId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  targetId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  venueId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type AuditEntryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEntryConnection'] = ResolversParentTypes['AuditEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditEntryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
};

export type AuthPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = {
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type AvailabilityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Availability'] = ResolversParentTypes['Availability']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  booked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  held?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type BookingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Booking'] = ResolversParentTypes['Booking']> = {
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  checkedInAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  confirmedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payment?: Resolver<Maybe<ResolversTypes['BookingPayment']>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refund?: Resolver<Maybe<ResolversTypes['Refund']>, ParentType, ContextType>;
  seats?: Resolver<Array<ResolversTypes['ShowSeat']>, ParentType, ContextType>;
  show?: Resolver<ResolversTypes['Show'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BookingStatus'], ParentType, ContextType>;
  ticket?: Resolver<Maybe<ResolversTypes['Ticket']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type BookingConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BookingConnection'] = ResolversParentTypes['BookingConnection']> = {
  edges?: Resolver<Array<ResolversTypes['BookingEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BookingEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BookingEdge'] = ResolversParentTypes['BookingEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Booking'], ParentType, ContextType>;
};

export type BookingPaymentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BookingPayment'] = ResolversParentTypes['BookingPayment']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  clientSecret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  declineCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  failureMessage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  paymentIntentId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
};

export type BookingStatusResolvers = EnumResolverSignature<{ CANCELLED?: any, CONFIRMED?: any, PENDING_PAYMENT?: any }, ResolversTypes['BookingStatus']>;

export type CancellationPolicyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CancellationPolicy'] = ResolversParentTypes['CancellationPolicy']> = {
  tiers?: Resolver<Array<ResolversTypes['RefundTier']>, ParentType, ContextType>;
};

export type CityResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['City'] = ResolversParentTypes['City']> = {
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timezone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EmailVerificationCodeSentResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EmailVerificationCodeSent'] = ResolversParentTypes['EmailVerificationCodeSent']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  resendAfter?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ErrorCodeResolvers = EnumResolverSignature<{ BAD_USER_INPUT?: any, CANCELLATION_NOT_ALLOWED?: any, FORBIDDEN?: any, HOLD_EXPIRED?: any, HOLD_LIMIT_REACHED?: any, IDEMPOTENCY_KEY_REUSED?: any, INTERNAL_SERVER_ERROR?: any, NOT_FOUND?: any, NOT_ON_SALE?: any, PAYMENT_DECLINED?: any, PAYMENT_FAILED?: any, PURCHASE_LIMIT_REACHED?: any, RATE_LIMITED?: any, SEATS_UNAVAILABLE?: any, UNAUTHENTICATED?: any }, ResolversTypes['ErrorCode']>;

export type EventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event']> = {
  archivedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  durationMinutes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  genres?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['EventKind'], ParentType, ContextType>;
  language?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  maxTicketsPerUser?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  posterUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rating?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EventConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EventConnection'] = ResolversParentTypes['EventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type EventEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EventEdge'] = ResolversParentTypes['EventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
};

export type EventKindResolvers = EnumResolverSignature<{ CONCERT?: any, MOVIE?: any, SPORT?: any, THEATRE?: any }, ResolversTypes['EventKind']>;

export type HoldResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Hold'] = ResolversParentTypes['Hold']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  extendable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seats?: Resolver<Array<ResolversTypes['ShowSeat']>, ParentType, ContextType>;
  show?: Resolver<ResolversTypes['Show'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HoldStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type HoldChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['HoldChange'] = ResolversParentTypes['HoldChange']> = {
  hold?: Resolver<ResolversTypes['Hold'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['HoldChangeKind'], ParentType, ContextType>;
};

export type HoldChangeKindResolvers = EnumResolverSignature<{ CONVERTED?: any, EXPIRED?: any, EXPIRING_SOON?: any, EXTENDED?: any, RELEASED?: any }, ResolversTypes['HoldChangeKind']>;

export type HoldStatusResolvers = EnumResolverSignature<{ ACTIVE?: any, CONVERTED?: any, EXPIRED?: any, RELEASED?: any }, ResolversTypes['HoldStatus']>;

export type MoneyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  archiveEvent?: Resolver<ResolversTypes['Event'], ParentType, ContextType, RequireFields<MutationarchiveEventArgs, 'input'>>;
  archiveShow?: Resolver<ResolversTypes['Show'], ParentType, ContextType, RequireFields<MutationarchiveShowArgs, 'input'>>;
  blockSeats?: Resolver<ResolversTypes['Show'], ParentType, ContextType, RequireFields<MutationblockSeatsArgs, 'input'>>;
  cancelBooking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationcancelBookingArgs, 'input'>>;
  cancelShow?: Resolver<ResolversTypes['Show'], ParentType, ContextType, RequireFields<MutationcancelShowArgs, 'showId'>>;
  checkIn?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationcheckInArgs, 'code'>>;
  confirmBooking?: Resolver<ResolversTypes['Booking'], ParentType, ContextType, RequireFields<MutationconfirmBookingArgs, 'input'>>;
  createCity?: Resolver<ResolversTypes['City'], ParentType, ContextType, RequireFields<MutationcreateCityArgs, 'input'>>;
  createEvent?: Resolver<ResolversTypes['Event'], ParentType, ContextType, RequireFields<MutationcreateEventArgs, 'input'>>;
  createScreen?: Resolver<ResolversTypes['Screen'], ParentType, ContextType, RequireFields<MutationcreateScreenArgs, 'input'>>;
  createVenue?: Resolver<ResolversTypes['Venue'], ParentType, ContextType, RequireFields<MutationcreateVenueArgs, 'input'>>;
  extendHold?: Resolver<ResolversTypes['Hold'], ParentType, ContextType, RequireFields<MutationextendHoldArgs, 'holdId'>>;
  grantVenueRole?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationgrantVenueRoleArgs, 'input'>>;
  holdSeats?: Resolver<ResolversTypes['Hold'], ParentType, ContextType, RequireFields<MutationholdSeatsArgs, 'input'>>;
  login?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationloginArgs, 'input'>>;
  register?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationregisterArgs, 'input'>>;
  releaseHold?: Resolver<ResolversTypes['Hold'], ParentType, ContextType, RequireFields<MutationreleaseHoldArgs, 'holdId'>>;
  requestEmailVerificationCode?: Resolver<ResolversTypes['EmailVerificationCodeSent'], ParentType, ContextType>;
  revokeVenueRole?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationrevokeVenueRoleArgs, 'input'>>;
  scheduleShow?: Resolver<ResolversTypes['Show'], ParentType, ContextType, RequireFields<MutationscheduleShowArgs, 'input'>>;
  setCancellationPolicy?: Resolver<ResolversTypes['CancellationPolicy'], ParentType, ContextType, RequireFields<MutationsetCancellationPolicyArgs, 'input'>>;
  setShowPrices?: Resolver<ResolversTypes['Show'], ParentType, ContextType, RequireFields<MutationsetShowPricesArgs, 'input'>>;
  unblockSeats?: Resolver<ResolversTypes['Show'], ParentType, ContextType, RequireFields<MutationunblockSeatsArgs, 'input'>>;
  updateCity?: Resolver<ResolversTypes['City'], ParentType, ContextType, RequireFields<MutationupdateCityArgs, 'input'>>;
  updateEvent?: Resolver<ResolversTypes['Event'], ParentType, ContextType, RequireFields<MutationupdateEventArgs, 'input'>>;
  updateShow?: Resolver<ResolversTypes['Show'], ParentType, ContextType, RequireFields<MutationupdateShowArgs, 'input'>>;
  updateVenue?: Resolver<ResolversTypes['Venue'], ParentType, ContextType, RequireFields<MutationupdateVenueArgs, 'input'>>;
  verifyEmail?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationverifyEmailArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PaymentStatusResolvers = EnumResolverSignature<{ CANCELED?: any, FAILED?: any, PENDING?: any, REQUIRES_ACTION?: any, SUCCEEDED?: any }, ResolversTypes['PaymentStatus']>;

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditLog?: Resolver<ResolversTypes['AuditEntryConnection'], ParentType, ContextType, Partial<QueryauditLogArgs>>;
  booking?: Resolver<Maybe<ResolversTypes['Booking']>, ParentType, ContextType, RequireFields<QuerybookingArgs, 'id'>>;
  cities?: Resolver<Array<ResolversTypes['City']>, ParentType, ContextType>;
  city?: Resolver<Maybe<ResolversTypes['City']>, ParentType, ContextType, RequireFields<QuerycityArgs, 'id'>>;
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType, RequireFields<QueryeventArgs, 'id'>>;
  events?: Resolver<ResolversTypes['EventConnection'], ParentType, ContextType, Partial<QueryeventsArgs>>;
  hold?: Resolver<Maybe<ResolversTypes['Hold']>, ParentType, ContextType, RequireFields<QueryholdArgs, 'id'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  show?: Resolver<Maybe<ResolversTypes['Show']>, ParentType, ContextType, RequireFields<QueryshowArgs, 'id'>>;
  shows?: Resolver<ResolversTypes['ShowConnection'], ParentType, ContextType, RequireFields<QueryshowsArgs, 'filter'>>;
  venue?: Resolver<Maybe<ResolversTypes['Venue']>, ParentType, ContextType, RequireFields<QueryvenueArgs, 'id'>>;
  venues?: Resolver<ResolversTypes['VenueConnection'], ParentType, ContextType, Partial<QueryvenuesArgs>>;
};

export type RefundResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Refund'] = ResolversParentTypes['Refund']> = {
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RefundStatus'], ParentType, ContextType>;
};

export type RefundStatusResolvers = EnumResolverSignature<{ FAILED?: any, PENDING?: any, SUCCEEDED?: any }, ResolversTypes['RefundStatus']>;

export type RefundTierResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RefundTier'] = ResolversParentTypes['RefundTier']> = {
  hoursBefore?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  refundPercent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RoleResolvers = EnumResolverSignature<{ ADMIN?: any, CUSTOMER?: any, DOOR_STAFF?: any, VENUE_MANAGER?: any }, ResolversTypes['Role']>;

export type ScreenResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Screen'] = ResolversParentTypes['Screen']> = {
  capacity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  venue?: Resolver<ResolversTypes['Venue'], ParentType, ContextType>;
};

export type SeatChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SeatChange'] = ResolversParentTypes['SeatChange']> = {
  seats?: Resolver<Array<ResolversTypes['ShowSeat']>, ParentType, ContextType>;
  showId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  snapshot?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SeatMapResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SeatMap'] = ResolversParentTypes['SeatMap']> = {
  seats?: Resolver<Array<ResolversTypes['ShowSeat']>, ParentType, ContextType>;
  sections?: Resolver<Array<ResolversTypes['Section']>, ParentType, ContextType>;
  showId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SeatStatusResolvers = EnumResolverSignature<{ AVAILABLE?: any, BLOCKED?: any, BOOKED?: any, HELD?: any }, ResolversTypes['SeatStatus']>;

export type SectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Section'] = ResolversParentTypes['Section']> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShowResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Show'] = ResolversParentTypes['Show']> = {
  archivedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  availability?: Resolver<ResolversTypes['Availability'], ParentType, ContextType>;
  cancellationPolicy?: Resolver<ResolversTypes['CancellationPolicy'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  onSale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  salesEndAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  salesStartAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  screen?: Resolver<ResolversTypes['Screen'], ParentType, ContextType>;
  seatMap?: Resolver<ResolversTypes['SeatMap'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ShowStatus'], ParentType, ContextType>;
  venue?: Resolver<ResolversTypes['Venue'], ParentType, ContextType>;
};

export type ShowConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ShowConnection'] = ResolversParentTypes['ShowConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ShowEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ShowEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ShowEdge'] = ResolversParentTypes['ShowEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Show'], ParentType, ContextType>;
};

export type ShowSeatResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ShowSeat'] = ResolversParentTypes['ShowSeat']> = {
  accessible?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  row?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  section?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SeatStatus'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShowStatusResolvers = EnumResolverSignature<{ CANCELLED?: any, ON_SALE?: any, STARTED?: any }, ResolversTypes['ShowStatus']>;

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  holdChanged?: SubscriptionResolver<ResolversTypes['HoldChange'], "holdChanged", ParentType, ContextType, RequireFields<SubscriptionholdChangedArgs, 'holdId'>>;
  seatChanged?: SubscriptionResolver<ResolversTypes['SeatChange'], "seatChanged", ParentType, ContextType, RequireFields<SubscriptionseatChangedArgs, 'showId'>>;
};

export type TicketResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  qrSvg?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  bookings?: Resolver<ResolversTypes['BookingConnection'], ParentType, ContextType, Partial<UserbookingsArgs>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  emailVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  venueRoles?: Resolver<Array<ResolversTypes['VenueRole']>, ParentType, ContextType>;
};

export type VenueResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Venue'] = ResolversParentTypes['Venue']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  city?: Resolver<ResolversTypes['City'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  screens?: Resolver<Array<ResolversTypes['Screen']>, ParentType, ContextType>;
};

export type VenueConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['VenueConnection'] = ResolversParentTypes['VenueConnection']> = {
  edges?: Resolver<Array<ResolversTypes['VenueEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type VenueEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['VenueEdge'] = ResolversParentTypes['VenueEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Venue'], ParentType, ContextType>;
};

export type VenueRoleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['VenueRole'] = ResolversParentTypes['VenueRole']> = {
  grantedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  venue?: Resolver<ResolversTypes['Venue'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  Availability?: AvailabilityResolvers<ContextType>;
  Booking?: BookingResolvers<ContextType>;
  BookingConnection?: BookingConnectionResolvers<ContextType>;
  BookingEdge?: BookingEdgeResolvers<ContextType>;
  BookingPayment?: BookingPaymentResolvers<ContextType>;
  BookingStatus?: BookingStatusResolvers;
  CancellationPolicy?: CancellationPolicyResolvers<ContextType>;
  City?: CityResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EmailVerificationCodeSent?: EmailVerificationCodeSentResolvers<ContextType>;
  ErrorCode?: ErrorCodeResolvers;
  Event?: EventResolvers<ContextType>;
  EventConnection?: EventConnectionResolvers<ContextType>;
  EventEdge?: EventEdgeResolvers<ContextType>;
  EventKind?: EventKindResolvers;
  Hold?: HoldResolvers<ContextType>;
  HoldChange?: HoldChangeResolvers<ContextType>;
  HoldChangeKind?: HoldChangeKindResolvers;
  HoldStatus?: HoldStatusResolvers;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PaymentStatus?: PaymentStatusResolvers;
  Query?: QueryResolvers<ContextType>;
  Refund?: RefundResolvers<ContextType>;
  RefundStatus?: RefundStatusResolvers;
  RefundTier?: RefundTierResolvers<ContextType>;
  Role?: RoleResolvers;
  Screen?: ScreenResolvers<ContextType>;
  SeatChange?: SeatChangeResolvers<ContextType>;
  SeatMap?: SeatMapResolvers<ContextType>;
  SeatStatus?: SeatStatusResolvers;
  Section?: SectionResolvers<ContextType>;
  Show?: ShowResolvers<ContextType>;
  ShowConnection?: ShowConnectionResolvers<ContextType>;
  ShowEdge?: ShowEdgeResolvers<ContextType>;
  ShowSeat?: ShowSeatResolvers<ContextType>;
  ShowStatus?: ShowStatusResolvers;
  Subscription?: SubscriptionResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Venue?: VenueResolvers<ContextType>;
  VenueConnection?: VenueConnectionResolvers<ContextType>;
  VenueEdge?: VenueEdgeResolvers<ContextType>;
  VenueRole?: VenueRoleResolvers<ContextType>;
};

