-- The database half of `npm run bench:holds`: what one holdSeats call sends (the pre-read of
-- src/db/queries/place-hold.ts findHoldRequestContext, then boxoffice_place_hold from migration
-- 0008, as called with rate limits off: no per-IP cap, the purchase cap on) and, when the hold succeeded, what releaseHold sends (src/db/queries/release-hold.ts).
-- Run with -M prepared and -D show=<uuid>; bench_seats / bench_users map numbers to ids, and
-- bench_try_place_hold (created by the benchmark) turns the function's "seats unavailable"
-- error into false, since an error would end a pgbench client. Keep in step with those files.
\set n random(1, 500)
SELECT id AS seat FROM bench_seats WHERE n = :n \gset
SELECT id AS uid, gen_random_uuid() AS hold FROM bench_users WHERE n = :client_id \gset
SELECT sh.id, sh.status, sh.starts_at, sh.currency, sh.sales_start_at, sh.sales_end_at, sh.archived_at,
  sh.prices_version,
  (SELECT json_object_agg(p.section, p.amount) FROM show_prices p WHERE p.show_id = sh.id) AS prices,
  (SELECT json_agg(json_build_object('id', ss.id, 'showId', ss.show_id, 'section', ss.section,
            'status', ss.status, 'holdExpiresAt', ss.hold_expires_at, 'holdUserId', h.user_id))
     FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id
    WHERE ss.id = ANY(ARRAY[:seat]::uuid[])) AS seats
FROM shows sh WHERE sh.id = :show;
SELECT (ss.status = 'AVAILABLE' OR (ss.status = 'HELD' AND (ss.hold_expires_at <= now() OR h.user_id = :uid)))::int AS free
  FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.id = :seat \gset
\if :free = 1
SELECT bench_try_place_hold(:hold, :uid, :show, ARRAY[:seat]::uuid[], ARRAY[9000]::int[], 9000, 0, 'EUR',
  now(), now() + interval '10 minutes', 3, NULL, NULL, true)::int AS placed \gset
\if :placed = 1
WITH h AS (
  SELECT * FROM holds WHERE id = :hold FOR UPDATE
), ended AS (
  UPDATE holds SET ended_at = now(),
    status = (CASE WHEN holds.expires_at <= now() THEN 'EXPIRED' ELSE 'RELEASED' END)::hold_status
  FROM h WHERE holds.id = h.id AND h.status = 'ACTIVE' AND (h.user_id = :uid OR false)
  RETURNING holds.*
), target AS (
  SELECT id FROM show_seats WHERE hold_id = (SELECT id FROM ended) AND status = 'HELD' ORDER BY id FOR UPDATE
), freed AS (
  UPDATE show_seats s SET status = 'AVAILABLE', hold_id = NULL, hold_expires_at = NULL
  FROM target WHERE s.id = target.id RETURNING s.id
), inactive AS (
  UPDATE hold_seats SET active = false WHERE hold_id = (SELECT id FROM ended) AND active
), logged AS (
  INSERT INTO seat_changes (show_id, cause, seats)
  SELECT (SELECT show_id FROM ended), (SELECT CASE WHEN status = 'EXPIRED' THEN 'EXPIRE' ELSE 'RELEASE' END FROM ended),
         jsonb_agg(jsonb_build_object('id', id, 'status', 'AVAILABLE'))
  FROM freed HAVING count(*) > 0
)
SELECT (SELECT row_to_json(h) FROM h) AS before, (SELECT row_to_json(ended) FROM ended) AS ended;
\endif
\else
-- A loser's alternatives look-up (seats around the requested one, src/db/queries/hold-seats.ts).
WITH wanted AS (
  SELECT ss.section, s.screen_id, s.x, s.y FROM show_seats ss JOIN seats s ON s.id = ss.seat_id
  WHERE ss.id = ANY(ARRAY[:seat]::uuid[]) AND ss.show_id = :show
)
SELECT ss.id, ss.section, s.row, s.number, s.x, s.y,
       (ss.status = 'AVAILABLE' OR (ss.status = 'HELD' AND ss.hold_expires_at <= now())) AS free
FROM seats s JOIN show_seats ss ON ss.seat_id = s.id AND ss.show_id = :show
WHERE s.screen_id = (SELECT screen_id FROM wanted LIMIT 1)
  AND s.y BETWEEN (SELECT min(y) FROM wanted) - 3 AND (SELECT max(y) FROM wanted) + 3
  AND s.x BETWEEN (SELECT min(x) FROM wanted) - 20 AND (SELECT max(x) FROM wanted) + 20
  AND ss.section IN (SELECT section FROM wanted);
\endif
