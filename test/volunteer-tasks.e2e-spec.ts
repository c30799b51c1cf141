import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import {
  bearer,
  createGroup,
  setRole,
  signup,
  type TestGroup,
  type TestUser,
} from './factories/index.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

const LEAD_MS = 1440 * 60_000;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

// Times of the story, well in the future so that reminders are due at startsAt − lead.
const T = (hhmm: string, day = '2030-06-26') => `${day}T${hhmm}:00.000Z`;

async function createEvent(
  http: TestAgent,
  organizer: TestUser,
  groupId: string,
  { publish = true, title = 'World Fan Groups PreParty' } = {},
): Promise<string> {
  const res = await http
    .post(`/api/v1/fan-groups/${groupId}/events`)
    .set(bearer(organizer))
    .send({
      title,
      venue: 'Astana Arena',
      city: 'Astana',
      startsAt: T('13:00'),
      endsAt: T('18:00'),
      timezone: 'Asia/Almaty',
      capacity: 100,
    });
  if (res.status !== 201) throw new Error(`event: ${res.status} ${JSON.stringify(res.body)}`);
  if (publish) {
    await http.post(`/api/v1/events/${res.body.id}/publish`).set(bearer(organizer)).expect(200);
  }
  return res.body.id as string;
}

interface TaskInput {
  title?: string;
  startsAt?: string;
  endsAt?: string;
  volunteersNeeded?: number;
  location?: string;
}

