import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import type { DataSource } from 'typeorm';
import { RetentionService } from '../src/privacy/retention.service.js';
import {
  bearer,
  createGroup,
  setRole,
  signup,
  type TestGroup,
  type TestUser,
} from './factories/index.js';
import { accommodationBody, ticketBody } from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const DAY_MS = 86_400_000;

async function createEvent(
  http: TestAgent,
  organizer: TestUser,
  groupId: string,
  times: { startsAt: string; endsAt?: string },
  title = 'World Fan Groups PreParty',
): Promise<string> {
  const res = await http
    .post(`/api/v1/fan-groups/${groupId}/events`)
    .set(bearer(organizer))
    .send({ title, venue: 'Astana Arena', timezone: 'Asia/Almaty', capacity: 50, ...times });
  if (res.status !== 201) throw new Error(`event: ${res.status} ${JSON.stringify(res.body)}`);
  await http.post(`/api/v1/events/${res.body.id}/publish`).set(bearer(organizer)).expect(200);
  return res.body.id as string;
}

/**
 * A confirmed registration as the registration flow writes it (seat taken in the same
 * statement). Written directly: the registrations endpoint is built on another branch.
 */
async function register(
  db: DataSource,
  eventId: string,
  userId: string,
  arrival: { arrivalDate: string | null; note: string | null },
): Promise<string> {
  const [row] = await db.query<{ id: string }[]>(
    `WITH seat AS (SELECT $1::uuid AS id WHERE fe_take_seats($1, 1) = 1)
     INSERT INTO registrations (event_id, user_id, status, arrival_date, note, check_in_code, confirmed_at)
     SELECT id, $2, 'confirmed', $3, $4, $5, now() FROM seat RETURNING id`,
    [eventId, userId, arrival.arrivalDate, arrival.note, randomBytes(16).toString('hex')],
  );
  return row.id;
}

