import { sessionLiveSql } from '../auth/session-sql.js';

/**
 * The registration hot path and promotions as plain SQL: each statement does a whole step
 * (seat, registration row and outbox e-mail) so that no row lock is held while Node works.
 */

/** An ISO 8601 UTC string (`2026-06-26T13:00:00.000Z`) for the e-mail snapshot. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The event part of every registration e-mail's data, from an `ev` relation. */
const EVENT_SNAPSHOT = `jsonb_build_object(
    'eventId', ev.id, 'title', ev.title, 'startsAt', ${iso('ev.starts_at')},
    'endsAt', ${iso('ev.ends_at')}, 'timezone', ev.timezone, 'venue', ev.venue, 'city', ev.city)`;

const EVENT_COLUMNS = `e.id, e.group_id, e.status, e.waitlist_enabled, e.title, e.starts_at,
    e.ends_at, e.timezone, e.venue, e.city,
    (e.status = 'published' AND (e.registration_closes_at IS NULL OR e.registration_closes_at > now())) AS open`;

const SEAT_CONDITION = `e.status = 'published'
      AND (e.registration_closes_at IS NULL OR e.registration_closes_at > now())
      AND e.confirmed_count < e.capacity`;

const REGISTRATION_RETURNING = `id, event_id, user_id, status, language, arrival_date::text AS arrival_date,
      note, check_in_code, checked_in_at, created_at`;

/**
 * The whole registration in one statement, run on its own (autocommit: it is its own
 * transaction, so the event row is locked only for this statement):
 * - the caller's account must still exist (not deleted) and the token be of its current
 *   session version (not revoked by a password reset): the route is @ChecksAccountItself,
 *   so the JWT guard leaves this to the statement instead of a round trip of its own; a
 *   deleted account or revoked token gets one row with `account_active` false and nothing
 *   else happens;
 * - a shared advisory lock on the event's queue: registrations run side by side, while a
 *   promotion (which takes it exclusively) waits for those in flight, so it sees them;
 * - the event re-read with FOR KEY SHARE, i.e. as last committed (a cancellation that
 *   committed while we waited is seen), without conflicting with seat updates;
 * - a seat by conditional increment (`confirmed_count < capacity`, CHECK-backed);
 * - the registration: confirmed with a seat, else waitlisted if the event has a waitlist
 *   (a waitlisted row never touches the event row), else nothing;
 * - its e-mail in the outbox, with the waitlist position seen by this statement (1 + the
 *   waitlisted it sees, from `event_waitlist_counts`).
 * A duplicate active registration fails the whole statement on the unique index, so the
 * seat is given back. Always one row: no event columns when the event does not exist. Parameters: event id, user id, language, arrival date, note,
 * check-in code, queue lock name, the token's session version.
 */
export const REGISTER_SQL = `
WITH acct AS (
  SELECT ${sessionLiveSql('$2', '$8')} AS active
),
lk AS (
  SELECT pg_advisory_xact_lock_shared(hashtextextended($7::text, 0)) AS locked
),
ev AS (
  SELECT ${EVENT_COLUMNS} FROM events e CROSS JOIN lk CROSS JOIN acct
  WHERE e.id = $1 AND acct.active FOR KEY SHARE OF e
),
seat AS (
  UPDATE events e SET confirmed_count = e.confirmed_count + 1
  FROM ev WHERE e.id = ev.id AND ev.open AND ${SEAT_CONDITION}
  RETURNING e.id
),
pos AS (
  -- The waitlisted this statement sees, from the trigger-kept per-slot counts (a sum over at
  -- most 16 rows) rather than count(*) over the waitlist, which is O(n) per registration.
  SELECT COALESCE(sum(c.waitlisted), 0)::int + 1 AS position FROM event_waitlist_counts c
  WHERE c.event_id = $1
),
reg AS (
  INSERT INTO registrations (event_id, user_id, status, language, arrival_date, note, check_in_code, confirmed_at, created_at)
  SELECT ev.id, $2::uuid,
    CASE WHEN seat.id IS NULL THEN 'waitlisted' ELSE 'confirmed' END::registration_status,
    $3::varchar, $4::date, $5::varchar, $6::varchar,
    CASE WHEN seat.id IS NULL THEN NULL ELSE now() END,
    -- The FIFO key: later than every row this statement can see, so they are all ahead of it.
    clock_timestamp()
  FROM ev LEFT JOIN seat ON true
  WHERE ev.open AND (seat.id IS NOT NULL OR ev.waitlist_enabled)
  RETURNING ${REGISTRATION_RETURNING}
),
mail AS (
  INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
  SELECT 'registration_' || reg.status, reg.user_id, reg.language,
    ${EVENT_SNAPSHOT} || jsonb_build_object('registrationId', reg.id) ||
      CASE WHEN reg.status = 'confirmed' THEN jsonb_build_object('checkInCode', reg.check_in_code)
           ELSE jsonb_build_object('position', pos.position) END,
    'registration_' || reg.status || ':' || reg.id
  FROM reg CROSS JOIN ev CROSS JOIN pos
)
SELECT acct.active AS account_active, ev.group_id, ev.status AS event_status, ev.open,
  ev.waitlist_enabled, reg.id, reg.event_id, reg.user_id, reg.status,
  CASE WHEN reg.status = 'waitlisted' THEN pos.position END AS position, reg.language,
  reg.arrival_date, reg.note, reg.check_in_code, reg.checked_in_at, reg.created_at
FROM acct LEFT JOIN ev ON true LEFT JOIN pos ON true LEFT JOIN reg ON true`;

