CREATE TYPE "public"."role" AS ENUM('CUSTOMER', 'ADMIN');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('MOVIE', 'CONCERT', 'THEATRE', 'SPORT');--> statement-breakpoint
CREATE TYPE "public"."show_status" AS ENUM('SCHEDULED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."seat_status" AS ENUM('AVAILABLE', 'HELD', 'BOOKED', 'BLOCKED');--> statement-breakpoint
CREATE TYPE "public"."hold_status" AS ENUM('ACTIVE', 'RELEASED', 'EXPIRED', 'CONVERTED');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" DEFAULT 'CUSTOMER' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_check" CHECK (position('@' in "users"."email") > 1)
);
--> statement-breakpoint
CREATE TABLE "cities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cities_name_country_unique" UNIQUE("name","country"),
	CONSTRAINT "cities_country_check" CHECK ("cities"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "event_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"genres" text[] DEFAULT '{}'::text[] NOT NULL,
	"language" text,
	"duration_minutes" integer NOT NULL,
	"rating" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_duration_check" CHECK ("events"."duration_minutes" > 0 AND "events"."duration_minutes" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "screens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"name" text NOT NULL,
	"layout" jsonb NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screens_venue_name_unique" UNIQUE("venue_id","name"),
	CONSTRAINT "screens_capacity_check" CHECK ("screens"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"screen_id" uuid NOT NULL,
	"section" text NOT NULL,
	"row" text NOT NULL,
	"number" smallint NOT NULL,
	"label" text NOT NULL,
	"x" smallint NOT NULL,
	"y" smallint NOT NULL,
	"accessible" boolean DEFAULT false NOT NULL,
	"blocked" boolean DEFAULT false NOT NULL,
	CONSTRAINT "seats_screen_label_unique" UNIQUE("screen_id","label"),
	CONSTRAINT "seats_screen_row_number_unique" UNIQUE("screen_id","row","number"),
	CONSTRAINT "seats_number_check" CHECK ("seats"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "show_prices" (
	"show_id" uuid NOT NULL,
	"section" text NOT NULL,
	"tier" text NOT NULL,
	"amount" integer NOT NULL,
	"sort_order" smallint NOT NULL,
	CONSTRAINT "show_prices_show_id_section_pk" PRIMARY KEY("show_id","section"),
	CONSTRAINT "show_prices_amount_check" CHECK ("show_prices"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"screen_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "show_status" DEFAULT 'SCHEDULED' NOT NULL,
	"currency" text NOT NULL,
	"seat_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "shows_currency_check" CHECK ("shows"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "shows_ends_after_start_check" CHECK ("shows"."ends_at" > "shows"."starts_at"),
	CONSTRAINT "shows_seat_version_check" CHECK ("shows"."seat_version" >= 0)
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"show_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"cause" text NOT NULL,
	"seats" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "seat_changes_show_version_unique" UNIQUE("show_id","version"),
	CONSTRAINT "seat_changes_version_check" CHECK ("seat_changes"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "show_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"show_id" uuid NOT NULL,
	"seat_id" uuid NOT NULL,
	"section" text NOT NULL,
	"status" "seat_status" NOT NULL,
	"hold_id" uuid,
	"hold_expires_at" timestamp with time zone,
	"booking_id" uuid,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "show_seats_show_seat_unique" UNIQUE("show_id","seat_id"),
	CONSTRAINT "show_seats_held_check" CHECK (("show_seats"."status" = 'HELD') = ("show_seats"."hold_id" IS NOT NULL AND "show_seats"."hold_expires_at" IS NOT NULL)),
	CONSTRAINT "show_seats_booked_check" CHECK (("show_seats"."status" = 'BOOKED') = ("show_seats"."booking_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "hold_seats" (
	"hold_id" uuid NOT NULL,
	"show_seat_id" uuid NOT NULL,
	"price_amount" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "hold_seats_hold_id_show_seat_id_pk" PRIMARY KEY("hold_id","show_seat_id"),
	CONSTRAINT "hold_seats_price_check" CHECK ("hold_seats"."price_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"show_id" uuid NOT NULL,
	"status" "hold_status" DEFAULT 'ACTIVE' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"total_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"extensions" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "holds_total_check" CHECK ("holds"."total_amount" >= 0),
	CONSTRAINT "holds_ended_check" CHECK (("holds"."status" = 'ACTIVE') = ("holds"."ended_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "booking_seats" (
	"booking_id" uuid NOT NULL,
	"show_seat_id" uuid NOT NULL,
	"price_amount" integer NOT NULL,
	"live" boolean DEFAULT true NOT NULL,
	CONSTRAINT "booking_seats_booking_id_show_seat_id_pk" PRIMARY KEY("booking_id","show_seat_id"),
	CONSTRAINT "booking_seats_price_check" CHECK ("booking_seats"."price_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"user_id" uuid NOT NULL,
	"show_id" uuid NOT NULL,
	"hold_id" uuid NOT NULL,
	"status" "booking_status" NOT NULL,
	"total_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "bookings_total_check" CHECK ("bookings"."total_amount" >= 0),
	CONSTRAINT "bookings_confirmed_check" CHECK (("bookings"."status" = 'PENDING_PAYMENT') = ("bookings"."confirmed_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screens" ADD CONSTRAINT "screens_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_prices" ADD CONSTRAINT "show_prices_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_screen_id_screens_id_fk" FOREIGN KEY ("screen_id") REFERENCES "public"."screens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_changes" ADD CONSTRAINT "seat_changes_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_seats" ADD CONSTRAINT "show_seats_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_seats" ADD CONSTRAINT "show_seats_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_seats" ADD CONSTRAINT "show_seats_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_seats" ADD CONSTRAINT "show_seats_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hold_seats" ADD CONSTRAINT "hold_seats_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hold_seats" ADD CONSTRAINT "hold_seats_show_seat_id_show_seats_id_fk" FOREIGN KEY ("show_seat_id") REFERENCES "public"."show_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_seats" ADD CONSTRAINT "booking_seats_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_seats" ADD CONSTRAINT "booking_seats_show_seat_id_show_seats_id_fk" FOREIGN KEY ("show_seat_id") REFERENCES "public"."show_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "events_title_idx" ON "events" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "events_genres_idx" ON "events" USING gin ("genres");--> statement-breakpoint
CREATE INDEX "shows_starts_at_idx" ON "shows" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "shows_event_starts_at_idx" ON "shows" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE INDEX "shows_screen_starts_at_idx" ON "shows" USING btree ("screen_id","starts_at");--> statement-breakpoint
CREATE INDEX "venues_city_name_idx" ON "venues" USING btree ("city_id","name","id");--> statement-breakpoint
CREATE INDEX "venues_name_idx" ON "venues" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "seat_changes_unpublished_idx" ON "seat_changes" USING btree ("show_id","version") WHERE "seat_changes"."published_at" IS NULL;--> statement-breakpoint
CREATE INDEX "seat_changes_created_at_idx" ON "seat_changes" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "show_seats_hold_idx" ON "show_seats" USING btree ("hold_id") WHERE "show_seats"."hold_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "show_seats_booking_idx" ON "show_seats" USING btree ("booking_id") WHERE "show_seats"."booking_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "hold_seats_one_active_per_seat" ON "hold_seats" USING btree ("show_seat_id") WHERE "hold_seats"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "holds_one_active_per_user_show" ON "holds" USING btree ("user_id","show_id") WHERE "holds"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "holds_active_expires_idx" ON "holds" USING btree ("expires_at") WHERE "holds"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "holds_user_status_idx" ON "holds" USING btree ("user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_seats_one_live_per_seat" ON "booking_seats" USING btree ("show_seat_id") WHERE "booking_seats"."live";--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_reference_unique" ON "bookings" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_hold_unique" ON "bookings" USING btree ("hold_id");--> statement-breakpoint
CREATE INDEX "bookings_user_created_idx" ON "bookings" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "bookings_show_idx" ON "bookings" USING btree ("show_id");