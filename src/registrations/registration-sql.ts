/**
 * The registration hot path and promotions: calls of the plpgsql functions of the SeatShards
 * migration (design and FIFO argument in src/events/seats.ts). Each call is one round trip that
 * does a whole step (seat, registration row and outbox e-mail), so no row lock is held while
 * Node works.
 */

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Step 1, run on its own (autocommit: one transaction, so the seat's row is locked only until
 * this commit): the caller's account must still exist and the token be of its current session
 * version (not revoked by a password reset): the route is @ChecksAccountItself, so the JWT
 * guard leaves this to the call; a deleted account or revoked token gets one row with
 * `account_active` false and nothing else happens; the event's queue lock, shared; the event
 * (read after the lock); a seat from a share (`fe_take_seats`); the registration, confirmed
 * with a seat, else waitlisted if the event has a waitlist, else nothing; a confirmation
 * e-mail in the outbox. A duplicate active registration fails the whole call on the unique
 * index, so the seat is given back. Always one row: no event columns when the event does not
 * exist. Parameters: event id, user id, language, arrival date, note, check-in code, the
 * token's session version.
 */
export const REGISTER_SQL = `
SELECT o_account_active AS account_active, o_group_id AS group_id, o_event_status AS event_status,
  o_open AS open, o_id AS id, o_status AS status, o_language AS language,
  o_arrival_date AS arrival_date, o_note AS note, o_check_in_code AS check_in_code,
  o_checked_in_at AS checked_in_at, o_created_at AS created_at
FROM fe_register($1, $2, $3, $4, $5, $6, $7)`;

/**
 * Step 2 of a waitlisted registration, after step 1 committed: its place in the line (the line
 * step places it, with everyone else committed meanwhile, if nobody has yet) and the position
 * its e-mail tells. Parameters: event id, registration id.
 */
export const PLACE_IN_LINE_SQL = `
SELECT o_status AS status, o_position AS position FROM fe_place_in_line($1, $2)`;

/** The line step alone (parameter: event id): places every committed waitlisted registrant. */
export const SEQUENCE_LINE_SQL = `SELECT fe_sequence_line($1) AS placed`;

/**
 * Fills an event's free seats from the head of its line, with a `registration_promoted` e-mail
 * each, in the caller's transaction (which holds the event's queue lock exclusively and has
 * run the line step). Parameter: event id. Returns how many were promoted.
 */
export const PROMOTE_SQL = `SELECT fe_promote($1) AS promoted`;

/** Waitlisted registrations not placed in their line (a crash between the steps). */
export const STRAGGLING_EVENTS_SQL = `
SELECT DISTINCT event_id FROM registrations
WHERE status = 'waitlisted' AND waitlist_seq IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)`;

/** `event_cancelled` to every active registrant of an event (parameter: event id). */
export const EVENT_CANCELLED_MAIL_SQL = `
INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
SELECT 'event_cancelled', r.user_id, r.language,
  jsonb_build_object('eventId', ev.id, 'title', ev.title, 'startsAt', ${ISO('ev.starts_at')},
    'timezone', ev.timezone, 'registrationId', r.id),
  'event_cancelled:' || r.id
FROM registrations r JOIN events ev ON ev.id = r.event_id
WHERE r.event_id = $1 AND r.status IN ('confirmed', 'waitlisted', 'applied')
ON CONFLICT (dedupe_key) DO NOTHING`;

/**
 * A waitlisted row's sort key in its line: its place, and those not placed yet (an instant
 * after their commit) behind everyone placed, by creation.
 */
const LINE_KEY = (r: string) =>
  `(COALESCE(${r}.waitlist_seq, 9223372036854775807), ${r}.created_at, ${r}.id)`;

/** The ORDER BY of a line (waitlisted registrations aliased `r`). */
export const LINE_ORDER = (r: string) =>
  `COALESCE(${r}.waitlist_seq, 9223372036854775807), ${r}.created_at, ${r}.id`;

/** A waitlisted row's position: 1 + the waitlisted ahead of it in its line. */
export function positionSql(r: string): string {
  return `CASE WHEN ${r}.status = 'waitlisted' THEN (
    SELECT count(*)::int + 1 FROM registrations w
    WHERE w.event_id = ${r}.event_id AND w.status = 'waitlisted'
      AND ${LINE_KEY('w')} < ${LINE_KEY(r)}) END`;
}
