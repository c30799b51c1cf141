// Today's (before issue 12) registration statement, frozen for bench/rush.bench.mjs: the bare
// node:http + pg server runs it as the "single-row" reference. It takes a seat by a conditional
// UPDATE of the event row (events.confirmed_count), so every confirmation of one event waits for
// the previous one's commit. LEGACY_SCHEMA adds back, in the bench database only, the column and
// the trigger-kept waitlist counts it reads (dropped by the SeatShards migration).
const sessionLiveSql = (userParam, versionParam) =>
  `EXISTS (SELECT 1 FROM users u WHERE u.id = ${userParam} AND u.deleted_at IS NULL
             AND u.session_version = ${versionParam}::int)`;

/**
 * The registration hot path and promotions as plain SQL: each statement does a whole step
 * (seat, registration row and outbox e-mail) so that no row lock is held while Node works.
 */

/** An ISO 8601 UTC string (`2026-06-26T13:00:00.000Z`) for the e-mail snapshot. */
const iso = (col) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

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


export const LEGACY_SCHEMA = [
  `ALTER TABLE events ADD COLUMN IF NOT EXISTS confirmed_count integer NOT NULL DEFAULT 0
     CHECK (confirmed_count >= 0 AND confirmed_count <= capacity)`,
  `CREATE TABLE IF NOT EXISTS event_waitlist_counts (
     event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
     slot smallint NOT NULL, waitlisted integer NOT NULL DEFAULT 0,
     PRIMARY KEY (event_id, slot))`,
  `CREATE OR REPLACE FUNCTION legacy_count_waitlist() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO event_waitlist_counts AS c (event_id, slot, waitlisted)
     VALUES (NEW.event_id, pg_backend_pid() % 16, 1)
     ON CONFLICT (event_id, slot) DO UPDATE SET waitlisted = c.waitlisted + 1;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE TRIGGER legacy_waitlist_insert AFTER INSERT ON registrations
   FOR EACH ROW WHEN (NEW.status = 'waitlisted') EXECUTE FUNCTION legacy_count_waitlist()`,
];
