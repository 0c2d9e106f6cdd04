CREATE TYPE "public"."venue_role" AS ENUM('VENUE_MANAGER', 'DOOR_STAFF');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target_id" uuid,
	"venue_id" uuid,
	"show_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue_roles" (
	"user_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"role" "venue_role" NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"granted_by" uuid,
	CONSTRAINT "venue_roles_user_id_venue_id_role_pk" PRIMARY KEY("user_id","venue_id","role")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "poster_url" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "max_tickets_per_user" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "sales_start_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "sales_end_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "prices_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "venue_roles" ADD CONSTRAINT "venue_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_roles" ADD CONSTRAINT "venue_roles_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_roles" ADD CONSTRAINT "venue_roles_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "audit_log_venue_idx" ON "audit_log" USING btree ("venue_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_show_idx" ON "audit_log" USING btree ("show_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at","id");--> statement-breakpoint
CREATE INDEX "venue_roles_venue_idx" ON "venue_roles" USING btree ("venue_id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_max_tickets_check" CHECK ("events"."max_tickets_per_user" >= 1 AND "events"."max_tickets_per_user" <= 1000);--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_sales_window_check" CHECK ("shows"."sales_start_at" IS NULL OR "shows"."sales_end_at" IS NULL OR "shows"."sales_end_at" > "shows"."sales_start_at");--> statement-breakpoint
-- The audit log is permanent: entries are appended in the transaction of the change they describe
-- and can be neither changed nor deleted, whatever the client (a trigger, not only the app).
CREATE FUNCTION boxoffice_audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log entries cannot be changed or deleted' USING ERRCODE = 'BXAUD';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION boxoffice_audit_log_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION boxoffice_audit_log_immutable();
--> statement-breakpoint
-- The on-sale rule in SQL, for the hold transaction and `shows(filter: {onSale: true})`; the same
-- rule as salesStateAt in src/domain/catalog/sales-window.ts (a test ties the two). A plain
-- expression of the show's columns, so Postgres inlines it: no function call on the hot path.
CREATE FUNCTION boxoffice_on_sale(
  p_status show_status, p_archived_at timestamptz, p_starts_at timestamptz,
  p_sales_start_at timestamptz, p_sales_end_at timestamptz, p_now timestamptz
) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_status = 'SCHEDULED' AND p_archived_at IS NULL AND p_starts_at > p_now
     AND (p_sales_start_at IS NULL OR p_sales_start_at <= p_now)
     AND (p_sales_end_at IS NULL OR p_sales_end_at > p_now)
$$;
--> statement-breakpoint
-- 0005's function plus the event's purchase cap, the per-IP cap on seats held per show
-- (RATE_LIMIT_IP_HELD_SEATS_PER_SHOW: free accounts would otherwise let one client hold a whole
-- show, a few seats per account), the sales window and the show's price version:
--   BXPRC  the prices changed since the caller quoted them (it quotes again and retries)
--   BXCAP  this hold plus the buyer's live bookings of the show would exceed the event's
--          maxTicketsPerUser (DETAIL 'owned:limit')
--   BXIPC  the client's IP would hold more than p_ip_seat_cap seats of the show (DETAIL: held now)
-- The IP count runs under a transaction-scoped advisory lock on (show, IP), so concurrent holds
-- from one IP are counted one after another and can never pass the cap together; other IPs never wait.
DROP FUNCTION boxoffice_place_hold(uuid, uuid, uuid, uuid[], int[], int, text, timestamptz, timestamptz, int);
--> statement-breakpoint
CREATE FUNCTION boxoffice_place_hold(
  p_hold_id uuid, p_user_id uuid, p_show_id uuid, p_seat_ids uuid[], p_prices int[], p_total int,
  p_prices_version int, p_currency text, p_now timestamptz, p_expires_at timestamptz, p_max_active int,
  p_client_ip text, p_ip_seat_cap int, p_enforce_purchase_limit boolean
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_limit int;
  v_owned int;
  v_active int;
  v_previous uuid;
  v_ip_held int;
  v_freed uuid[] := '{}';
  v_taken uuid[];
  v_reclaimed uuid[];
BEGIN
  PERFORM 1 FROM users WHERE id = p_user_id FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'user % does not exist', p_user_id USING ERRCODE = 'BXNOU';
  END IF;
  -- One statement, after the lock: its snapshot sees the holds and bookings that the user's other
  -- transactions committed while this one waited for the lock (a booking transaction takes the
  -- same lock). The event's cap counts the seats of this hold plus the buyer's live bookings of
  -- the show; the hold this one replaces does not count, and converting a hold into a booking
  -- leaves the sum unchanged.
  SELECT (SELECT count(*)::int FROM holds h
           WHERE h.user_id = p_user_id AND h.status = 'ACTIVE' AND h.expires_at > p_now AND h.show_id <> p_show_id),
         (SELECT h.id FROM holds h WHERE h.user_id = p_user_id AND h.show_id = p_show_id AND h.status = 'ACTIVE'),
         CASE WHEN p_enforce_purchase_limit THEN
           (SELECT e.max_tickets_per_user FROM shows s JOIN events e ON e.id = s.event_id WHERE s.id = p_show_id) END,
         CASE WHEN p_enforce_purchase_limit THEN
           (SELECT count(*)::int FROM booking_seats bs JOIN bookings b ON b.id = bs.booking_id
             WHERE b.user_id = p_user_id AND b.show_id = p_show_id AND bs.live) END
    INTO v_active, v_previous, v_limit, v_owned;
  IF v_active >= p_max_active THEN
    RAISE EXCEPTION 'hold limit reached' USING ERRCODE = 'BXLIM', DETAIL = v_active::text;
  END IF;
  IF v_owned + cardinality(p_seat_ids) > v_limit THEN
    RAISE EXCEPTION 'purchase limit reached' USING ERRCODE = 'BXCAP', DETAIL = v_owned || ':' || v_limit;
  END IF;

  IF p_ip_seat_cap IS NOT NULL AND p_client_ip IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('hold-ip:' || p_show_id::text || ':' || p_client_ip, 0));
    -- Seats of the IP's running holds on this show, but the one this hold replaces.
    SELECT count(*)::int INTO v_ip_held
      FROM holds h JOIN hold_seats hs ON hs.hold_id = h.id AND hs.active
     WHERE h.show_id = p_show_id AND h.client_ip = p_client_ip AND h.status = 'ACTIVE'
       AND h.expires_at > p_now AND h.id IS DISTINCT FROM v_previous;
    IF v_ip_held + cardinality(p_seat_ids) > p_ip_seat_cap THEN
      RAISE EXCEPTION 'ip seat cap reached' USING ERRCODE = 'BXIPC', DETAIL = v_ip_held::text;
    END IF;
  END IF;

  -- A new hold on the same show replaces the user's previous one (seat-map click flow).
  IF v_previous IS NOT NULL THEN
    UPDATE holds
       SET status = (CASE WHEN expires_at <= p_now THEN 'EXPIRED' ELSE 'RELEASED' END)::hold_status, ended_at = p_now
     WHERE id = v_previous AND status = 'ACTIVE';
    WITH target AS (
      SELECT id FROM show_seats WHERE hold_id = v_previous AND status = 'HELD' ORDER BY id FOR UPDATE
    ), freed AS (
      UPDATE show_seats s SET status = 'AVAILABLE', hold_id = NULL, hold_expires_at = NULL
        FROM target WHERE s.id = target.id RETURNING s.id
    )
    SELECT coalesce(array_agg(id), '{}') INTO v_freed FROM freed;
    UPDATE hold_seats SET active = false WHERE hold_id = v_previous AND active;
  END IF;

  INSERT INTO holds (id, user_id, show_id, expires_at, total_amount, currency, created_at, client_ip)
  VALUES (p_hold_id, p_user_id, p_show_id, p_expires_at, p_total, p_currency, p_now,
          CASE WHEN p_ip_seat_cap IS NULL THEN NULL ELSE p_client_ip END);

  -- Free at p_now: AVAILABLE, or HELD by a hold that has expired (lazy reclaim). A loser waits
  -- for the winner's commit, re-checks the condition and skips the seat.
  WITH target AS (
    SELECT ss.id, ss.hold_id FROM unnest(p_seat_ids) AS q(id) JOIN show_seats ss ON ss.id = q.id
     WHERE ss.show_id = p_show_id
       AND (ss.status = 'AVAILABLE' OR (ss.status = 'HELD' AND ss.hold_expires_at <= p_now))
     ORDER BY ss.id FOR UPDATE OF ss
  ), taken AS (
    UPDATE show_seats s SET status = 'HELD', hold_id = p_hold_id, hold_expires_at = p_expires_at
      FROM target WHERE s.id = target.id RETURNING s.id, target.hold_id AS reclaimed_from
  )
  SELECT coalesce(array_agg(id), '{}'), coalesce(array_agg(id) FILTER (WHERE reclaimed_from IS NOT NULL), '{}')
    INTO v_taken, v_reclaimed FROM taken;
  IF cardinality(v_taken) <> cardinality(p_seat_ids) THEN
    RAISE EXCEPTION 'seats unavailable' USING ERRCODE = 'BXUNA',
      DETAIL = (SELECT coalesce(json_agg(id), '[]')::text FROM unnest(p_seat_ids) AS id WHERE id <> ALL (v_taken));
  END IF;
  -- Seats taken over from expired holds leave those holds (the worker ends them later).
  IF cardinality(v_reclaimed) > 0 THEN
    UPDATE hold_seats SET active = false WHERE show_seat_id = ANY (v_reclaimed) AND active;
  END IF;
  INSERT INTO hold_seats (hold_id, show_seat_id, price_amount)
  SELECT p_hold_id, q.id, q.price FROM unnest(p_seat_ids, p_prices) AS q(id, price);

  -- The log row; only while the show sells at p_now, the request's instant, and at the prices the
  -- caller quoted (the hold's foreign key share-locked the show row, so a concurrent cancel or
  -- archive either committed before this read or waits for this transaction; a window or price
  -- change commits before or after it, both consistent). Checking the price version here costs
  -- nothing: the row is read anyway; reading the prices themselves cost a statement per hold.
  INSERT INTO seat_changes (show_id, cause, seats)
  SELECT p_show_id, 'HOLD',
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'status', 'AVAILABLE')), '[]')
            FROM unnest(v_freed) AS id WHERE id <> ALL (p_seat_ids))
         || (SELECT jsonb_agg(jsonb_build_object('id', id, 'status', 'HELD')) FROM unnest(p_seat_ids) AS id)
   WHERE EXISTS (SELECT 1 FROM shows
                  WHERE id = p_show_id AND prices_version = p_prices_version
                    AND boxoffice_on_sale(status, archived_at, starts_at, sales_start_at, sales_end_at, p_now));
  IF NOT FOUND THEN
    IF EXISTS (SELECT 1 FROM shows WHERE id = p_show_id
                 AND boxoffice_on_sale(status, archived_at, starts_at, sales_start_at, sales_end_at, p_now)) THEN
      RAISE EXCEPTION 'prices of show % changed', p_show_id USING ERRCODE = 'BXPRC';
    END IF;
    RAISE EXCEPTION 'show % is not on sale', p_show_id USING ERRCODE = 'BXOFF';
  END IF;
END;
$$;
