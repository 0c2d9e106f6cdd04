ALTER TABLE "holds" ADD COLUMN "client_ip" text;--> statement-breakpoint
CREATE INDEX "holds_active_show_ip_idx" ON "holds" USING btree ("show_id","client_ip") WHERE "holds"."status" = 'ACTIVE' AND "holds"."client_ip" IS NOT NULL;--> statement-breakpoint
-- 0005's function plus the per-IP cap on seats held per show (RATE_LIMIT_IP_HELD_SEATS_PER_SHOW):
-- free accounts would otherwise let one client hold a whole show, a few seats per account.
--   BXIPC  the client's IP would hold more than p_ip_seat_cap seats of the show (DETAIL: held now)
-- The count runs under a transaction-scoped advisory lock on (show, IP), so concurrent holds from
-- one IP are counted one after another and can never pass the cap together; other IPs never wait.
DROP FUNCTION boxoffice_place_hold(uuid, uuid, uuid, uuid[], int[], int, text, timestamptz, timestamptz, int);
--> statement-breakpoint
CREATE FUNCTION boxoffice_place_hold(
  p_hold_id uuid, p_user_id uuid, p_show_id uuid, p_seat_ids uuid[], p_prices int[],
  p_total int, p_currency text, p_now timestamptz, p_expires_at timestamptz, p_max_active int,
  p_client_ip text, p_ip_seat_cap int
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
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
  -- A statement of its own, after the lock: its snapshot sees the holds that the user's other
  -- transactions committed while this one waited for the lock.
  SELECT (SELECT count(*)::int FROM holds h
           WHERE h.user_id = p_user_id AND h.status = 'ACTIVE' AND h.expires_at > p_now AND h.show_id <> p_show_id),
         (SELECT h.id FROM holds h WHERE h.user_id = p_user_id AND h.show_id = p_show_id AND h.status = 'ACTIVE')
    INTO v_active, v_previous;
  IF v_active >= p_max_active THEN
    RAISE EXCEPTION 'hold limit reached' USING ERRCODE = 'BXLIM', DETAIL = v_active::text;
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
    SELECT id, hold_id FROM show_seats
     WHERE show_id = p_show_id AND id = ANY (p_seat_ids)
       AND (status = 'AVAILABLE' OR (status = 'HELD' AND hold_expires_at <= p_now))
     ORDER BY id FOR UPDATE
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

  -- The log row; only while the show sells (the hold's foreign key share-locked the show row, so
  -- a concurrent cancelShow either committed before this read or waits for this transaction).
  INSERT INTO seat_changes (show_id, cause, seats)
  SELECT p_show_id, 'HOLD',
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'status', 'AVAILABLE')), '[]')
            FROM unnest(v_freed) AS id WHERE id <> ALL (p_seat_ids))
         || (SELECT jsonb_agg(jsonb_build_object('id', id, 'status', 'HELD')) FROM unnest(p_seat_ids) AS id)
   WHERE EXISTS (SELECT 1 FROM shows WHERE id = p_show_id AND status = 'SCHEDULED' AND starts_at > p_now);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'show % is not on sale', p_show_id USING ERRCODE = 'BXOFF';
  END IF;
END;
$$;
