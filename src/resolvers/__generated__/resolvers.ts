/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.js';
    import    { auditLog as Query_auditLog } from './../Query/auditLog.js';
import    { booking as Query_booking } from './../Query/booking.js';
import    { cities as Query_cities } from './../Query/cities.js';
import    { city as Query_city } from './../Query/city.js';
import    { event as Query_event } from './../Query/event.js';
import    { events as Query_events } from './../Query/events.js';
import    { hold as Query_hold } from './../Query/hold.js';
import    { me as Query_me } from './../Query/me.js';
import    { show as Query_show } from './../Query/show.js';
import    { shows as Query_shows } from './../Query/shows.js';
import    { venue as Query_venue } from './../Query/venue.js';
import    { venues as Query_venues } from './../Query/venues.js';
import    { archiveEvent as Mutation_archiveEvent } from './../Mutation/archiveEvent.js';
import    { archiveShow as Mutation_archiveShow } from './../Mutation/archiveShow.js';
import    { blockSeats as Mutation_blockSeats } from './../Mutation/blockSeats.js';
import    { cancelBooking as Mutation_cancelBooking } from './../Mutation/cancelBooking.js';
import    { cancelShow as Mutation_cancelShow } from './../Mutation/cancelShow.js';
import    { checkIn as Mutation_checkIn } from './../Mutation/checkIn.js';
import    { confirmBooking as Mutation_confirmBooking } from './../Mutation/confirmBooking.js';
import    { createCity as Mutation_createCity } from './../Mutation/createCity.js';
import    { createEvent as Mutation_createEvent } from './../Mutation/createEvent.js';
import    { createScreen as Mutation_createScreen } from './../Mutation/createScreen.js';
import    { createVenue as Mutation_createVenue } from './../Mutation/createVenue.js';
import    { extendHold as Mutation_extendHold } from './../Mutation/extendHold.js';
import    { grantVenueRole as Mutation_grantVenueRole } from './../Mutation/grantVenueRole.js';
import    { holdSeats as Mutation_holdSeats } from './../Mutation/holdSeats.js';
import    { login as Mutation_login } from './../Mutation/login.js';
import    { register as Mutation_register } from './../Mutation/register.js';
import    { releaseHold as Mutation_releaseHold } from './../Mutation/releaseHold.js';
import    { requestEmailVerificationCode as Mutation_requestEmailVerificationCode } from './../Mutation/requestEmailVerificationCode.js';
import    { revokeVenueRole as Mutation_revokeVenueRole } from './../Mutation/revokeVenueRole.js';
import    { scheduleShow as Mutation_scheduleShow } from './../Mutation/scheduleShow.js';
import    { setCancellationPolicy as Mutation_setCancellationPolicy } from './../Mutation/setCancellationPolicy.js';
import    { setShowPrices as Mutation_setShowPrices } from './../Mutation/setShowPrices.js';
import    { unblockSeats as Mutation_unblockSeats } from './../Mutation/unblockSeats.js';
import    { updateCity as Mutation_updateCity } from './../Mutation/updateCity.js';
import    { updateEvent as Mutation_updateEvent } from './../Mutation/updateEvent.js';
import    { updateShow as Mutation_updateShow } from './../Mutation/updateShow.js';
import    { updateVenue as Mutation_updateVenue } from './../Mutation/updateVenue.js';
import    { verifyEmail as Mutation_verifyEmail } from './../Mutation/verifyEmail.js';
import    { holdChanged as Subscription_holdChanged } from './../Subscription/holdChanged.js';
import    { seatChanged as Subscription_seatChanged } from './../Subscription/seatChanged.js';
import    { AuditEntry } from './../AuditEntry.js';
import    { AuditEntryConnection } from './../AuditEntryConnection.js';
import    { AuditEntryEdge } from './../AuditEntryEdge.js';
import    { AuthPayload } from './../AuthPayload.js';
import    { Availability } from './../Availability.js';
import    { Booking } from './../Booking.js';
import    { BookingConnection } from './../BookingConnection.js';
import    { BookingEdge } from './../BookingEdge.js';
import    { BookingPayment } from './../BookingPayment.js';
import    { CancellationPolicy } from './../CancellationPolicy.js';
import    { City } from './../City.js';
import    { EmailVerificationCodeSent } from './../EmailVerificationCodeSent.js';
import    { Event } from './../Event.js';
import    { EventConnection } from './../EventConnection.js';
import    { EventEdge } from './../EventEdge.js';
import    { Hold } from './../Hold.js';
import    { HoldChange } from './../HoldChange.js';
import    { Money } from './../Money.js';
import    { PageInfo } from './../PageInfo.js';
import    { Refund } from './../Refund.js';
import    { RefundTier } from './../RefundTier.js';
import    { Screen } from './../Screen.js';
import    { SeatChange } from './../SeatChange.js';
import    { SeatMap } from './../SeatMap.js';
import    { Section } from './../Section.js';
import    { Show } from './../Show.js';
import    { ShowConnection } from './../ShowConnection.js';
import    { ShowEdge } from './../ShowEdge.js';
import    { ShowSeat } from './../ShowSeat.js';
import    { Ticket } from './../Ticket.js';
import    { User } from './../User.js';
import    { Venue } from './../Venue.js';
import    { VenueConnection } from './../VenueConnection.js';
import    { VenueEdge } from './../VenueEdge.js';
import    { VenueRole } from './../VenueRole.js';
import    { DateTimeResolver } from 'graphql-scalars';
    export const resolvers: Resolvers = {
      Query: { auditLog: Query_auditLog,booking: Query_booking,cities: Query_cities,city: Query_city,event: Query_event,events: Query_events,hold: Query_hold,me: Query_me,show: Query_show,shows: Query_shows,venue: Query_venue,venues: Query_venues },
      Mutation: { archiveEvent: Mutation_archiveEvent,archiveShow: Mutation_archiveShow,blockSeats: Mutation_blockSeats,cancelBooking: Mutation_cancelBooking,cancelShow: Mutation_cancelShow,checkIn: Mutation_checkIn,confirmBooking: Mutation_confirmBooking,createCity: Mutation_createCity,createEvent: Mutation_createEvent,createScreen: Mutation_createScreen,createVenue: Mutation_createVenue,extendHold: Mutation_extendHold,grantVenueRole: Mutation_grantVenueRole,holdSeats: Mutation_holdSeats,login: Mutation_login,register: Mutation_register,releaseHold: Mutation_releaseHold,requestEmailVerificationCode: Mutation_requestEmailVerificationCode,revokeVenueRole: Mutation_revokeVenueRole,scheduleShow: Mutation_scheduleShow,setCancellationPolicy: Mutation_setCancellationPolicy,setShowPrices: Mutation_setShowPrices,unblockSeats: Mutation_unblockSeats,updateCity: Mutation_updateCity,updateEvent: Mutation_updateEvent,updateShow: Mutation_updateShow,updateVenue: Mutation_updateVenue,verifyEmail: Mutation_verifyEmail },
      Subscription: { holdChanged: Subscription_holdChanged,seatChanged: Subscription_seatChanged },
      AuditEntry: AuditEntry,
AuditEntryConnection: AuditEntryConnection,
AuditEntryEdge: AuditEntryEdge,
AuthPayload: AuthPayload,
Availability: Availability,
Booking: Booking,
BookingConnection: BookingConnection,
BookingEdge: BookingEdge,
BookingPayment: BookingPayment,
CancellationPolicy: CancellationPolicy,
City: City,
EmailVerificationCodeSent: EmailVerificationCodeSent,
Event: Event,
EventConnection: EventConnection,
EventEdge: EventEdge,
Hold: Hold,
HoldChange: HoldChange,
Money: Money,
PageInfo: PageInfo,
Refund: Refund,
RefundTier: RefundTier,
Screen: Screen,
SeatChange: SeatChange,
SeatMap: SeatMap,
Section: Section,
Show: Show,
ShowConnection: ShowConnection,
ShowEdge: ShowEdge,
ShowSeat: ShowSeat,
Ticket: Ticket,
User: User,
Venue: Venue,
VenueConnection: VenueConnection,
VenueEdge: VenueEdge,
VenueRole: VenueRole,
DateTime: DateTimeResolver
    }