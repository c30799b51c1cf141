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
  const [ev] = await db.query(`SELECT capacity, confirmed_count FROM events WHERE id = $1`, [
    eventId,
  ]);
  const [counts] = await db.query(
    `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
            count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
     FROM registrations WHERE event_id = $1`,
    [eventId],
  );
  const [dupes] = await db.query(
    `SELECT count(*)::int AS n FROM (
       SELECT user_id FROM registrations WHERE event_id = $1 AND status <> 'cancelled'
       GROUP BY user_id HAVING count(*) > 1) d`,
    [eventId],
  );
  // The trigger-kept total (event_waitlist_counts, read by the registration hot path for the
  // 201's position) must always equal the rows it stands for.
  const [kept] = await db.query(
    `SELECT COALESCE(sum(waitlisted), 0)::int AS n FROM event_waitlist_counts WHERE event_id = $1`,
    [eventId],
  );
  if (kept.n !== counts.waitlisted) {
    throw new Error(`kept waitlist count ${kept.n}, but ${counts.waitlisted} rows are waitlisted`);
  }
  return {
    capacity: ev.capacity as number,
    confirmedCount: ev.confirmed_count as number,
    confirmed: counts.confirmed as number,
    waitlisted: counts.waitlisted as number,
    duplicates: dupes.n as number,
    // A waitlist while seats are free would be a lost promotion.
    seatsFreeWithWaitlist: ev.confirmed_count < ev.capacity && counts.waitlisted > 0,
  };
}

/** A parsed JSON response item or a database row, as tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
