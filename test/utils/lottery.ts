import type TestAgent from 'supertest/lib/agent.js';
import type { DataSource } from 'typeorm';
import { bearer, type TestUser } from '../factories/index.js';
import { createEvent } from './events.js';

/** A lottery PreParty a year ahead, its window closing in an hour (tests move it as needed). */
export async function createLottery(
  http: TestAgent,
  organizer: TestUser,
  groupId: string,
  overrides: Record<string, unknown> = {},
  publish = true,
) {
  const year = new Date().getUTCFullYear() + 1;
  return createEvent(
    http,
    organizer,
    groupId,
    {
      startsAt: `${year}-06-26T13:00:00.000Z`,
      endsAt: `${year}-06-26T17:00:00.000Z`,
      allocation: 'lottery',
      applicationsCloseAt: new Date(Date.now() + 3600_000).toISOString(),
      ...overrides,
    },
    publish,
  );
}

/** The application window ends now (the clock moved on): the event is due for its draw. */
export async function closeApplications(db: DataSource, eventId: string): Promise<void> {
  await db.query(
    `UPDATE events SET applications_close_at = now() - interval '1 second' WHERE id = $1`,
    [eventId],
  );
}

/** Fans created straight in the database (no argon2 per fan): for draws of many applicants. */
export async function insertApplicants(
  db: DataSource,
  eventId: string,
  countries: string[],
): Promise<string[]> {
  const rows = await db.query<{ id: string }[]>(
    `WITH u AS (
       INSERT INTO users (email, password_hash, display_name, country, language)
       SELECT 'bulk-' || gen_random_uuid() || '@example.com', 'x', 'Bulk fan ' || c.ord, c.country, 'en'
       FROM unnest($2::varchar[]) WITH ORDINALITY AS c(country, ord)
       RETURNING id
     )
     INSERT INTO registrations (event_id, user_id, status, check_in_code)
     SELECT $1, u.id, 'applied', md5(random()::text || u.id::text) FROM u
     RETURNING id`,
    [eventId, countries],
  );
  return rows.map((r) => r.id);
}

export const party = {
  create: (http: TestAgent, user: TestUser, eventId: string) =>
    http.post(`/api/v1/events/${eventId}/parties`).set(bearer(user)),
  join: (http: TestAgent, user: TestUser, code: string) =>
    http.post('/api/v1/parties/join').set(bearer(user)).send({ code }),
  mine: (http: TestAgent, user: TestUser, eventId: string) =>
    http.get(`/api/v1/events/${eventId}/parties/mine`).set(bearer(user)),
};
