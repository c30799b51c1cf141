import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, setRole, signup, type TestGroup } from './factories/index.js';
import { createEvent, type Json, register } from './utils/events.js';
import {
  accommodationBody,
  createRequest,
  helpCast,
  patch,
  ticketBody,
} from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

/** The routes the organizer, volunteer and scanner pages read (WEB.md, issue 11). */
describe('management routes', () => {
  let t: TestApp;
  let g: TestGroup;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    g = await createGroup(t.http);
  });

  describe('GET /fan-groups/by-slug/:slug', () => {
    it('answers the same body as by id, to anyone', async () => {
      const byId = await t.http.get(`/api/v1/fan-groups/${g.id}`).expect(200);
      expect(byId.body.slug).toBe('dimash-dostar');
      const bySlug = await t.http.get('/api/v1/fan-groups/by-slug/dimash-dostar').expect(200);
      expect(bySlug.body).toEqual(byId.body);
      expect(bySlug.body.memberCount).toBe(3);
    });

    it('finds a slug in any script', async () => {
      const res = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(g.organizer))
        .send({ name: 'Алматы фан-клуб' })
        .expect(201);
      const found = await t.http
        .get(`/api/v1/fan-groups/by-slug/${encodeURIComponent('алматы-фан-клуб')}`)
        .expect(200);
      expect(found.body.id).toBe(res.body.id);
    });

    it('is 404 for an unknown slug', async () => {
      const res = await t.http.get('/api/v1/fan-groups/by-slug/nobody-here').expect(404);
      expect(res.body.message).toBe('Fan group not found');
    });
  });

  describe('GET /me/groups', () => {
    it("lists the caller's groups with their role, organizer first", async () => {
      const other = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(g.member))
        .send({ name: 'Aiko Japan' })
        .expect(201);
      const third = await t.http
        .post('/api/v1/fan-groups')
        .set(bearer(g.organizer))
        .send({ name: 'Berlin Dears' })
        .expect(201);
      await t.http.post(`/api/v1/fan-groups/${third.body.id}/join`).set(bearer(g.member));
      const res = await t.http.get('/api/v1/me/groups').set(bearer(g.member)).expect(200);
      expect(res.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(res.body.items.map((i: Json) => [i.group.name, i.role])).toEqual([
        ['Aiko Japan', 'organizer'],
        ['Berlin Dears', 'member'],
        ['Dimash&Dostar', 'member'],
      ]);
      expect(res.body.items[2].group).toMatchObject({
        id: g.id,
        slug: 'dimash-dostar',
        memberCount: 3,
        city: 'Astana',
      });
      expect(res.body.items[0].group.id).toBe(other.body.id);
    });

    it('filters by role and pages', async () => {
      const res = await t.http
        .get('/api/v1/me/groups?role=volunteer&limit=1')
        .set(bearer(g.volunteer))
        .expect(200);
      expect(res.body).toMatchObject({ total: 1, limit: 1 });
      expect(res.body.items[0]).toMatchObject({ group: { id: g.id }, role: 'volunteer' });
      const none = await t.http
        .get('/api/v1/me/groups?role=organizer')
        .set(bearer(g.volunteer))
        .expect(200);
      expect(none.body).toMatchObject({ items: [], total: 0 });
    });

    it('is empty for a user in no group, 401 anonymously, 400 for a bad role', async () => {
      const loner = await signup(t.http);
      const res = await t.http.get('/api/v1/me/groups').set(bearer(loner)).expect(200);
      expect(res.body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
      await t.http.get('/api/v1/me/groups').expect(401);
      await t.http.get('/api/v1/me/groups?role=king').set(bearer(loner)).expect(400);
    });
  });

  describe('GET /fan-groups/:groupId/members?minRole=&search=', () => {
    it('narrows the members to the staff and searches names in any script', async () => {
      const url = `/api/v1/fan-groups/${g.id}/members`;
      const staff = await t.http.get(`${url}?minRole=volunteer`).set(bearer(g.member)).expect(200);
      expect(staff.body.total).toBe(2);
      expect(staff.body.items.map((m: Json) => [m.displayName, m.role])).toEqual([
        ['Айгерим', 'organizer'],
        ['Volunteer', 'volunteer'],
      ]);
      const organizers = await t.http
        .get(`${url}?minRole=organizer`)
        .set(bearer(g.member))
        .expect(200);
      expect(organizers.body).toMatchObject({ total: 1, items: [{ userId: g.organizer.id }] });
      const found = await t.http
        .get(`${url}?search=${encodeURIComponent('айгер')}`)
        .set(bearer(g.member))
        .expect(200);
      expect(found.body).toMatchObject({ total: 1, items: [{ userId: g.organizer.id }] });
      const literal = await t.http.get(`${url}?search=%25`).set(bearer(g.member)).expect(200);
      expect(literal.body.total).toBe(0);
      await t.http.get(`${url}?minRole=admin`).set(bearer(g.member)).expect(400);
      const stranger = await signup(t.http);
      await t.http.get(`${url}?minRole=volunteer`).set(bearer(stranger)).expect(403);
    });
  });

  describe('GET /fan-groups/:groupId/events', () => {
    it('shows everyone the published events with live counts', async () => {
      const late = await createEvent(t.http, g.organizer, g.id, {
        title: 'Concert night',
        startsAt: '2026-06-27T13:00:00.000Z',
        endsAt: '2026-06-27T17:00:00.000Z',
      });
      const party = await createEvent(t.http, g.organizer, g.id, { capacity: 2 });
      await createEvent(t.http, g.organizer, g.id, { title: 'Secret draft' }, false);
      const [a, b, c] = await Promise.all([signup(t.http), signup(t.http), signup(t.http)]);
      const ra = await register(t.http, a, party.id).expect(201);
      await register(t.http, b, party.id).expect(201);
      await register(t.http, c, party.id).expect(201);
      await t.http
        .post(`/api/v1/events/${party.id}/check-ins`)
        .set(bearer(g.volunteer))
        .send({ code: ra.body.checkInCode })
        .expect(200);

      for (const who of [undefined, g.member, g.volunteer]) {
        const req = t.http.get(`/api/v1/fan-groups/${g.id}/events`);
        const res = await (who ? req.set(bearer(who)) : req).expect(200);
        expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
        expect(res.body.items.map((e: Json) => e.id)).toEqual([party.id, late.id]);
        expect(res.body.items[0]).toMatchObject({
          status: 'published',
          capacity: 2,
          confirmedCount: 2,
          waitlistCount: 1,
          checkedInCount: 1,
        });
        expect(res.body.items[1]).toMatchObject({
          confirmedCount: 0,
          waitlistCount: 0,
          checkedInCount: 0,
        });
      }
    });

    it("gives the group's organizers drafts first, then the rest by start, cancelled included", async () => {
      const published = await createEvent(t.http, g.organizer, g.id);
      const draft = await createEvent(
        t.http,
        g.organizer,
        g.id,
        { title: 'Later draft', startsAt: '2026-07-01T13:00:00.000Z', endsAt: null },
        false,
      );
      const cancelled = await createEvent(t.http, g.organizer, g.id, {
        startsAt: '2026-06-20T13:00:00.000Z',
        endsAt: null,
      });
      await t.http
        .post(`/api/v1/events/${cancelled.id}/cancel`)
        .set(bearer(g.organizer))
        .expect(200);
      const res = await t.http
        .get(`/api/v1/fan-groups/${g.id}/events`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(res.body.items.map((e: Json) => [e.id, e.status])).toEqual([
        [draft.id, 'draft'],
        [cancelled.id, 'cancelled'],
        [published.id, 'published'],
      ]);
      const drafts = await t.http
        .get(`/api/v1/fan-groups/${g.id}/events?status=draft`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(drafts.body).toMatchObject({ total: 1, items: [{ id: draft.id }] });
      // Another group's organizer is just the public here.
      const other = await createGroup(t.http, 'Other group');
      const foreign = await t.http
        .get(`/api/v1/fan-groups/${g.id}/events?status=draft`)
        .set(bearer(other.organizer))
        .expect(200);
      expect(foreign.body).toMatchObject({ total: 0, items: [] });
    });

    it('filters by start and pages', async () => {
      const first = await createEvent(t.http, g.organizer, g.id);
      const second = await createEvent(t.http, g.organizer, g.id, {
        startsAt: '2026-06-28T13:00:00.000Z',
        endsAt: null,
      });
      const from = await t.http
        .get(`/api/v1/fan-groups/${g.id}/events?from=2026-06-27T00:00:00Z`)
        .expect(200);
      expect(from.body.items.map((e: Json) => e.id)).toEqual([second.id]);
      const to = await t.http
        .get(`/api/v1/fan-groups/${g.id}/events?to=2026-06-27T00:00:00Z`)
        .expect(200);
      expect(to.body.items.map((e: Json) => e.id)).toEqual([first.id]);
      const paged = await t.http
        .get(`/api/v1/fan-groups/${g.id}/events?limit=1&offset=1`)
        .expect(200);
      expect(paged.body).toMatchObject({
        total: 2,
        limit: 1,
        offset: 1,
        items: [{ id: second.id }],
      });
    });

    it('is 404 for an unknown group and 400 for a malformed id or filter', async () => {
      await t.http
        .get('/api/v1/fan-groups/00000000-0000-4000-8000-000000000000/events')
        .expect(404);
      await t.http.get('/api/v1/fan-groups/nope/events').expect(400);
      await t.http.get(`/api/v1/fan-groups/${g.id}/events?status=open`).expect(400);
      await t.http.get(`/api/v1/fan-groups/${g.id}/events?from=yesterday`).expect(400);
    });
  });

  describe('check-in by hand and the door counter', () => {
    it('checks a registration in from the table with the same answers as a scan', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const [a, b] = await Promise.all([
        signup(t.http, { displayName: 'さくら', country: 'JP', language: 'en' }),
        signup(t.http),
      ]);
      const ra = await register(t.http, a, event.id, { language: 'ru' }).expect(201);
      const rb = await register(t.http, b, event.id).expect(201);
      const url = `/api/v1/registrations/${ra.body.id}/check-in`;
      const ok = await t.http.post(url).set(bearer(g.volunteer)).expect(200);
      expect(ok.body).toEqual({
        registrationId: ra.body.id,
        checkedInAt: expect.any(String),
        attendee: { displayName: 'さくら', country: 'JP', language: 'ru' },
      });
      // A scan of the same code afterwards, or a second click: amber, with the first time.
      const scan = await t.http
        .post(`/api/v1/events/${event.id}/check-ins`)
        .set(bearer(g.organizer))
        .send({ code: ra.body.checkInCode })
        .expect(409);
      expect(scan.body).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        checkedInAt: ok.body.checkedInAt,
      });
      const again = await t.http.post(url).set(bearer(g.organizer)).expect(409);
      expect(again.body).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        checkedInAt: ok.body.checkedInAt,
        attendee: ok.body.attendee,
      });
      const waitlisted = await t.http
        .post(`/api/v1/registrations/${rb.body.id}/check-in`)
        .set(bearer(g.organizer))
        .expect(409);
      expect(waitlisted.body.code).toBe('NOT_CONFIRMED');
      const [row] = await t.db.query('SELECT checked_in_at FROM registrations WHERE id = $1', [
        rb.body.id,
      ]);
      expect(row.checked_in_at).toBeNull();
    });

    it('answers 401 / 403 / 404 by who asks, and 400 to a malformed id or any body', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
      const other = await createGroup(t.http, 'Other group');
      const [a, stranger] = await Promise.all([signup(t.http), signup(t.http)]);
      const ra = await register(t.http, a, event.id).expect(201);
      const url = `/api/v1/registrations/${ra.body.id}/check-in`;
      await t.http.post(url).expect(401);
      // The owner knows the registration: 403. Everyone else outside the staff: 404.
      await t.http.post(url).set(bearer(a)).expect(403);
      await t.http.post(url).set(bearer(g.member)).expect(404);
      await t.http.post(url).set(bearer(stranger)).expect(404);
      await t.http.post(url).set(bearer(other.organizer)).expect(404);
      await t.http
        .post('/api/v1/registrations/00000000-0000-4000-8000-000000000000/check-in')
        .set(bearer(g.organizer))
        .expect(404);
      await t.http.post('/api/v1/registrations/nope/check-in').set(bearer(g.organizer)).expect(400);
      await t.http.post(url).set(bearer(g.organizer)).send({ checkedInAt: null }).expect(400);
      const [row] = await t.db.query('SELECT checked_in_at FROM registrations WHERE id = $1', [
        ra.body.id,
      ]);
      expect(row.checked_in_at).toBeNull();
      // A cancelled event checks nobody in.
      await t.http.post(`/api/v1/events/${event.id}/cancel`).set(bearer(g.organizer)).expect(200);
      const closed = await t.http.post(url).set(bearer(g.organizer)).expect(409);
      expect(closed.body.code).toBe('EVENT_NOT_OPEN');
    });

    it.each(['deleted', 'revoked by a password reset'])(
      'refuses a token whose account is %s on both check-in routes',
      async (why) => {
        const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
        const a = await signup(t.http);
        const ra = await register(t.http, a, event.id).expect(201);
        if (why === 'deleted') {
          await t.http.delete('/api/v1/me').set(bearer(g.volunteer)).expect(204);
        } else {
          // What a password reset does to the account's older tokens.
          await t.db.query('UPDATE users SET session_version = session_version + 1 WHERE id = $1', [
            g.volunteer.id,
          ]);
        }
        await t.http
          .post(`/api/v1/events/${event.id}/check-ins`)
          .set(bearer(g.volunteer))
          .send({ code: ra.body.checkInCode })
          .expect(401);
        await t.http
          .post(`/api/v1/registrations/${ra.body.id}/check-in`)
          .set(bearer(g.volunteer))
          .expect(401);
        const [row] = await t.db.query('SELECT checked_in_at FROM registrations WHERE id = $1', [
          ra.body.id,
        ]);
        expect(row.checked_in_at).toBeNull();
      },
    );

    it('admits concurrent hand check-ins and scans of one registration exactly once', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const a = await signup(t.http);
      const ra = await register(t.http, a, event.id).expect(201);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 2
            ? t.http.post(`/api/v1/registrations/${ra.body.id}/check-in`).set(bearer(g.organizer))
            : t.http
                .post(`/api/v1/events/${event.id}/check-ins`)
                .set(bearer(g.volunteer))
                .send({ code: ra.body.checkInCode }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      const first = results.find((r) => r.status === 200)!.body.checkedInAt;
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body.checkedInAt).toBe(first);
      }
    });

    it('counts confirmed and checked in for the staff only', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 2 });
      const fans = await Promise.all([signup(t.http), signup(t.http), signup(t.http)]);
      const regs = [];
      for (const f of fans) regs.push(await register(t.http, f, event.id).expect(201));
      await t.http
        .post(`/api/v1/registrations/${regs[0].body.id}/check-in`)
        .set(bearer(g.organizer))
        .expect(200);
      const url = `/api/v1/events/${event.id}/check-ins/summary`;
      for (const who of [g.organizer, g.volunteer]) {
        const res = await t.http.get(url).set(bearer(who)).expect(200);
        expect(res.body).toEqual({ confirmed: 2, checkedIn: 1 });
      }
      await t.http.get(url).expect(401);
      await t.http.get(url).set(bearer(g.member)).expect(403);
      await t.http.get(url).set(bearer(fans[0])).expect(403);
      const draft = await createEvent(t.http, g.organizer, g.id, {}, false);
      const other = await createGroup(t.http, 'Other group');
      await t.http
        .get(`/api/v1/events/${draft.id}/check-ins/summary`)
        .set(bearer(other.organizer))
        .expect(404);
    });
  });

  describe('volunteers: open tasks and the assignment picker', () => {
    const FUTURE = { startsAt: '2027-06-26T13:00:00.000Z', endsAt: '2027-06-26T17:00:00.000Z' };
    const at = (hour: number, hours = 1) => ({
      startsAt: `2027-06-26T${String(hour).padStart(2, '0')}:00:00.000Z`,
      endsAt: `2027-06-26T${String(hour + hours).padStart(2, '0')}:00:00.000Z`,
    });
    const createTask = async (eventId: string, title: string, time: object, needed = 2) =>
      (
        await t.http
          .post(`/api/v1/events/${eventId}/tasks`)
          .set(bearer(g.organizer))
          .send({ title, volunteersNeeded: needed, ...time })
          .expect(201)
      ).body;
    const assign = (taskId: string, userId: string) =>
      t.http.post(`/api/v1/tasks/${taskId}/assignments`).set(bearer(g.organizer)).send({ userId });

    it('lists tasks with free slots in my groups, flags those that clash with mine', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, FUTURE);
      const boards = await createTask(event.id, 'Hang boards', at(8));
      const sticks = await createTask(event.id, 'LED sticks on seats', at(8, 2));
      const dressing = await createTask(event.id, 'Decorate the dressing room', at(11));
      const full = await createTask(event.id, 'Welcome desk', at(12), 1);
      await createTask(event.id, 'Already over', {
        startsAt: '2026-01-01T08:00:00.000Z',
        endsAt: '2026-01-01T09:00:00.000Z',
      });
      const draft = await createEvent(t.http, g.organizer, g.id, FUTURE, false);
      await createTask(draft.id, 'Draft task', at(14));
      const other = await createGroup(t.http, 'Other group');
      const foreign = await createEvent(t.http, other.organizer, other.id, FUTURE);
      await t.http
        .post(`/api/v1/events/${foreign.id}/tasks`)
        .set(bearer(other.organizer))
        .send({ title: 'Not my group', volunteersNeeded: 2, ...at(15) })
        .expect(201);
      await assign(boards.id, g.volunteer.id).expect(201);
      await assign(full.id, g.organizer.id).expect(201);

      const res = await t.http.get('/api/v1/me/open-tasks').set(bearer(g.volunteer)).expect(200);
      expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(res.body.items.map((i: Json) => [i.title, i.clashesWith?.title ?? null])).toEqual([
        ['LED sticks on seats', 'Hang boards'],
        ['Decorate the dressing room', null],
      ]);
      expect(res.body.items[0]).toMatchObject({
        id: sticks.id,
        volunteersNeeded: 2,
        assignedCount: 0,
        status: 'open',
        event: { id: event.id, title: event.title, timezone: 'Asia/Almaty' },
        clashesWith: {
          taskId: boards.id,
          title: 'Hang boards',
          startsAt: '2027-06-26T08:00:00.000Z',
          endsAt: '2027-06-26T09:00:00.000Z',
        },
      });
      const hidden = await t.http
        .get('/api/v1/me/open-tasks?hideClashing=true')
        .set(bearer(g.volunteer))
        .expect(200);
      expect(hidden.body).toMatchObject({ total: 1, items: [{ id: dressing.id }] });
      // Signing up for the flagged one is the 409 the flag predicted.
      const clash = await t.http
        .post(`/api/v1/tasks/${sticks.id}/sign-up`)
        .set(bearer(g.volunteer))
        .expect(409);
      expect(clash.body).toMatchObject({ code: 'OVERLAPS_TASK', taskId: boards.id });
      // A taken slot leaves the list.
      await t.http
        .post(`/api/v1/tasks/${dressing.id}/sign-up`)
        .set(bearer(g.volunteer))
        .expect(201);
      const after = await t.http
        .get('/api/v1/me/open-tasks?hideClashing=true')
        .set(bearer(g.volunteer))
        .expect(200);
      expect(after.body).toMatchObject({ total: 0, items: [] });
    });

    it('shows plain members and strangers nothing, anonymous 401, bad filters 400', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, FUTURE);
      await createTask(event.id, 'Hang boards', at(8));
      for (const who of [g.member, await signup(t.http)]) {
        const res = await t.http.get('/api/v1/me/open-tasks').set(bearer(who)).expect(200);
        expect(res.body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
      }
      const organizer = await t.http
        .get('/api/v1/me/open-tasks')
        .set(bearer(g.organizer))
        .expect(200);
      expect(organizer.body.total).toBe(1);
      await t.http.get('/api/v1/me/open-tasks').expect(401);
      await t.http
        .get('/api/v1/me/open-tasks?hideClashing=yes')
        .set(bearer(g.volunteer))
        .expect(400);
      await t.http.get('/api/v1/me/open-tasks?from=soon').set(bearer(g.volunteer)).expect(400);
    });

    it('gives organizers every volunteer and organizer with available / assigned / clash', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, FUTURE);
      const boards = await createTask(event.id, 'Hang boards', at(8));
      const sticks = await createTask(event.id, 'LED sticks on seats', at(8, 2), 3);
      const [asel, bolat] = await Promise.all([
        signup(t.http, { displayName: 'Asel', country: 'KZ' }),
        signup(t.http, { displayName: 'Bolat', country: 'DE' }),
      ]);
      await setRole(t.http, g.organizer, g.id, asel.id, 'volunteer');
      await setRole(t.http, g.organizer, g.id, bolat.id, 'volunteer');
      await assign(boards.id, asel.id).expect(201);
      await assign(sticks.id, bolat.id).expect(201);

      const res = await t.http
        .get(`/api/v1/tasks/${sticks.id}/candidates`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(res.body).toMatchObject({ total: 4, limit: 20, offset: 0 });
      expect(res.body.items.map((c: Json) => [c.displayName, c.role, c.state])).toEqual([
        ['Volunteer', 'volunteer', 'available'],
        ['Айгерим', 'organizer', 'available'],
        ['Asel', 'volunteer', 'clash'],
        ['Bolat', 'volunteer', 'assigned'],
      ]);
      expect(res.body.items[2]).toEqual({
        userId: asel.id,
        displayName: 'Asel',
        country: 'KZ',
        role: 'volunteer',
        state: 'clash',
        clashesWith: {
          taskId: boards.id,
          title: 'Hang boards',
          startsAt: '2027-06-26T08:00:00.000Z',
          endsAt: '2027-06-26T09:00:00.000Z',
        },
      });
      expect(res.body.items[0].clashesWith).toBeNull();
      expect(res.body.items[3].clashesWith).toBeNull();
      // The picker predicts the assignment's answers.
      expect((await assign(sticks.id, asel.id).expect(409)).body.code).toBe('OVERLAPS_TASK');
      expect((await assign(sticks.id, bolat.id).expect(409)).body.code).toBe('ALREADY_ASSIGNED');
      await assign(sticks.id, g.volunteer.id).expect(201);
      const paged = await t.http
        .get(`/api/v1/tasks/${sticks.id}/candidates?limit=2&offset=2`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(paged.body.total).toBe(4);
      expect(paged.body.items.map((c: Json) => c.state)).toEqual(['assigned', 'assigned']);
    });

    it('keeps the picker to organizers: 401 / 403 / 404 / 400', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, FUTURE);
      const task = await createTask(event.id, 'Hang boards', at(8));
      const draft = await createEvent(t.http, g.organizer, g.id, FUTURE, false);
      const draftTask = await createTask(draft.id, 'Draft task', at(8));
      const other = await createGroup(t.http, 'Other group');
      const url = `/api/v1/tasks/${task.id}/candidates`;
      await t.http.get(url).expect(401);
      await t.http.get(url).set(bearer(g.volunteer)).expect(403);
      await t.http.get(url).set(bearer(g.member)).expect(403);
      await t.http.get(url).set(bearer(other.organizer)).expect(403);
      await t.http
        .get(`/api/v1/tasks/${draftTask.id}/candidates`)
        .set(bearer(other.organizer))
        .expect(404);
      await t.http
        .get('/api/v1/tasks/00000000-0000-4000-8000-000000000000/candidates')
        .set(bearer(g.organizer))
        .expect(404);
      await t.http.get('/api/v1/tasks/nope/candidates').set(bearer(g.organizer)).expect(400);
      await t.http.get(`${url}?limit=0`).set(bearer(g.organizer)).expect(400);
    });
  });

  describe('help inbox: filters and the moves each caller may make', () => {
    it("filters by event and by the requester's language, and shows that language", async () => {
      const cast = await helpCast(t.http);
      const event = await createEvent(t.http, cast.organizer, cast.group.id);
      const other = await createEvent(t.http, cast.organizer, cast.group.id);
      const japanese = await signup(t.http, {
        displayName: 'さくら',
        country: 'JP',
        language: 'en',
      });
      const forEvent = await createRequest(t.http, cast, ticketBody({ eventId: event.id }));
      const forOther = await createRequest(t.http, cast, accommodationBody({ eventId: other.id }));
      const noEvent = await createRequest(t.http, cast);
      const sakura = await t.http
        .post(`/api/v1/fan-groups/${cast.group.id}/help-requests`)
        .set(bearer(japanese))
        .send(accommodationBody({ eventId: event.id }))
        .expect(201);
      const list = (q: string) =>
        t.http
          .get(`/api/v1/fan-groups/${cast.group.id}/help-requests?${q}`)
          .set(bearer(cast.organizer))
          .expect(200)
          .then((r) => r.body);

      const byEvent = await list(`eventId=${event.id}`);
      expect(byEvent.items.map((r: Json) => r.id).sort()).toEqual(
        [forEvent, sakura.body.id].sort(),
      );
      expect(byEvent.total).toBe(2);
      const ru = await list('requesterLanguage=ru');
      expect(ru.items.map((r: Json) => r.id).sort()).toEqual([forEvent, forOther, noEvent].sort());
      expect(ru.items[0].requester).toMatchObject({
        id: cast.requester.id,
        displayName: 'Ольга',
        country: 'RU',
        language: 'ru',
        spokenLanguages: [],
      });
      const en = await list(`requesterLanguage=en&eventId=${event.id}&type=accommodation`);
      expect(en).toMatchObject({ total: 1, items: [{ id: sakura.body.id }] });
      expect(en.items[0].requester.language).toBe('en');
      expect(await list('requesterLanguage=kk')).toMatchObject({ total: 0, items: [] });
      for (const bad of ['eventId=nope', 'requesterLanguage=ja', 'requesterLanguage=']) {
        await t.http
          .get(`/api/v1/fan-groups/${cast.group.id}/help-requests?${bad}`)
          .set(bearer(cast.organizer))
          .expect(400);
      }
    });

    it('offers each caller exactly the statuses the workflow lets them set', async () => {
      const cast = await helpCast(t.http);
      const id = await createRequest(t.http, cast);
      await patch(t.http, cast.organizer, id, { assigneeId: cast.assignee.id });
      const moves = async (who: typeof cast.organizer) =>
        (await t.http.get(`/api/v1/help-requests/${id}`).set(bearer(who)).expect(200)).body
          .allowedTransitions;
      const inbox = async (who: typeof cast.organizer) =>
        (
          await t.http
            .get(`/api/v1/fan-groups/${cast.group.id}/help-requests`)
            .set(bearer(who))
            .expect(200)
        ).body.items.find((r: Json) => r.id === id).allowedTransitions;
      const mine = async () =>
        (await t.http.get('/api/v1/me/help-requests').set(bearer(cast.requester)).expect(200)).body
          .items[0].allowedTransitions;

      expect(await moves(cast.organizer)).toEqual(['in_progress', 'declined']);
      expect(await inbox(cast.organizer)).toEqual(['in_progress', 'declined']);
      expect(await moves(cast.assignee)).toEqual(['in_progress']);
      expect(await inbox(cast.assignee)).toEqual(['in_progress']);
      expect(await moves(cast.requester)).toEqual(['cancelled']);
      expect(await mine()).toEqual(['cancelled']);

      const started = await patch(t.http, cast.assignee, id, { status: 'in_progress' });
      expect(started.body.allowedTransitions).toEqual(['resolved']);
      expect(await moves(cast.organizer)).toEqual(['resolved', 'declined']);
      // Every offered move is accepted: the assignee resolves.
      const done = await patch(t.http, cast.assignee, id, { status: 'resolved' });
      expect(done.body.allowedTransitions).toEqual([]);
      expect(await moves(cast.organizer)).toEqual([]);
      expect(await mine()).toEqual([]);
    });

    it('gives an organizer asking their own group both parts', async () => {
      const cast = await helpCast(t.http);
      const res = await t.http
        .post(`/api/v1/fan-groups/${cast.group.id}/help-requests`)
        .set(bearer(cast.organizer))
        .send(ticketBody())
        .expect(201);
      expect(res.body.allowedTransitions).toEqual(['in_progress', 'declined', 'cancelled']);
      const mine = await t.http
        .get('/api/v1/me/help-requests')
        .set(bearer(cast.organizer))
        .expect(200);
      expect(mine.body.items[0].allowedTransitions).toEqual([
        'in_progress',
        'declined',
        'cancelled',
      ]);
    });
  });
});
