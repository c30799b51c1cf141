import type TestAgent from 'supertest/lib/agent.js';
import type { DataSource } from 'typeorm';
import {
  bearer,
  createGroup,
  setRole,
  signup,
  type TestGroup,
  type TestUser,
} from '../factories/index.js';

export const ticketBody = (extra: Record<string, unknown> = {}) => ({
  type: 'ticket',
  message: 'Two tickets for the stadium concert, please',
  ticket: { quantity: 2, maxBudget: 30000, currency: 'JPY' },
  ...extra,
});

export const accommodationBody = (extra: Record<string, unknown> = {}) => ({
  type: 'accommodation',
  message: 'Ищу жильё недалеко от стадиона',
  accommodation: {
    checkIn: '2026-06-25',
    checkOut: '2026-06-28',
    guests: 2,
    maxBudgetPerNight: 60.5,
    currency: 'EUR',
  },
  ...extra,
});

/**
 * Everyone of the privacy matrix: the group's organizer, the volunteer who gets the requests
 * (`assignee`), another volunteer, a plain member, the requester (a member, language ru), a
 * stranger and another group's organizer.
 */
export interface HelpCast {
  group: TestGroup;
  organizer: TestUser;
  assignee: TestUser;
  otherVolunteer: TestUser;
  member: TestUser;
  requester: TestUser;
  stranger: TestUser;
  otherOrganizer: TestUser;
  otherGroupId: string;
}

export async function helpCast(http: TestAgent): Promise<HelpCast> {
  const group = await createGroup(http);
  const [requester, otherVolunteer, stranger, otherOrganizer] = await Promise.all([
    signup(http, { displayName: 'Ольга', language: 'ru', country: 'RU' }),
    signup(http, { displayName: 'Тимур', language: 'ru' }),
    signup(http, { displayName: 'Stranger' }),
    signup(http, { displayName: 'Other organizer' }),
  ]);
  // The assignee reads Kazakh, the requester Russian, the organizer English: mails show whose.
  const kk = await http.patch('/api/v1/me').set(bearer(group.volunteer)).send({ language: 'kk' });
  if (kk.status !== 200) throw new Error(`language failed: ${kk.status}`);
  group.volunteer.language = 'kk';
  await setRole(http, group.organizer, group.id, otherVolunteer.id, 'volunteer');
  await setRole(http, group.organizer, group.id, requester.id, 'member');
  const other = await http
    .post('/api/v1/fan-groups')
    .set(bearer(otherOrganizer))
    .send({ name: 'Other fans', country: 'US' });
  if (other.status !== 201) throw new Error(`group failed: ${other.status}`);
  return {
    group,
    organizer: group.organizer,
    assignee: group.volunteer,
    otherVolunteer,
    member: group.member,
    requester,
    stranger,
    otherOrganizer,
    otherGroupId: other.body.id as string,
  };
}

export async function createRequest(
  http: TestAgent,
  cast: HelpCast,
  body: Record<string, unknown> = ticketBody(),
): Promise<string> {
  const res = await http
    .post(`/api/v1/fan-groups/${cast.group.id}/help-requests`)
    .set(bearer(cast.requester))
    .send(body);
  if (res.status !== 201)
    throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function patch(
  http: TestAgent,
  user: TestUser,
  id: string,
  body: Record<string, unknown>,
  expected = 200,
) {
  const res = await http.patch(`/api/v1/help-requests/${id}`).set(bearer(user)).send(body);
  if (res.status !== expected) {
    throw new Error(`patch ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res;
}

/** A fresh request assigned to the cast's assignee and brought to `status` by the organizer. */
export async function requestIn(
  http: TestAgent,
  cast: HelpCast,
  status: 'open' | 'in_progress' | 'resolved' | 'declined' | 'cancelled',
): Promise<string> {
  const id = await createRequest(http, cast);
  await patch(http, cast.organizer, id, { assigneeId: cast.assignee.id });
  if (status === 'open') return id;
  if (status === 'cancelled') {
    await patch(http, cast.requester, id, { status: 'cancelled' });
    return id;
  }
  if (status === 'declined') {
    await patch(http, cast.organizer, id, { status: 'declined' });
    return id;
  }
  await patch(http, cast.organizer, id, { status: 'in_progress' });
  if (status === 'resolved') await patch(http, cast.organizer, id, { status: 'resolved' });
  return id;
}

export interface OutboxRow {
  kind: string;
  userId: string;
  language: string | null;
  data: Record<string, unknown>;
  dedupeKey: string | null;
}

/** The help-request e-mails in the outbox, oldest first. */
export async function helpMails(db: DataSource, requestId?: string): Promise<OutboxRow[]> {
  return db.query<OutboxRow[]>(
    `SELECT kind, user_id AS "userId", language, data, dedupe_key AS "dedupeKey"
       FROM mail_outbox
      WHERE kind LIKE 'help_request%' AND ($1::text IS NULL OR data->>'requestId' = $1)
      ORDER BY created_at, dedupe_key`,
    [requestId ?? null],
  );
}
