CREATE TABLE "show_seat_versions" (
	"show_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"sales_end_at" timestamp with time zone NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	CONSTRAINT "show_seat_versions_version_check" CHECK ("show_seat_versions"."version" >= 0)
);
--> statement-breakpoint
ALTER TABLE "shows" DROP CONSTRAINT "shows_seat_version_check";--> statement-breakpoint
ALTER TABLE "show_seat_versions" ADD CONSTRAINT "show_seat_versions_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every seat transaction of a show bumps this row: keep room on its page for HOT updates.
ALTER TABLE "show_seat_versions" SET (fillfactor = 20);--> statement-breakpoint
INSERT INTO "show_seat_versions" ("show_id", "version", "sales_end_at", "cancelled")
  SELECT "id", "seat_version", "starts_at", "status" = 'CANCELLED' FROM "shows";--> statement-breakpoint
ALTER TABLE "shows" DROP COLUMN "seat_version";