/**
 * Second statement, only after a waitlisting commits: is a seat free now (freed while our
 * statement was taking its snapshot, so no promotion could see us)? One row, no locks.
 * Parameter: event id.
 */
export const SEAT_FREE_SQL = `
SELECT (e.status = 'published' AND e.confirmed_count < e.capacity) AS seat_free
FROM events e WHERE e.id = $1`;

/**
 * Fills an event's free seats from the head of its waitlist (FIFO), with a `registration_promoted`
 * e-mail each, in the caller's transaction (which holds the event's queue lock). Parameter:
 * event id. Returns how many were promoted.
 */
export const PROMOTE_SQL = `
WITH ev AS (
  SELECT e.id, e.title, e.starts_at, e.ends_at, e.timezone, e.venue, e.city,
    GREATEST(e.capacity - e.confirmed_count, 0) AS free
  FROM events e WHERE e.id = $1 AND e.status = 'published'
),
picked AS (
  SELECT r.id FROM registrations r
  WHERE r.event_id = $1 AND r.status = 'waitlisted'
  ORDER BY r.created_at, r.id
  LIMIT (SELECT COALESCE(max(free), 0) FROM ev)
  FOR UPDATE
),
promoted AS (
  UPDATE registrations r SET status = 'confirmed', confirmed_at = now(), updated_at = now()
  FROM picked WHERE r.id = picked.id
  RETURNING r.id, r.user_id, r.language, r.check_in_code
),
bump AS (
  UPDATE events e SET confirmed_count = e.confirmed_count + (SELECT count(*) FROM promoted)
  WHERE e.id = $1 AND EXISTS (SELECT 1 FROM promoted)
),
mail AS (
  INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
  SELECT 'registration_promoted', p.user_id, p.language,
    ${EVENT_SNAPSHOT} || jsonb_build_object('registrationId', p.id, 'checkInCode', p.check_in_code),
    'registration_promoted:' || p.id
  FROM promoted p CROSS JOIN ev
  ON CONFLICT (dedupe_key) DO NOTHING
)
SELECT count(*)::int AS promoted FROM promoted`;

/** `event_cancelled` to every active registrant of an event (parameter: event id). */
export const EVENT_CANCELLED_MAIL_SQL = `
INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
SELECT 'event_cancelled', r.user_id, r.language,
  jsonb_build_object('eventId', ev.id, 'title', ev.title, 'startsAt', ${iso('ev.starts_at')},
    'timezone', ev.timezone, 'registrationId', r.id),
  'event_cancelled:' || r.id
FROM registrations r JOIN events ev ON ev.id = r.event_id
WHERE r.event_id = $1 AND r.status IN ('confirmed', 'waitlisted')
ON CONFLICT (dedupe_key) DO NOTHING`;

/** A waitlisted row's position: 1 + the waitlisted ahead of it (FIFO by created_at, id). */
export function positionSql(r: string): string {
  return `CASE WHEN ${r}.status = 'waitlisted' THEN (
    SELECT count(*)::int + 1 FROM registrations w
    WHERE w.event_id = ${r}.event_id AND w.status = 'waitlisted'
      AND (w.created_at, w.id) < (${r}.created_at, ${r}.id)) END`;
}
