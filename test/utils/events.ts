import type TestAgent from 'supertest/lib/agent.js';
import type { DataSource } from 'typeorm';
import { bearer, type TestUser } from '../factories/index.js';

export const PREPARTY = {
  title: 'World Fan Groups PreParty',
  venue: 'Barys Arena',
  city: 'Astana',
  startsAt: '2026-06-26T13:00:00.000Z',
  endsAt: '2026-06-26T17:00:00.000Z',
  timezone: 'Asia/Almaty',
};

/** Creates (and by default publishes) an event through the API. */
export async function createEvent(
  http: TestAgent,
  organizer: TestUser,
  groupId: string,
  overrides: Record<string, unknown> = {},
  publish = true,
): Promise<{ id: string; [key: string]: unknown }> {
  const res = await http
    .post(`/api/v1/fan-groups/${groupId}/events`)
    .set(bearer(organizer))
    .send({ ...PREPARTY, capacity: 10, ...overrides });
  if (res.status !== 201)
    throw new Error(`event failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (!publish) return res.body;
  const pub = await http.post(`/api/v1/events/${res.body.id}/publish`).set(bearer(organizer));
  if (pub.status !== 200)
    throw new Error(`publish failed: ${pub.status} ${JSON.stringify(pub.body)}`);
  return pub.body;
}

export function register(http: TestAgent, user: TestUser, eventId: string, body: object = {}) {
  return http.post(`/api/v1/events/${eventId}/registrations`).set(bearer(user)).send(body);
}

/** Every invariant of an event's seats and waitlist, read from the database. */
export async function assertInvariants(db: DataSource, eventId: string) {
  const [ev] = await db.query(
    `SELECT e.capacity, sum(s.taken)::int AS taken, sum(s.capacity)::int AS shares_capacity
       FROM events e JOIN event_seats s ON s.event_id = e.id WHERE e.id = $1 GROUP BY e.id`,
    [eventId],
  );
  // The shares of seats always add up to the event's capacity (see src/events/seats.ts).
  if (ev.shares_capacity !== ev.capacity) {
    throw new Error(`seat shares hold ${ev.shares_capacity} seats, the event ${ev.capacity}`);
  }
  const [counts] = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
            count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
            count(*) FILTER (WHERE status = 'waitlisted' AND waitlist_seq IS NOT NULL)::int AS placed
     FROM registrations WHERE event_id = $1`,
    [eventId],
  );
  const [dupes] = await db.query(
    `SELECT count(*)::int AS n FROM (
       SELECT user_id FROM registrations WHERE event_id = $1 AND status <> 'cancelled'
       GROUP BY user_id HAVING count(*) > 1) d`,
    [eventId],
  );
  // The line's kept count of placed registrants still waiting must equal the rows.
  const [line] = await db.query(`SELECT in_line FROM event_lines WHERE event_id = $1`, [eventId]);
  if ((line?.in_line ?? 0) !== counts.placed) {
    throw new Error(`line keeps ${line?.in_line} waiting, but ${counts.placed} rows are placed`);
  }
  return {
    capacity: ev.capacity as number,
    confirmedCount: ev.taken as number,
    confirmed: counts.confirmed as number,
    waitlisted: counts.waitlisted as number,
    duplicates: dupes.n as number,
    // A waitlist while seats are free would be a lost promotion.
    seatsFreeWithWaitlist: ev.taken < ev.capacity && counts.waitlisted > 0,
  };
}

/** A parsed JSON response item or a database row, as tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/**
 * The line's order held (see src/events/seats.ts): nobody confirmed on arrival registered after
 * someone still waiting, and everyone promoted was ahead of everyone still waiting. Compared in
 * SQL: microseconds, which a JS Date would round away.
 */
export async function lineOrder(db: DataSource, eventId: string) {
  const [order] = await db.query(
    `SELECT
       COALESCE((SELECT max(r.created_at) FROM registrations r JOIN mail_outbox m
                   ON m.dedupe_key = 'registration_confirmed:' || r.id
                 WHERE r.event_id = $1 AND r.status = 'confirmed')
         < (SELECT min(created_at) FROM registrations WHERE event_id = $1 AND status = 'waitlisted'),
         true) AS arrivals_first,
       COALESCE((SELECT max(r.waitlist_seq) FROM registrations r JOIN mail_outbox m
                   ON m.dedupe_key = 'registration_promoted:' || r.id
                 WHERE r.event_id = $1)
         < (SELECT min(waitlist_seq) FROM registrations WHERE event_id = $1 AND status = 'waitlisted'),
         true) AS promoted_from_head`,
    [eventId],
  );
  return order as { arrivals_first: boolean; promoted_from_head: boolean };
}

/** Polls until `sql` (a count) reaches `n`: a request is waiting where the test wants it. */
export async function waitForCount(db: DataSource, sql: string, n = 1): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [{ count }] = await db.query<{ count: number }[]>(sql);
    if (count >= n) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${sql}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Backends of this database waiting for a lock of the given kind (advisory, transactionid…). */
export const waitingOn = (event: string) =>
  `SELECT count(*)::int AS count FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = '${event}'`;