async function createTask(
  http: TestAgent,
  organizer: TestUser,
  eventId: string,
  input: TaskInput = {},
): Promise<string> {
  const res = await http
    .post(`/api/v1/events/${eventId}/tasks`)
    .set(bearer(organizer))
    .send({
      title: input.title ?? 'Hang boards at the stadium',
      location: input.location ?? 'Astana Arena, gate 3',
      startsAt: input.startsAt ?? T('06:00'),
      endsAt: input.endsAt ?? T('09:00'),
      volunteersNeeded: input.volunteersNeeded ?? 3,
    });
  if (res.status !== 201) throw new Error(`task: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

interface OutboxRow {
  kind: string;
  user_id: string;
  language: string | null;
  data: Record<string, unknown>;
  due_at: Date;
  dedupe_key: string | null;
  status: string;
}

describe('volunteer tasks', () => {
  let t: TestApp;
  let g: TestGroup;
  let eventId: string;

  const outbox = (userId: string, kind?: string) =>
    t.db.query<OutboxRow[]>(
      `SELECT kind, user_id, language, data, due_at, dedupe_key, status FROM mail_outbox
        WHERE user_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at, kind`,
      [userId, kind ?? null],
    );
  const assignedCount = async (taskId: string) =>
    (
      await t.db.query<{ assigned_count: number }[]>(
        'SELECT assigned_count FROM volunteer_tasks WHERE id = $1',
        [taskId],
      )
    )[0].assigned_count;
  const assignees = async (taskId: string) =>
    (
      await t.db.query<{ user_id: string }[]>(
        'SELECT user_id FROM task_assignments WHERE task_id = $1',
        [taskId],
      )
    ).map((r) => r.user_id);

  /** A fresh volunteer of the test group, in the given language. */
  async function volunteer(language = 'en', displayName = 'Әсел'): Promise<TestUser> {
    const user = await signup(t.http, { language, displayName });
    await setRole(t.http, g.organizer, g.id, user.id, 'volunteer');
    return user;
  }

  const signUp = (user: TestUser, taskId: string) =>
    t.http.post(`/api/v1/tasks/${taskId}/sign-up`).set(bearer(user));
  const assign = (by: TestUser, taskId: string, userId: string) =>
    t.http.post(`/api/v1/tasks/${taskId}/assignments`).set(bearer(by)).send({ userId });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    g = await createGroup(t.http);
    eventId = await createEvent(t.http, g.organizer, g.id);
  });

  describe('creating and listing', () => {
    it('creates an open task with no assignees', async () => {
      const res = await t.http
        .post(`/api/v1/events/${eventId}/tasks`)
        .set(bearer(g.organizer))
        .send({
          title: '  Place LED sticks on 30,000 seats ',
          description: 'Sectors A–F, one stick per seat',
          location: 'Astana Arena',
          startsAt: T('08:00'),
          endsAt: T('12:00'),
          volunteersNeeded: 20,
        })
        .expect(201);
      expect(res.body).toMatchObject({
        eventId,
        title: 'Place LED sticks on 30,000 seats',
        startsAt: T('08:00'),
        endsAt: T('12:00'),
        volunteersNeeded: 20,
        assignedCount: 0,
        status: 'open',
        assignees: [],
      });
    });

    it('lists the tasks of an event by start time with their assignees', async () => {
      const late = await createTask(t.http, g.organizer, eventId, {
        title: 'Decorate the dressing room',
        startsAt: T('10:00'),
        endsAt: T('11:00'),
      });
      const early = await createTask(t.http, g.organizer, eventId, {
        title: 'Welcome guests at the airport',
        startsAt: T('02:00'),
        endsAt: T('04:00'),
      });
      await signUp(g.volunteer, early).expect(201);
      const res = await t.http
        .get(`/api/v1/events/${eventId}/tasks`)
        .set(bearer(g.volunteer))
        .expect(200);
      expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([early, late]);
      expect(res.body.items[0].assignees).toEqual([
        { userId: g.volunteer.id, displayName: g.volunteer.displayName },
      ]);
      expect(res.body.items[0].assignedCount).toBe(1);
      expect(res.body.items[1].assignees).toEqual([]);

      const paged = await t.http
        .get(`/api/v1/events/${eventId}/tasks?limit=1&offset=1`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(paged.body.items.map((i: { id: string }) => i.id)).toEqual([late]);
    });
  });

  describe('validation', () => {
    const valid = {
      title: 'Hang boards',
      startsAt: T('06:00'),
      endsAt: T('09:00'),
      volunteersNeeded: 2,
    };
    const create = (body: object) =>
      t.http.post(`/api/v1/events/${eventId}/tasks`).set(bearer(g.organizer)).send(body);

    it('rejects reversed or equal times', async () => {
      await create({ ...valid, startsAt: T('09:00'), endsAt: T('06:00') }).expect(400);
      await create({ ...valid, endsAt: valid.startsAt }).expect(400);
    });

    it('rejects zero, negative and fractional slots', async () => {
      await create({ ...valid, volunteersNeeded: 0 }).expect(400);
      await create({ ...valid, volunteersNeeded: -1 }).expect(400);
      await create({ ...valid, volunteersNeeded: 1.5 }).expect(400);
    });

    it('rejects unknown fields, missing fields, blank titles and bad dates', async () => {
      await create({ ...valid, status: 'done' }).expect(400);
      await create({ ...valid, assignedCount: 5 }).expect(400);
      await create({ ...valid, title: undefined }).expect(400);
      await create({ ...valid, title: '   ' }).expect(400);
      await create({ ...valid, endsAt: 'tomorrow' }).expect(400);
      await create({ ...valid, startsAt: undefined }).expect(400);
      const count = await t.db.query('SELECT 1 FROM volunteer_tasks');
      expect(count).toHaveLength(0);
    });

    it('rejects malformed ids in paths and bodies', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId);
      await t.http
        .post('/api/v1/events/nope/tasks')
        .set(bearer(g.organizer))
        .send(valid)
        .expect(400);
      await t.http.get('/api/v1/events/nope/tasks').set(bearer(g.organizer)).expect(400);
      await t.http.patch('/api/v1/tasks/nope').set(bearer(g.organizer)).send({}).expect(400);
      await t.http.post('/api/v1/tasks/nope/sign-up').set(bearer(g.volunteer)).expect(400);
      await t.http.post('/api/v1/tasks/nope/complete').set(bearer(g.organizer)).expect(400);
      await assign(g.organizer, taskId, 'nope').expect(400);
      await t.http
        .post(`/api/v1/tasks/${taskId}/assignments`)
        .set(bearer(g.organizer))
        .send({ userId: g.volunteer.id, role: 'x' })
        .expect(400);
      await t.http
        .delete(`/api/v1/tasks/${taskId}/assignments/nope`)
        .set(bearer(g.organizer))
        .expect(400);
      await t.http.get('/api/v1/me/tasks?from=yesterday').set(bearer(g.volunteer)).expect(400);
      await t.http.get('/api/v1/me/tasks?limit=0').set(bearer(g.volunteer)).expect(400);
    });

    it('answers unknown ids with 404', async () => {
      await t.http
        .post(`/api/v1/events/${UNKNOWN}/tasks`)
        .set(bearer(g.organizer))
        .send(valid)
        .expect(404);
      await t.http.patch(`/api/v1/tasks/${UNKNOWN}`).set(bearer(g.organizer)).send({}).expect(404);
      await signUp(g.volunteer, UNKNOWN).expect(404);
      const taskId = await createTask(t.http, g.organizer, eventId);
      await t.http
        .delete(`/api/v1/tasks/${taskId}/assignments/${g.volunteer.id}`)
        .set(bearer(g.organizer))
        .expect(404);
    });

    it('rejects a partial update that reverses the times, and changes nothing', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId);
      await t.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(g.organizer))
        .send({ endsAt: T('05:00'), title: 'Changed' })
        .expect(400);
      await t.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(g.organizer))
        .send({ volunteersNeeded: 0 })
        .expect(400);
      const [row] = await t.db.query<{ title: string }[]>(
        'SELECT title FROM volunteer_tasks WHERE id = $1',
        [taskId],
      );
      expect(row.title).toBe('Hang boards at the stadium');
    });
    it('refuses null for required fields in an update but clears optional texts', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId);
      const patch = (body: object) =>
        t.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(g.organizer)).send(body);
      for (const field of ['title', 'startsAt', 'endsAt', 'volunteersNeeded']) {
        await patch({ [field]: null }).expect(400);
      }
      await patch({ unknown: 1 }).expect(400);
      const res = await patch({ location: null }).expect(200);
      expect(res.body).toMatchObject({ location: null, title: 'Hang boards at the stadium' });
    });
  });

  describe('authorization', () => {
    let other: TestGroup;
    let taskId: string;
    let draftEventId: string;
    let draftTaskId: string;

    beforeEach(async () => {
      other = await createGroup(t.http, 'Other fans');
      taskId = await createTask(t.http, g.organizer, eventId);
      draftEventId = await createEvent(t.http, g.organizer, g.id, {
        publish: false,
        title: 'Secret planning',
      });
      draftTaskId = await createTask(t.http, g.organizer, draftEventId, {
        startsAt: T('06:00', '2030-07-01'),
        endsAt: T('07:00', '2030-07-01'),
      });
    });

    it('lets only organizers create tasks', async () => {
      const body = { title: 'X', startsAt: T('20:00'), endsAt: T('21:00'), volunteersNeeded: 1 };
      const url = `/api/v1/events/${eventId}/tasks`;
      await t.http.post(url).send(body).expect(401);
      await t.http.post(url).set(bearer(g.member)).send(body).expect(403);
      await t.http.post(url).set(bearer(g.volunteer)).send(body).expect(403);
      await t.http.post(url).set(bearer(other.organizer)).send(body).expect(403);
      await t.http
        .post(`/api/v1/events/${draftEventId}/tasks`)
        .set(bearer(other.organizer))
        .send(body)
        .expect(404);
      await t.http.post(url).set(bearer(g.organizer)).send(body).expect(201);
    });

    it('shows the task list to organizers and volunteers only', async () => {
      const url = `/api/v1/events/${eventId}/tasks`;
      await t.http.get(url).expect(401);
      await t.http.get(url).set(bearer(g.member)).expect(403);
      await t.http.get(url).set(bearer(other.organizer)).expect(403);
      await t.http
        .get(`/api/v1/events/${draftEventId}/tasks`)
        .set(bearer(other.organizer))
        .expect(404);
      await t.http.get(url).set(bearer(g.volunteer)).expect(200);
      await t.http.get(`/api/v1/events/${draftEventId}/tasks`).set(bearer(g.volunteer)).expect(200);
      await t.http.get(url).set(bearer(g.organizer)).expect(200);
    });

    it('lets only organizers update a task', async () => {
      const url = `/api/v1/tasks/${taskId}`;
      const body = { title: 'Hang the big boards' };
      await t.http.patch(url).send(body).expect(401);
      await t.http.patch(url).set(bearer(g.member)).send(body).expect(403);
      await t.http.patch(url).set(bearer(g.volunteer)).send(body).expect(403);
      await t.http.patch(url).set(bearer(other.organizer)).send(body).expect(403);
      await t.http
        .patch(`/api/v1/tasks/${draftTaskId}`)
        .set(bearer(other.organizer))
        .send(body)
        .expect(404);
      const res = await t.http.patch(url).set(bearer(g.organizer)).send(body).expect(200);
      expect(res.body.title).toBe('Hang the big boards');
    });

    it('lets only organizers assign, and only volunteers or organizers of the group', async () => {
      await t.http
        .post(`/api/v1/tasks/${taskId}/assignments`)
        .send({ userId: g.volunteer.id })
        .expect(401);
      await assign(g.member, taskId, g.volunteer.id).expect(403);
      await assign(g.volunteer, taskId, g.volunteer.id).expect(403);
      await assign(other.organizer, taskId, g.volunteer.id).expect(403);
      await assign(other.organizer, draftTaskId, other.volunteer.id).expect(404);

      for (const target of [g.member.id, other.volunteer.id, UNKNOWN]) {
        const res = await assign(g.organizer, taskId, target).expect(409);
        expect(res.body.code).toBe('NOT_A_VOLUNTEER');
      }
      expect(await assignees(taskId)).toEqual([]);

      const res = await assign(g.organizer, taskId, g.volunteer.id).expect(201);
      expect(res.body).toMatchObject({
        taskId,
        userId: g.volunteer.id,
        assignedBy: g.organizer.id,
      });
      await assign(g.organizer, taskId, g.organizer.id).expect(201);
      expect(await assignedCount(taskId)).toBe(2);
    });

    it('lets volunteers and organizers sign themselves up, not members or outsiders', async () => {
      await t.http.post(`/api/v1/tasks/${taskId}/sign-up`).expect(401);
      await signUp(g.member, taskId).expect(403);
      await signUp(other.volunteer, taskId).expect(403);
      await signUp(other.volunteer, draftTaskId).expect(404);
      const res = await signUp(g.volunteer, taskId).expect(201);
      expect(res.body).toMatchObject({
        taskId,
        userId: g.volunteer.id,
        assignedBy: g.volunteer.id,
      });
      await signUp(g.organizer, taskId).expect(201);
    });

    it('lets organizers remove anyone and volunteers only themselves', async () => {
      const second = await volunteer();
      await signUp(g.volunteer, taskId).expect(201);
      await signUp(second, taskId).expect(201);
      const url = (userId: string) => `/api/v1/tasks/${taskId}/assignments/${userId}`;
      await t.http.delete(url(g.volunteer.id)).expect(401);
      await t.http.delete(url(g.volunteer.id)).set(bearer(g.member)).expect(403);
      await t.http.delete(url(g.volunteer.id)).set(bearer(second)).expect(403);
      await t.http.delete(url(g.volunteer.id)).set(bearer(other.organizer)).expect(403);
      await t.http.delete(url(g.volunteer.id)).set(bearer(g.volunteer)).expect(204);
      await t.http.delete(url(second.id)).set(bearer(g.organizer)).expect(204);
      expect(await assignees(taskId)).toEqual([]);
      expect(await assignedCount(taskId)).toBe(0);
      await t.http.delete(url(second.id)).set(bearer(g.organizer)).expect(404);
    });

    it('lets an assignee or an organizer complete a task', async () => {
      const bystander = await volunteer();
      await signUp(g.volunteer, taskId).expect(201);
      const url = `/api/v1/tasks/${taskId}/complete`;
      await t.http.post(url).expect(401);
      await t.http.post(url).set(bearer(g.member)).expect(403);
      await t.http.post(url).set(bearer(bystander)).expect(403);
      await t.http.post(url).set(bearer(other.organizer)).expect(403);
      await t.http
        .post(`/api/v1/tasks/${draftTaskId}/complete`)
        .set(bearer(other.organizer))
        .expect(404);
      const res = await t.http.post(url).set(bearer(g.volunteer)).expect(200);
      expect(res.body.status).toBe('done');
      const again = await t.http.post(url).set(bearer(g.organizer)).expect(409);
      expect(again.body.code).toBe('INVALID_TRANSITION');

      const another = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('20:00'),
        endsAt: T('21:00'),
      });
      const byOrganizer = await t.http
        .post(`/api/v1/tasks/${another}/complete`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(byOrganizer.body.status).toBe('done');
      await signUp(g.volunteer, another).expect(409);
    });

    it('requires a token for my tasks', async () => {
      await t.http.get('/api/v1/me/tasks').expect(401);
      await t.http.get('/api/v1/me/tasks').set(bearer(g.member)).expect(200);
    });
  });

  describe('slots and overlaps', () => {
    it('gives three slots to exactly three of six volunteers signing up at once', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId, { volunteersNeeded: 3 });
      const six = await Promise.all(Array.from({ length: 6 }, () => volunteer()));
      const results = await Promise.all(six.map((v) => signUp(v, taskId)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body.code).toBe('TASK_FULL');
      }
      expect(await assignedCount(taskId)).toBe(3);
      const winners = results
        .filter((r) => r.status === 201)
        .map((r) => r.body.userId)
        .sort();
      expect((await assignees(taskId)).sort()).toEqual(winners);
      const reminders = await t.db.query(
        `SELECT 1 FROM mail_outbox WHERE kind = 'task_reminder' AND data->>'taskId' = $1`,
        [taskId],
      );
      expect(reminders).toHaveLength(3);
    });

    it('keeps exactly one of two overlapping tasks assigned to one volunteer at once', async () => {
      const boards = await createTask(t.http, g.organizer, eventId, {
        title: 'Hang boards',
        startsAt: T('06:00'),
        endsAt: T('09:00'),
      });
      const leds = await createTask(t.http, g.organizer, eventId, {
        title: 'Place LED sticks',
        startsAt: T('08:00'),
        endsAt: T('12:00'),
      });
      const results = await Promise.all([
        assign(g.organizer, boards, g.volunteer.id),
        assign(g.organizer, leds, g.volunteer.id),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const lost = results.find((r) => r.status === 409)!;
      expect(lost.body.code).toBe('OVERLAPS_TASK');
      const rows = await t.db.query<{ task_id: string }[]>(
        'SELECT task_id FROM task_assignments WHERE user_id = $1',
        [g.volunteer.id],
      );
      expect(rows).toHaveLength(1);
      expect(lost.body.taskId).toBe(rows[0].task_id);
      expect((await assignedCount(boards)) + (await assignedCount(leds))).toBe(1);
    });

    it('refuses a duplicate sign-up sent twice at once', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId, { volunteersNeeded: 5 });
      const results = await Promise.all([signUp(g.volunteer, taskId), signUp(g.volunteer, taskId)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('ALREADY_ASSIGNED');
      expect(await assignedCount(taskId)).toBe(1);
    });

    it('has the database refuse an overlapping assignment inserted directly', async () => {
      const a = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('06:00'),
        endsAt: T('09:00'),
      });
      const b = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('08:59'),
        endsAt: T('10:00'),
      });
      await signUp(g.volunteer, a).expect(201);
      await expect(
        t.db.query(
          `INSERT INTO task_assignments (task_id, user_id, during)
           VALUES ($1, $2, tstzrange($3, $4, '[)'))`,
          [b, g.volunteer.id, T('08:59'), T('10:00')],
        ),
      ).rejects.toMatchObject({ driverError: { code: '23P01' } });
      await expect(
        t.db.query(
          'UPDATE volunteer_tasks SET assigned_count = volunteers_needed + 1 WHERE id = $1',
          [a],
        ),
      ).rejects.toMatchObject({ driverError: { code: '23514' } });
    });

    it('answers ALREADY_ASSIGNED, OVERLAPS_TASK naming the other task, and TASK_FULL', async () => {
      const boards = await createTask(t.http, g.organizer, eventId, {
        title: 'Hang boards',
        volunteersNeeded: 1,
      });
      const airport = await createTask(t.http, g.organizer, eventId, {
        title: 'Welcome guests at the airport',
        startsAt: T('07:00'),
        endsAt: T('08:00'),
      });
      await signUp(g.volunteer, boards).expect(201);

      const dup = await assign(g.organizer, boards, g.volunteer.id).expect(409);
      expect(dup.body).toMatchObject({ statusCode: 409, code: 'ALREADY_ASSIGNED' });

      const overlap = await signUp(g.volunteer, airport).expect(409);
      expect(overlap.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        code: 'OVERLAPS_TASK',
        taskId: boards,
        title: 'Hang boards',
      });
      expect(overlap.body.message).toContain('Hang boards');

      const full = await signUp(await volunteer(), boards).expect(409);
      expect(full.body.code).toBe('TASK_FULL');
      expect(await assignedCount(boards)).toBe(1);
      expect(await assignedCount(airport)).toBe(0);
    });

    it('lets back-to-back tasks share their boundary', async () => {
      const first = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('06:00'),
        endsAt: T('09:00'),
      });
      const next = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('09:00'),
        endsAt: T('10:00'),
      });
      await signUp(g.volunteer, first).expect(201);
      await signUp(g.volunteer, next).expect(201);
    });
  });

  describe('updating', () => {
    it('refuses to lower volunteersNeeded below the assignees', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId, { volunteersNeeded: 3 });
      await signUp(g.volunteer, taskId).expect(201);
      await signUp(await volunteer(), taskId).expect(201);
      const res = await t.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(g.organizer))
        .send({ volunteersNeeded: 1 })
        .expect(409);
      expect(res.body.code).toBe('SLOTS_BELOW_ASSIGNED');
      const ok = await t.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(g.organizer))
        .send({ volunteersNeeded: 2 })
        .expect(200);
      expect(ok.body).toMatchObject({ volunteersNeeded: 2, assignedCount: 2 });
      expect(ok.body.assignees).toHaveLength(2);
    });

    it('refuses a reschedule that makes an assignee overlap another task, changing nothing', async () => {
      const boards = await createTask(t.http, g.organizer, eventId, {
        title: 'Hang boards',
        startsAt: T('06:00'),
        endsAt: T('09:00'),
      });
      const room = await createTask(t.http, g.organizer, eventId, {
        title: 'Decorate the dressing room',
        startsAt: T('10:00'),
        endsAt: T('11:00'),
      });
      await signUp(g.volunteer, boards).expect(201);
      await signUp(g.volunteer, room).expect(201);
      const res = await t.http
        .patch(`/api/v1/tasks/${room}`)
        .set(bearer(g.organizer))
        .send({ startsAt: T('08:00') })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'OVERLAPS_TASK',
        taskId: boards,
        userId: g.volunteer.id,
      });
      const [row] = await t.db.query<{ starts_at: Date }[]>(
        'SELECT starts_at FROM volunteer_tasks WHERE id = $1',
        [room],
      );
      expect(row.starts_at.toISOString()).toBe(T('10:00'));
      expect(await outbox(g.volunteer.id, 'task_rescheduled')).toHaveLength(0);
    });

    it('moves the assignment range with the task, so overlaps follow the new time', async () => {
      const boards = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('06:00'),
        endsAt: T('09:00'),
      });
      const leds = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('12:00'),
        endsAt: T('13:00'),
      });
      await signUp(g.volunteer, boards).expect(201);
      await t.http
        .patch(`/api/v1/tasks/${boards}`)
        .set(bearer(g.organizer))
        .send({ startsAt: T('11:00'), endsAt: T('12:30') })
        .expect(200);
      const res = await signUp(g.volunteer, leds).expect(409);
      expect(res.body).toMatchObject({ code: 'OVERLAPS_TASK', taskId: boards });
      const [range] = await t.db.query<{ lower: Date; upper: Date }[]>(
        'SELECT lower(during), upper(during) FROM task_assignments WHERE task_id = $1',
        [boards],
      );
      expect(range.lower.toISOString()).toBe(T('11:00'));
      expect(range.upper.toISOString()).toBe(T('12:30'));
    });
  });

  describe('e-mails', () => {
    it('queues the assignment e-mail with the task for its .ics, in the volunteer language', async () => {
      const asel = await volunteer('kk');
      const taskId = await createTask(t.http, g.organizer, eventId, {
        title: 'Decorate the dressing room',
        location: 'Backstage',
        startsAt: T('10:00'),
        endsAt: T('11:30'),
      });
      await assign(g.organizer, taskId, asel.id).expect(201);
      const [mail] = await outbox(asel.id, 'task_assigned');
      expect(mail).toMatchObject({
        kind: 'task_assigned',
        language: 'kk',
        // Due at once, so the in-process worker may already have it.
        status: expect.stringMatching(/^(pending|queued|sending|sent)$/),
        data: {
          taskId,
          title: 'Decorate the dressing room',
          location: 'Backstage',
          startsAt: T('10:00'),
          endsAt: T('11:30'),
          eventId,
          eventTitle: 'World Fan Groups PreParty',
          venue: 'Astana Arena',
          timezone: 'Asia/Almaty',
        },
      });
    });

    it('queues one reminder due the lead time before the start', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('06:00'),
        endsAt: T('09:00'),
      });
      const timur = await volunteer('ru');
      await signUp(timur, taskId).expect(201);
      const reminders = await outbox(timur.id, 'task_reminder');
      expect(reminders).toHaveLength(1);
      expect(reminders[0]).toMatchObject({
        language: 'ru',
        status: 'pending',
        dedupe_key: `task-reminder:${taskId}:${timur.id}`,
        data: { taskId, startsAt: T('06:00') },
      });
      expect(reminders[0].due_at.getTime()).toBe(new Date(T('06:00')).getTime() - LEAD_MS);
    });

    it('makes the reminder due at once when the task starts within the lead time', async () => {
      const soon = new Date(Date.now() + 3600_000);
      soon.setUTCMilliseconds(0);
      const taskId = await createTask(t.http, g.organizer, eventId, {
        startsAt: soon.toISOString(),
        endsAt: new Date(soon.getTime() + 3600_000).toISOString(),
      });
      const before = Date.now();
      await signUp(g.volunteer, taskId).expect(201);
      const after = Date.now();
      const [reminder] = await outbox(g.volunteer.id, 'task_reminder');
      // Due "now": not at startsAt − lead (a day ago) and not in the future.
      expect(reminder.due_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(reminder.due_at.getTime()).toBeLessThanOrEqual(after + 1000);
    });

    it('moves the pending reminder and tells assignees when the task is rescheduled', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('06:00'),
        endsAt: T('09:00'),
      });
      const asel = await volunteer('kk');
      await signUp(asel, taskId).expect(201);
      await signUp(g.volunteer, taskId).expect(201);
      await t.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(g.organizer))
        .send({ startsAt: T('07:00', '2030-06-25'), endsAt: T('10:00', '2030-06-25') })
        .expect(200);
      for (const user of [asel, g.volunteer]) {
        const reminders = await outbox(user.id, 'task_reminder');
        expect(reminders).toHaveLength(1);
        expect(reminders[0].due_at.getTime()).toBe(
          new Date(T('07:00', '2030-06-25')).getTime() - LEAD_MS,
        );
        expect(reminders[0].data).toMatchObject({ startsAt: T('07:00', '2030-06-25') });
        const [moved] = await outbox(user.id, 'task_rescheduled');
        expect(moved.data).toMatchObject({
          taskId,
          startsAt: T('07:00', '2030-06-25'),
          previousStartsAt: T('06:00'),
        });
      }
      expect((await outbox(asel.id, 'task_rescheduled'))[0].language).toBe('kk');

      // A change that keeps the time sends no e-mail.
      await t.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(g.organizer))
        .send({ title: 'Hang the boards', startsAt: T('07:00', '2030-06-25') })
        .expect(200);
      expect(await outbox(asel.id, 'task_rescheduled')).toHaveLength(1);
    });

    it('withdraws the reminder and tells the volunteer when removed', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId);
      const asel = await volunteer('kk');
      await signUp(asel, taskId).expect(201);
      await t.http
        .delete(`/api/v1/tasks/${taskId}/assignments/${asel.id}`)
        .set(bearer(g.organizer))
        .expect(204);
      expect(await outbox(asel.id, 'task_reminder')).toHaveLength(0);
      const [removed] = await outbox(asel.id, 'task_unassigned');
      expect(removed).toMatchObject({ language: 'kk', data: { taskId } });

      // Signing up again brings exactly one reminder back.
      await signUp(asel, taskId).expect(201);
      expect(await outbox(asel.id, 'task_reminder')).toHaveLength(1);
    });

    it('does not move or duplicate a reminder that has already gone out', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId);
      await signUp(g.volunteer, taskId).expect(201);
      await t.db.query(
        `UPDATE mail_outbox SET status = 'sent', sent_at = now() WHERE kind = 'task_reminder'`,
      );
      await t.http
        .patch(`/api/v1/tasks/${taskId}`)
        .set(bearer(g.organizer))
        .send({ startsAt: T('05:00') })
        .expect(200);
      const [reminder] = await outbox(g.volunteer.id, 'task_reminder');
      expect(reminder.due_at.getTime()).toBe(new Date(T('06:00')).getTime() - LEAD_MS);
      await t.http
        .delete(`/api/v1/tasks/${taskId}/assignments/${g.volunteer.id}`)
        .set(bearer(g.volunteer))
        .expect(204);
      await signUp(g.volunteer, taskId).expect(201);
      expect(await outbox(g.volunteer.id, 'task_reminder')).toHaveLength(1);
    });

    it('withdraws pending reminders when the task is done', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId);
      await signUp(g.volunteer, taskId).expect(201);
      await t.http.post(`/api/v1/tasks/${taskId}/complete`).set(bearer(g.organizer)).expect(200);
      expect(await outbox(g.volunteer.id, 'task_reminder')).toHaveLength(0);
    });
  });

  describe('cancelled events', () => {
    it('cancels open tasks, frees the volunteers and refuses further changes', async () => {
      const taskId = await createTask(t.http, g.organizer, eventId);
      await signUp(g.volunteer, taskId).expect(201);
      await t.http.post(`/api/v1/events/${eventId}/cancel`).set(bearer(g.organizer)).expect(200);

      const [row] = await t.db.query<{ status: string }[]>(
        'SELECT status FROM volunteer_tasks WHERE id = $1',
        [taskId],
      );
      expect(row.status).toBe('cancelled');
      expect(await outbox(g.volunteer.id, 'task_reminder')).toHaveLength(0);

      const refused = [
        await t.http.patch(`/api/v1/tasks/${taskId}`).set(bearer(g.organizer)).send({ title: 'x' }),
        await signUp(await volunteer(), taskId),
        await t.http
          .delete(`/api/v1/tasks/${taskId}/assignments/${g.volunteer.id}`)
          .set(bearer(g.volunteer)),
        await t.http.post(`/api/v1/tasks/${taskId}/complete`).set(bearer(g.organizer)),
        await t.http
          .post(`/api/v1/events/${eventId}/tasks`)
          .set(bearer(g.organizer))
          .send({ title: 'x', startsAt: T('20:00'), endsAt: T('21:00'), volunteersNeeded: 1 }),
      ];
      for (const res of refused) {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('EVENT_CANCELLED');
      }

      // The same hours at another event are free again.
      const otherEvent = await createEvent(t.http, g.organizer, g.id, { title: 'Fan walk' });
      const elsewhere = await createTask(t.http, g.organizer, otherEvent);
      await signUp(g.volunteer, elsewhere).expect(201);
    });
  });

  describe('my tasks', () => {
    it('lists my tasks across groups by start, with their events, filtered by from', async () => {
      const other = await createGroup(t.http, 'Dears Japan');
      await setRole(t.http, other.organizer, other.id, g.volunteer.id, 'volunteer');
      const otherEvent = await createEvent(t.http, other.organizer, other.id, {
        title: 'Tokyo meetup',
      });
      const late = await createTask(t.http, g.organizer, eventId, {
        title: 'Decorate the dressing room',
        startsAt: T('10:00'),
        endsAt: T('11:00'),
      });
      const early = await createTask(t.http, other.organizer, otherEvent, {
        title: 'Airport welcome',
        startsAt: T('02:00'),
        endsAt: T('03:00'),
      });
      const notMine = await createTask(t.http, g.organizer, eventId, {
        startsAt: T('04:00'),
        endsAt: T('05:00'),
      });
      await signUp(g.volunteer, late).expect(201);
      await signUp(g.volunteer, early).expect(201);
      await signUp(g.organizer, notMine).expect(201);

      const res = await t.http.get('/api/v1/me/tasks').set(bearer(g.volunteer)).expect(200);
      expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([early, late]);
      expect(res.body.items[0]).toMatchObject({
        title: 'Airport welcome',
        status: 'open',
        event: {
          id: otherEvent,
          title: 'Tokyo meetup',
          venue: 'Astana Arena',
          timezone: 'Asia/Almaty',
        },
      });
      expect(res.body.items[1].event.id).toBe(eventId);

      const from = await t.http
        .get(`/api/v1/me/tasks?from=${encodeURIComponent(T('05:00'))}`)
        .set(bearer(g.volunteer))
        .expect(200);
      expect(from.body.items.map((i: { id: string }) => i.id)).toEqual([late]);
      expect(from.body.total).toBe(1);

      const paged = await t.http
        .get('/api/v1/me/tasks?limit=1&offset=1')
        .set(bearer(g.volunteer))
        .expect(200);
      expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(paged.body.items.map((i: { id: string }) => i.id)).toEqual([late]);

      const none = await t.http.get('/api/v1/me/tasks').set(bearer(g.member)).expect(200);
      expect(none.body).toMatchObject({ items: [], total: 0 });
    });
  });

  it('documents every task route in the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    for (const path of [
      '/api/v1/events/{eventId}/tasks',
      '/api/v1/tasks/{taskId}',
      '/api/v1/tasks/{taskId}/assignments',
      '/api/v1/tasks/{taskId}/sign-up',
      '/api/v1/tasks/{taskId}/assignments/{userId}',
      '/api/v1/tasks/{taskId}/complete',
      '/api/v1/me/tasks',
    ]) {
      expect(res.body.paths[path]).toBeDefined();
    }
  });
});
