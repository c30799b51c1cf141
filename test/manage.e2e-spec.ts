import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, setRole, signup, type TestGroup } from './factories/index.js';
import { createEvent, type Json, register } from './utils/events.js';
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

    it('refuses a deleted account on both check-in routes', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
      const a = await signup(t.http);
      const ra = await register(t.http, a, event.id).expect(201);
      await t.http.delete('/api/v1/me').set(bearer(g.volunteer)).expect(204);
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
    });

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

  // Keeps the imported helper in use for later sections of this file.
  it('setRole helper promotes through the API', async () => {
    const fan = await signup(t.http);
    await setRole(t.http, g.organizer, g.id, fan.id, 'volunteer');
    const res = await t.http.get('/api/v1/me/groups').set(bearer(fan)).expect(200);
    expect(res.body.items[0].role).toBe('volunteer');
  });
});
