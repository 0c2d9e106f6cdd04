export interface HoldConfig {
  ttlSeconds: number;
  /** What one extendHold adds; a hold never outlives 2x the TTL from its creation. */
  extensionSeconds: number;
  maxSeats: number;
  maxActivePerUser: number;
}
