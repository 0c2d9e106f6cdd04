export interface HoldConfig {
  ttlSeconds: number;
  /** What one extendHold adds; a hold never outlives 2x the TTL from its creation. */
  extensionSeconds: number;
  maxSeats: number;
  maxActivePerUser: number;
  /**
   * Seats that holds placed from one client IP may hold of one show at once
   * (RATE_LIMIT_IP_HELD_SEATS_PER_SHOW); unset: no cap (RATE_LIMITS=off). Free accounts cost an
   * abuser nothing, so a per-user limit alone would let one client hold a whole show.
   */
  ipHeldSeatsPerShow?: number | undefined;
  /** REQUIRE_VERIFIED_EMAIL: a user whose email is not verified cannot hold seats. */
  requireVerifiedEmail?: boolean | undefined;
}
