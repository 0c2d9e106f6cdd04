-- The database half of `npm run bench:holds`: the statements one holdSeats call sends (see
-- src/domain/holds/place-hold.ts and src/db/queries/{shows,hold-seats,holds,seat-changes}.ts),
-- without the sequencer that numbers the changes afterwards (it runs in the API's worker),
-- then, when the hold succeeded, those of releaseHold. Run with -M prepared and
-- -D show=<uuid>; bench_seats / bench_users map numbers to the ids the benchmark uses.
\set n random(1, 500)
SELECT id AS seat FROM bench_seats WHERE n = :n \gset
SELECT id AS uid FROM bench_users WHERE n = :client_id \gset
-- Pre-reads, outside the transaction.
SELECT id, status, starts_at, currency FROM shows WHERE id = :show;
SELECT section, amount FROM show_prices WHERE show_id = :show ORDER BY sort_order;
SELECT (ss.status = 'AVAILABLE' OR (ss.status = 'HELD' AND (ss.hold_expires_at <= now() OR h.user_id = :uid)))::int AS free
  FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.id = ANY(ARRAY[:seat]::uuid[]) \gset
\if :free = 1
BEGIN;
SELECT (SELECT count(*)::int FROM holds h WHERE h.user_id = u.id AND h.status = 'ACTIVE' AND h.expires_at > now()
          AND h.show_id <> :show) AS n
  FROM users u WHERE u.id = :uid FOR NO KEY UPDATE OF u;
UPDATE holds SET status = (CASE WHEN expires_at <= now() THEN 'EXPIRED' ELSE 'RELEASED' END)::hold_status, ended_at = now()
  WHERE user_id = :uid AND show_id = :show AND status = 'ACTIVE' RETURNING id;
INSERT INTO holds (id, user_id, show_id, expires_at, total_amount, currency, created_at)
  VALUES (gen_random_uuid(), :uid, :show, now() + interval '10 minutes', 1000, 'EUR', now()) RETURNING id AS hold \gset
WITH target AS (
  SELECT id, hold_id FROM show_seats
  WHERE show_id = :show AND id = ANY(ARRAY[:seat]::uuid[])
    AND (status = 'AVAILABLE' OR (status = 'HELD' AND hold_expires_at <= now()))
  ORDER BY id FOR UPDATE
), upd AS (
  UPDATE show_seats s SET status = 'HELD', hold_id = :hold, hold_expires_at = now() + interval '10 minutes'
  FROM target WHERE s.id = target.id RETURNING s.id
)
SELECT count(*) AS got FROM upd \gset
\if :got = 1
INSERT INTO hold_seats (hold_id, show_seat_id, price_amount)
  SELECT :hold, s.id, s.price FROM unnest(ARRAY[:seat]::uuid[], ARRAY[1000]::int[]) AS s(id, price);
INSERT INTO seat_changes (show_id, cause, seats)
  SELECT :show, 'HOLD', jsonb_build_array(jsonb_build_object('id', :seat::text, 'status', 'HELD'))
  WHERE EXISTS (SELECT 1 FROM shows WHERE id = :show AND status = 'SCHEDULED' AND starts_at > now())
  RETURNING id;
COMMIT;
-- releaseHold
BEGIN;
SELECT * FROM holds WHERE id = :hold FOR UPDATE;
UPDATE holds SET status = 'RELEASED', ended_at = now() WHERE id = :hold AND status = 'ACTIVE' RETURNING *;
WITH target AS (
  SELECT id FROM show_seats WHERE hold_id = ANY(ARRAY[:hold]::uuid[]) AND status = 'HELD' ORDER BY id FOR UPDATE
)
UPDATE show_seats s SET status = 'AVAILABLE', hold_id = NULL, hold_expires_at = NULL
  FROM target WHERE s.id = target.id RETURNING s.id, s.show_id;
UPDATE hold_seats SET active = false WHERE hold_id = ANY(ARRAY[:hold]::uuid[]) AND active;
INSERT INTO seat_changes (show_id, cause, seats)
  SELECT :show, 'RELEASE', jsonb_build_array(jsonb_build_object('id', :seat::text, 'status', 'AVAILABLE'))
  RETURNING id;
COMMIT;
\else
ROLLBACK;
\endif
\else
-- A loser's alternatives look-up (seats around the requested one).
SELECT ss.id, s.row, s.number, s.x, s.y, (ss.status = 'AVAILABLE') AS free
  FROM seats s JOIN show_seats ss ON ss.seat_id = s.id AND ss.show_id = :show
  WHERE s.screen_id = (SELECT screen_id FROM shows WHERE id = :show)
    AND s.y BETWEEN (SELECT s2.y FROM seats s2 JOIN show_seats ss2 ON ss2.seat_id = s2.id WHERE ss2.id = :seat) - 3
                AND (SELECT s2.y FROM seats s2 JOIN show_seats ss2 ON ss2.seat_id = s2.id WHERE ss2.id = :seat) + 3
    AND s.x BETWEEN (SELECT s2.x FROM seats s2 JOIN show_seats ss2 ON ss2.seat_id = s2.id WHERE ss2.id = :seat) - 20
                AND (SELECT s2.x FROM seats s2 JOIN show_seats ss2 ON ss2.seat_id = s2.id WHERE ss2.id = :seat) + 20;
\endif
