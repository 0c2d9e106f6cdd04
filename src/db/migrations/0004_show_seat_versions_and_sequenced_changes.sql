CREATE TABLE "show_seat_versions" (
	"show_id" uuid PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "show_seat_versions_version_check" CHECK ("show_seat_versions"."version" >= 0)
);
--> statement-breakpoint
ALTER TABLE "shows" DROP CONSTRAINT "shows_seat_version_check";--> statement-breakpoint
ALTER TABLE "seat_changes" DROP CONSTRAINT "seat_changes_version_check";--> statement-breakpoint
ALTER TABLE "seat_changes" ALTER COLUMN "version" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "show_seat_versions" ADD CONSTRAINT "show_seat_versions_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seat_changes_unsequenced_idx" ON "seat_changes" USING btree ("show_id","id") WHERE "seat_changes"."version" IS NULL;--> statement-breakpoint
INSERT INTO "show_seat_versions" ("show_id", "version") SELECT "id", "seat_version" FROM "shows";--> statement-breakpoint
ALTER TABLE "shows" DROP COLUMN "seat_version";--> statement-breakpoint
ALTER TABLE "show_seats" DROP COLUMN "version";--> statement-breakpoint
ALTER TABLE "seat_changes" ADD CONSTRAINT "seat_changes_version_check" CHECK ("seat_changes"."version" IS NULL OR "seat_changes"."version" > 0);