async function helpRequest(
  http: TestAgent,
  user: TestUser,
  groupId: string,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await http
    .post(`/api/v1/fan-groups/${groupId}/help-requests`)
    .set(bearer(user))
    .send(body);
  if (res.status !== 201) throw new Error(`help: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function comment(http: TestAgent, user: TestUser, requestId: string, body: string) {
  await http
    .post(`/api/v1/help-requests/${requestId}/comments`)
    .set(bearer(user))
    .send({ body })
    .expect(201);
}

async function patchRequest(
  http: TestAgent,
  user: TestUser,
  id: string,
  body: Record<string, unknown>,
) {
  await http.patch(`/api/v1/help-requests/${id}`).set(bearer(user)).send(body).expect(200);
}

interface World {
  group: TestGroup;
  eventId: string;
  taskId: string;
  /** The volunteer's own request, and the member's request assigned to the volunteer. */
  ownRequestId: string;
  memberRequestId: string;
  volunteerRegistrationId: string;
  memberRegistrationId: string;
}

/**
 * The volunteer is the subject: registered with arrival data, assigned a task, asked for
 * help (commented on by the organizer), and assigned the member's request, commented on too.
 */
async function buildWorld(t: TestApp): Promise<World> {
  const group = await createGroup(t.http);
  const { organizer, volunteer, member } = group;
  const eventId = await createEvent(t.http, organizer, group.id, {
    startsAt: '2030-06-26T13:00:00.000Z',
    endsAt: '2030-06-26T18:00:00.000Z',
  });
  const volunteerRegistrationId = await register(t.db, eventId, volunteer.id, {
    arrivalDate: '2030-06-24',
    note: 'Arriving on the night train from Almaty',
  });
  const memberRegistrationId = await register(t.db, eventId, member.id, {
    arrivalDate: '2030-06-25',
    note: 'Member note stays',
  });
  const task = await t.http
    .post(`/api/v1/events/${eventId}/tasks`)
    .set(bearer(organizer))
    .send({
      title: 'Place LED sticks on seats',
      startsAt: '2030-06-26T06:00:00.000Z',
      endsAt: '2030-06-26T09:00:00.000Z',
      volunteersNeeded: 2,
    })
    .expect(201);
  const taskId = task.body.id as string;
  await t.http
    .post(`/api/v1/tasks/${taskId}/assignments`)
    .set(bearer(organizer))
    .send({ userId: volunteer.id })
    .expect(201);
  const ownRequestId = await helpRequest(
    t.http,
    volunteer,
    group.id,
    accommodationBody({ eventId, message: 'Volunteer needs a bed near gate 7' }),
  );
  await comment(t.http, organizer, ownRequestId, 'We have a host family for you');
  await comment(t.http, volunteer, ownRequestId, 'Thank you, my phone is +7 700 000 0000');
  const memberRequestId = await helpRequest(
    t.http,
    member,
    group.id,
    ticketBody({ message: 'Member secret ticket wish' }),
  );
  await patchRequest(t.http, organizer, memberRequestId, { assigneeId: volunteer.id });
  await comment(t.http, volunteer, memberRequestId, 'Volunteer found two seats');
  return {
    group,
    eventId,
    taskId,
    ownRequestId,
    memberRequestId,
    volunteerRegistrationId,
    memberRegistrationId,
  };
}

describe('personal data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
  });

  describe('GET /me/export', () => {
    it('holds everything about the caller and nothing private of anyone else', async () => {
      const w = await buildWorld(t);
      const { organizer, volunteer, member } = w.group;
      const stranger = await signup(t.http, { displayName: 'Stranger' });
      const res = await t.http.get('/api/v1/me/export').set(bearer(volunteer)).expect(200);
      const doc = res.body;

      expect(doc.profile).toEqual({
        id: volunteer.id,
        email: volunteer.email,
        displayName: 'Volunteer',
        country: 'KZ',
        language: 'en',
        spokenLanguages: [],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(doc.memberships).toEqual([
        expect.objectContaining({
          groupId: w.group.id,
          groupName: 'Dimash&Dostar',
          role: 'volunteer',
        }),
      ]);
      expect(doc.registrations).toEqual([
        expect.objectContaining({
          id: w.volunteerRegistrationId,
          status: 'confirmed',
          arrivalDate: '2030-06-24',
          note: 'Arriving on the night train from Almaty',
          checkInCode: expect.stringMatching(/^[0-9a-f]{32}$/),
          event: expect.objectContaining({
            id: w.eventId,
            title: 'World Fan Groups PreParty',
            startsAt: '2030-06-26T13:00:00.000Z',
            timezone: 'Asia/Almaty',
          }),
        }),
      ]);
      expect(doc.helpRequests).toHaveLength(1);
      const own = doc.helpRequests[0];
      expect(own).toMatchObject({
        id: w.ownRequestId,
        groupName: 'Dimash&Dostar',
        eventTitle: 'World Fan Groups PreParty',
        type: 'accommodation',
        message: 'Volunteer needs a bed near gate 7',
        accommodation: { checkIn: '2026-06-25', checkOut: '2026-06-28', guests: 2 },
        status: 'open',
      });
      expect(own.history).toEqual([
        expect.objectContaining({ action: 'created', actorId: volunteer.id, toStatus: 'open' }),
      ]);
      expect(own.comments.map((c: { body: string; byMe: boolean }) => [c.body, c.byMe])).toEqual([
        ['We have a host family for you', false],
        ['Thank you, my phone is +7 700 000 0000', true],
      ]);
      expect(doc.comments).toEqual([
        {
          id: expect.any(String),
          body: 'Volunteer found two seats',
          createdAt: expect.any(String),
          request: {
            id: w.memberRequestId,
            groupId: w.group.id,
            groupName: 'Dimash&Dostar',
            type: 'ticket',
            status: 'open',
          },
        },
      ]);
      expect(doc.tasks).toEqual([
        expect.objectContaining({
          taskId: w.taskId,
          title: 'Place LED sticks on seats',
          event: {
            id: w.eventId,
            title: 'World Fan Groups PreParty',
            venue: 'Astana Arena',
            timezone: 'Asia/Almaty',
          },
        }),
      ]);
      const kinds = doc.emails.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'welcome',
          'task_assigned',
          'task_reminder',
          'help_request_assigned',
        ]),
      );
      // The worker may already have sent it: either state is a truthful export.
      expect(doc.emails[0]).toEqual({
        id: expect.any(String),
        kind: 'welcome',
        status: expect.stringMatching(/^(pending|queued|sending|sent)$/),
        createdAt: expect.any(String),
        dueAt: expect.any(String),
        sentAt: doc.emails[0].status === 'sent' ? expect.any(String) : null,
      });

      const text = JSON.stringify(doc);
      for (const other of [organizer, member, stranger]) expect(text).not.toContain(other.email);
      expect(text).not.toMatch(/passwordHash|password_hash|argon2/i);
      // The member's request is theirs: only its id and state appear.
      expect(text).not.toContain('Member secret ticket wish');
      expect(text).not.toContain('Member note stays');
    });

    it('exports an empty history for a fresh account', async () => {
      const fan = await signup(t.http, { displayName: 'Sakura' });
      const res = await t.http.get('/api/v1/me/export').set(bearer(fan)).expect(200);
      expect(res.body).toMatchObject({
        profile: { id: fan.id, email: fan.email, displayName: 'Sakura' },
        memberships: [],
        registrations: [],
        helpRequests: [],
        comments: [],
        tasks: [],
      });
      expect(res.body.emails.map((e: { kind: string }) => e.kind)).toEqual(['welcome']);
    });

    it('needs a token', async () => {
      await t.http.get('/api/v1/me/export').expect(401);
    });

    it('is documented', async () => {
      const res = await t.http.get('/docs-json').expect(200);
      expect(res.body.paths['/api/v1/me/export'].get.security).toEqual([{ bearer: [] }]);
      expect(
        res.body.paths['/api/v1/me/export'].get.responses['200'].content['application/json'].schema
          .$ref,
      ).toMatch(/AccountExportDto$/);
      expect(res.body.paths['/api/v1/me'].delete.responses['204']).toBeDefined();
      expect(res.body.paths['/api/v1/me'].delete.responses['409']).toBeDefined();
    });
  });

  describe('DELETE /me', () => {
    it('anonymises the account and erases its personal data, keeping seats', async () => {
      const w = await buildWorld(t);
      const { volunteer } = w.group;
      // One e-mail already went out: it stays as a record, without its data.
      await t.db.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = 'x'
          WHERE user_id = $1 AND kind = 'welcome'`,
        [volunteer.id],
      );
      const [{ confirmed_count: seatsBefore }] = await t.db.query(
        `SELECT (SELECT COALESCE(sum(taken), 0)::int FROM event_seats WHERE event_id = $1) AS confirmed_count`,
        [w.eventId],
      );
      expect(seatsBefore).toBe(2);

      await t.http.delete('/api/v1/me').set(bearer(volunteer)).expect(204);

      const [user] = await t.db.query('SELECT * FROM users WHERE id = $1', [volunteer.id]);
      expect(user).toMatchObject({
        email: `deleted-${volunteer.id}@deleted.invalid`,
        display_name: 'Deleted user',
        deleted_at: expect.any(Date),
      });
      expect(user.password_hash).not.toMatch(/^\$argon2/);

      expect(
        await t.db.query('SELECT 1 FROM group_memberships WHERE user_id = $1', [volunteer.id]),
      ).toEqual([]);

      const [event] = await t.db.query(
        `SELECT (SELECT COALESCE(sum(taken), 0)::int FROM event_seats WHERE event_id = $1) AS confirmed_count`,
        [w.eventId],
      );
      expect(event.confirmed_count).toBe(2);
      const registrations = await t.db.query(
        'SELECT id, status, arrival_date, note FROM registrations WHERE event_id = $1 ORDER BY id',
        [w.eventId],
      );
      expect(registrations).toHaveLength(2);
      const mine = registrations.find((r: { id: string }) => r.id === w.volunteerRegistrationId);
      const theirs = registrations.find((r: { id: string }) => r.id === w.memberRegistrationId);
      expect(mine).toMatchObject({ status: 'confirmed', arrival_date: null, note: null });
      expect(theirs).toMatchObject({ status: 'confirmed', note: 'Member note stays' });
      expect(theirs.arrival_date).not.toBeNull();

      const [task] = await t.db.query('SELECT assigned_count FROM volunteer_tasks WHERE id = $1', [
        w.taskId,
      ]);
      expect(task.assigned_count).toBe(0);
      expect(
        await t.db.query('SELECT 1 FROM task_assignments WHERE user_id = $1', [volunteer.id]),
      ).toEqual([]);

      const outbox = await t.db.query(
        'SELECT kind, status, data, last_error FROM mail_outbox WHERE user_id = $1',
        [volunteer.id],
      );
      // What was sent stays as a record, emptied; nothing unsent to the user is left.
      expect(outbox.length).toBeGreaterThan(0);
      for (const row of outbox) {
        expect(row).toEqual({
          kind: expect.any(String),
          status: 'sent',
          data: {},
          last_error: null,
        });
      }
      expect(
        await t.db.query(`SELECT 1 FROM mail_outbox WHERE dedupe_key LIKE 'task-reminder:%'`),
      ).toEqual([]);

      const [own] = await t.db.query('SELECT * FROM help_requests WHERE id = $1', [w.ownRequestId]);
      expect(own).toMatchObject({
        message: '',
        check_in: null,
        check_out: null,
        guests: null,
        max_budget_per_night: null,
        currency: null,
        status: 'cancelled',
        details_erased_at: expect.any(Date),
      });
      const [member] = await t.db.query(
        'SELECT message, status, assignee_id FROM help_requests WHERE id = $1',
        [w.memberRequestId],
      );
      expect(member).toEqual({
        message: 'Member secret ticket wish',
        status: 'open',
        assignee_id: null,
      });
      const history = await t.db.query(
        `SELECT request_id, action, to_status, previous_assignee_id FROM help_request_history
          WHERE actor_id = $1 AND action <> 'created' ORDER BY at`,
        [volunteer.id],
      );
      expect(history).toEqual(
        expect.arrayContaining([
          {
            request_id: w.ownRequestId,
            action: 'status',
            to_status: 'cancelled',
            previous_assignee_id: null,
          },
          {
            request_id: w.memberRequestId,
            action: 'unassigned',
            to_status: null,
            previous_assignee_id: volunteer.id,
          },
        ]),
      );
      const comments = await t.db.query<{ body: string }[]>(
        'SELECT body FROM help_request_comments ORDER BY created_at',
      );
      expect(comments.map((c) => c.body)).toEqual(['', '', '']);
    });

    it('stops the old token everywhere and frees the e-mail for a new account', async () => {
      const group = await createGroup(t.http);
      const fan = group.member;
      await t.http.delete('/api/v1/me').set(bearer(fan)).expect(204);

      await t.http.delete('/api/v1/me').set(bearer(fan)).expect(401);
      await t.http.get('/api/v1/me').set(bearer(fan)).expect(401);
      await t.http.get('/api/v1/me/export').set(bearer(fan)).expect(401);
      await t.http.patch('/api/v1/me').set(bearer(fan)).send({ displayName: 'Back' }).expect(401);
      await t.http.get(`/api/v1/fan-groups/${group.id}/members`).set(bearer(fan)).expect(401);
      await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(fan))
        .send({ name: 'Ghost fans' })
        .expect(401);
      await t.http.post(`/api/v1/fan-groups/${group.id}/join`).set(bearer(fan)).expect(401);
      await t.http.get('/api/v1/me/help-requests').set(bearer(fan)).expect(401);
      // Public routes still answer, treating the caller as anonymous.
      await t.http.get('/api/v1/fan-groups').set(bearer(fan)).expect(200);
      await t.http.get(`/api/v1/fan-groups/${group.id}`).set(bearer(fan)).expect(200);

      await t.http
        .post('/api/v1/auth/login')
        .send({ email: fan.email, password: 'correct horse battery' })
        .expect(401);
      const again = await signup(t.http, { email: fan.email, displayName: 'Member again' });
      expect(again.id).not.toBe(fan.id);
      await t.http.get('/api/v1/me').set(bearer(again)).expect(200);
      const members = await t.http
        .get(`/api/v1/fan-groups/${group.id}/members`)
        .set(bearer(group.organizer))
        .expect(200);
      expect(members.body.items.map((m: { userId: string }) => m.userId)).not.toContain(fan.id);
    });

    it('refuses the last organizer of a group until another one is appointed', async () => {
      const group = await createGroup(t.http);
      const { organizer, volunteer } = group;
      const refused = await t.http.delete('/api/v1/me').set(bearer(organizer)).expect(409);
      expect(refused.body).toMatchObject({
        code: 'LAST_ORGANIZER',
        groups: [{ id: group.id, name: 'Dimash&Dostar' }],
      });
      // Nothing changed.
      await t.http.get('/api/v1/me').set(bearer(organizer)).expect(200);
      const [row] = await t.db.query('SELECT role FROM group_memberships WHERE user_id = $1', [
        organizer.id,
      ]);
      expect(row.role).toBe('organizer');

      await setRole(t.http, organizer, group.id, volunteer.id, 'organizer');
      await t.http.delete('/api/v1/me').set(bearer(organizer)).expect(204);
      const organizers = await t.db.query(
        `SELECT user_id FROM group_memberships WHERE group_id = $1 AND role = 'organizer'`,
        [group.id],
      );
      expect(organizers).toEqual([{ user_id: volunteer.id }]);
    });

    it('lets only one of two organizers leave when both delete their accounts at once', async () => {
      for (let round = 0; round < 3; round++) {
        await truncateAll(t.db);
        const group = await createGroup(t.http);
        const { organizer, volunteer } = group;
        await setRole(t.http, organizer, group.id, volunteer.id, 'organizer');
        const statuses = await Promise.all(
          [organizer, volunteer].map(
            async (u) => (await t.http.delete('/api/v1/me').set(bearer(u))).status,
          ),
        );
        expect(statuses.sort()).toEqual([204, 409]);
        const organizers = await t.db.query(
          `SELECT m.user_id FROM group_memberships m JOIN users u ON u.id = m.user_id
            WHERE m.group_id = $1 AND m.role = 'organizer' AND u.deleted_at IS NULL`,
          [group.id],
        );
        expect(organizers).toHaveLength(1);
      }
    });

    it('keeps the group when its organizer deletes the account while being demoted', async () => {
      const group = await createGroup(t.http);
      const { organizer, volunteer } = group;
      await setRole(t.http, organizer, group.id, volunteer.id, 'organizer');
      // The volunteer (now organizer) demotes themselves while the organizer leaves.
      const [demote, leave] = await Promise.all([
        t.http
          .put(`/api/v1/fan-groups/${group.id}/members/${volunteer.id}`)
          .set(bearer(volunteer))
          .send({ role: 'member' }),
        t.http.delete('/api/v1/me').set(bearer(organizer)),
      ]);
      // Whichever commits first wins; the other would leave the group without an organizer.
      expect([demote.status, leave.status]).toContain(409);
      expect([
        [200, 409],
        [409, 204],
      ]).toContainEqual([demote.status, leave.status]);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM group_memberships m JOIN users u ON u.id = m.user_id
          WHERE m.group_id = $1 AND m.role = 'organizer' AND u.deleted_at IS NULL`,
        [group.id],
      );
      expect(n).toBe(1);
    });
  });

  describe('retention', () => {
    it('erases details and arrival data RETENTION_DAYS after the event, and only then', async () => {
      const retention = t.app.get(RetentionService);
      const group = await createGroup(t.http);
      const { organizer, member, volunteer } = group;
      // Event A ends 2030-06-26 18:00Z; event B has no end and starts 2030-08-01.
      const eventA = await createEvent(t.http, organizer, group.id, {
        startsAt: '2030-06-26T13:00:00.000Z',
        endsAt: '2030-06-26T18:00:00.000Z',
      });
      const eventB = await createEvent(
        t.http,
        organizer,
        group.id,
        { startsAt: '2030-08-01T10:00:00.000Z' },
        'Stadium concert',
      );
      const regA = await register(t.db, eventA, member.id, {
        arrivalDate: '2030-06-25',
        note: 'A',
      });
      const regB = await register(t.db, eventB, member.id, {
        arrivalDate: '2030-07-31',
        note: 'B',
      });
      const helpA = await helpRequest(
        t.http,
        member,
        group.id,
        accommodationBody({ eventId: eventA }),
      );
      const helpB = await helpRequest(t.http, member, group.id, ticketBody({ eventId: eventB }));
      const closedNoEvent = await helpRequest(t.http, volunteer, group.id, ticketBody());
      await patchRequest(t.http, organizer, closedNoEvent, { status: 'declined' });
      const openNoEvent = await helpRequest(t.http, volunteer, group.id, ticketBody());
      await comment(t.http, organizer, helpA, 'Host family at Abay street 1');
      await comment(t.http, organizer, helpB, 'Two seats in sector B');

      const snapshot = () =>
        t.db.query(
          `SELECT 'h' AS k, id, message AS a, coalesce(check_in::text, ticket_quantity::text) AS b,
                  details_erased_at IS NOT NULL AS erased FROM help_requests
           UNION ALL
           SELECT 'r', id, note, arrival_date::text, arrival_date IS NULL FROM registrations
           UNION ALL
           SELECT 'c', id, body, request_id::text, body = '' FROM help_request_comments
           ORDER BY k, id`,
        );
      const erased = async () =>
        Object.fromEntries(
          (await snapshot()).map((r: { id: string; erased: boolean }) => [r.id, r.erased]),
        );
      const zero = {
        helpRequestsOfEvents: 0,
        helpRequestsWithoutEvent: 0,
        comments: 0,
        registrations: 0,
        arrivals: 0,
      };
      const before = await snapshot();
      const closedAt = new Date();

      // Before any cut-off nothing changes.
      expect(await retention.run(new Date(closedAt.getTime() + 29 * DAY_MS))).toEqual(zero);
      expect(await snapshot()).toEqual(before);

      // The request without an event goes RETENTION_DAYS after it was declined.
      expect(await retention.run(new Date(closedAt.getTime() + 31 * DAY_MS))).toEqual({
        ...zero,
        helpRequestsWithoutEvent: 1,
      });
      let state = await erased();
      expect(state[closedNoEvent]).toBe(true);
      expect(state[openNoEvent]).toBe(false);
      expect(state[helpA]).toBe(false);

      // A moment before event A's cut-off: still nothing of it.
      expect(await retention.run(new Date('2030-07-26T17:59:59.000Z'))).toEqual(zero);
      expect((await erased())[regA]).toBe(false);

      // Just after: event A's request, its thread and its arrival data go; B's stay.
      expect(await retention.run(new Date('2030-07-26T18:00:01.000Z'))).toEqual({
        ...zero,
        helpRequestsOfEvents: 1,
        comments: 1,
        registrations: 1,
      });
      state = await erased();
      expect(state).toMatchObject({
        [helpA]: true,
        [regA]: true,
        [helpB]: false,
        [regB]: false,
        [openNoEvent]: false,
        [closedNoEvent]: true,
      });
      const [a] = await t.db.query('SELECT * FROM help_requests WHERE id = $1', [helpA]);
      expect(a).toMatchObject({
        message: '',
        check_in: null,
        guests: null,
        currency: null,
        status: 'open',
        details_erased_at: new Date('2030-07-26T18:00:01.000Z'),
      });
      const [ra] = await t.db.query('SELECT * FROM registrations WHERE id = $1', [regA]);
      expect(ra).toMatchObject({ status: 'confirmed', arrival_date: null, note: null });
      const [rb] = await t.db.query('SELECT note FROM registrations WHERE id = $1', [regB]);
      expect(rb.note).toBe('B');
      const bodies = await t.db.query<{ body: string }[]>(
        'SELECT body FROM help_request_comments ORDER BY created_at',
      );
      expect(bodies.map((c) => c.body)).toEqual(['', 'Two seats in sector B']);
      const [{ confirmed_count }] = await t.db.query(
        `SELECT (SELECT COALESCE(sum(taken), 0)::int FROM event_seats WHERE event_id = $1) AS confirmed_count`,
        [eventA],
      );
      expect(confirmed_count).toBe(1);

      // The erased request still reads, empty.
      const read = await t.http
        .get(`/api/v1/help-requests/${helpA}`)
        .set(bearer(member))
        .expect(200);
      expect(read.body).toMatchObject({
        message: '',
        accommodation: null,
        detailsErasedAt: expect.any(String),
      });

      // Idempotent: a second pass at the same time changes nothing.
      const after = await snapshot();
      expect(await retention.run(new Date('2030-07-26T18:00:01.000Z'))).toEqual(zero);
      expect(await snapshot()).toEqual(after);

      // Event B, which has no end, goes by its start.
      expect(await retention.run(new Date('2030-08-31T10:00:01.000Z'))).toEqual({
        ...zero,
        helpRequestsOfEvents: 1,
        comments: 1,
        registrations: 1,
      });
      state = await erased();
      expect(state[openNoEvent]).toBe(false);
    });

    it('skips a pass while another process holds the lock', async () => {
      const retention = t.app.get(RetentionService);
      const other = t.db.createQueryRunner();
      await other.connect();
      try {
        await other.startTransaction();
        await other.query("SELECT pg_advisory_xact_lock(hashtext('fanevents:retention'))");
        expect(await retention.run(new Date())).toBeUndefined();
        await other.commitTransaction();
      } finally {
        await other.release();
      }
      expect(await retention.run(new Date())).toBeDefined();
    });
  });
});

describe('logs and job payloads', () => {
  const PLANTED_EMAIL = `planted.zyxq+${randomBytes(3).toString('hex')}@example.org`;
  const PLANTED_NAME = 'Plantedname Qwxyz';
  const PLANTED_MESSAGE = 'Planted help message about flat 42 at Kabanbay';
  const lines: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      { LOG_LEVEL: 'trace' },
      { logDestination: { write: (line: string) => void lines.push(line) } },
    );
    await truncateAll(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('never carry the e-mail, name or help message of a user', async () => {
    const http = t.http;
    const group = await createGroup(http);
    const fan = await signup(http, { email: PLANTED_EMAIL, displayName: PLANTED_NAME });
    await http.post(`/api/v1/fan-groups/${group.id}/join`).set(bearer(fan)).expect(201);
    const eventId = await createEvent(t.http, group.organizer, group.id, {
      startsAt: '2030-06-26T13:00:00.000Z',
    });
    await register(t.db, eventId, fan.id, { arrivalDate: '2030-06-25', note: PLANTED_MESSAGE });
    const requestId = await helpRequest(
      http,
      fan,
      group.id,
      ticketBody({ eventId, message: PLANTED_MESSAGE }),
    );
    await comment(http, fan, requestId, `${PLANTED_MESSAGE}, ${PLANTED_NAME}`);
    await http.patch('/api/v1/me').set(bearer(fan)).send({ displayName: PLANTED_NAME }).expect(200);
    await http.get('/api/v1/me/export').set(bearer(fan)).expect(200);

    // Failures of every kind, each carrying the planted data in the request.
    await http
      .post('/api/v1/auth/signup')
      .send({
        email: PLANTED_EMAIL,
        password: 'correct horse battery',
        displayName: PLANTED_NAME,
        country: 'KZ',
        language: 'en',
      })
      .expect(409);
    await http
      .post('/api/v1/auth/login')
      .send({ email: PLANTED_EMAIL, password: 'wrong password!' })
      .expect(401);
    await http
      .post('/api/v1/auth/signup')
      .send({ email: PLANTED_EMAIL, password: 'short', displayName: PLANTED_NAME })
      .expect(400);
    await http
      .post(`/api/v1/fan-groups/${group.id}/help-requests`)
      .set(bearer(fan))
      .send({
        type: 'ticket',
        message: PLANTED_MESSAGE,
        ticket: { quantity: 0 },
        email: PLANTED_EMAIL,
      })
      .expect(400);
    await http
      .post(`/api/v1/fan-groups/${group.id}/help-requests`)
      .set(bearer(fan))
      .set('Content-Type', 'application/json')
      .send(`{"message": "${PLANTED_MESSAGE}", `)
      .expect(400);
    await http.get(`/api/v1/help-requests/${requestId}`).set(bearer(group.member)).expect(404);
    await http.get(`/api/v1/fan-groups?search=${encodeURIComponent(PLANTED_NAME)}`).expect(200);
    await http.delete('/api/v1/me').set(bearer(fan)).expect(204);
    await http.get('/api/v1/me').set(bearer(fan)).expect(401);

    const captured = lines.join('');
    // The capture works: request logs of this test are in it.
    expect(captured).toContain('/api/v1/me/export');
    expect(captured.length).toBeGreaterThan(1000);
    for (const planted of [
      PLANTED_EMAIL,
      PLANTED_NAME,
      PLANTED_MESSAGE,
      'Plantedname',
      'Kabanbay',
    ]) {
      expect(captured).not.toContain(planted);
    }
    expect(captured.toLowerCase()).not.toContain(PLANTED_EMAIL.toLowerCase());
  });

  it('queue jobs carry ids only', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    try {
      await redis.connect();
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(
          cursor,
          'MATCH',
          `${process.env.REDIS_PREFIX}:*`,
          'COUNT',
          500,
        );
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      for (const key of keys) {
        const type = await redis.type(key);
        const content =
          type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'string'
              ? ((await redis.get(key)) ?? '')
              : type === 'list'
                ? JSON.stringify(await redis.lrange(key, 0, -1))
                : type === 'zset'
                  ? JSON.stringify(await redis.zrange(key, 0, -1))
                  : '';
        for (const planted of [PLANTED_EMAIL, PLANTED_NAME, PLANTED_MESSAGE]) {
          expect(content).not.toContain(planted);
        }
        if (type === 'hash') {
          const data = await redis.hget(key, 'data');
          if (data !== null) {
            // A Bull job: its payload holds ids (and plain flags), never text about a person.
            const payload = JSON.parse(data) as Record<string, unknown>;
            for (const value of Object.values(payload)) {
              expect(
                typeof value === 'string'
                  ? /^[0-9a-f-]{36}$/.test(value)
                  : typeof value !== 'object',
              ).toBe(true);
            }
          }
        }
      }
    } finally {
      redis.disconnect();
    }
  });
});

describe('retention schedule', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RETENTION_INTERVAL_MS: '100' });
    await truncateAll(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs the pass by itself in an `all` process', async () => {
    const fan = await signup(t.http);
    // An event of long ago, written directly: the API only takes future events.
    const [{ id: groupId }] = await t.db.query<{ id: string }[]>(
      `INSERT INTO fan_groups (name, slug) VALUES ('Old fans', 'old-fans') RETURNING id`,
    );
    const [{ id: eventId }] = await t.db.query<{ id: string }[]>(
      `INSERT INTO events (group_id, title, starts_at, ends_at, timezone, capacity, status)
       VALUES ($1, 'Concert 2020', '2020-06-26T13:00Z', '2020-06-26T18:00Z', 'Asia/Almaty', 10,
               'published') RETURNING id`,
      [groupId],
    );
    const registrationId = await register(t.db, eventId, fan.id, {
      arrivalDate: '2020-06-25',
      note: 'Long ago',
    });
    let note: string | null = 'Long ago';
    // Bounded wait for the background pass (a hundred milliseconds apart), not a timing claim.
    for (let i = 0; i < 100 && note !== null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [{ note }] = await t.db.query<{ note: string | null }[]>(
        'SELECT note FROM registrations WHERE id = $1',
        [registrationId],
      );
    }
    expect(note).toBeNull();
  });
});
