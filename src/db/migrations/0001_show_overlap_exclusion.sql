-- Two live shows on the same screen may not overlap in time (startsAt..endsAt includes turnover).
-- drizzle-kit cannot express exclusion constraints, so this migration is hand-written.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_no_overlap_per_screen"
  EXCLUDE USING gist ("screen_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
  WHERE ("status" <> 'CANCELLED');
