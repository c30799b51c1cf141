import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, signup, type TestGroup } from './factories/index.js';
import { assertInvariants, createEvent, type Json, PREPARTY, register } from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('events', () => {
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

  const create = (user: { token: string }, body: object, groupId = g.id) =>
    t.http.post(`/api/v1/fan-groups/${groupId}/events`).set(bearer(user)).send(body);

  it('creates a draft with the given zone and publishes it', async () => {
    const res = await create(g.organizer, { ...PREPARTY, capacity: 300 }).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      timezone: 'Asia/Almaty',
      startsAt: '2026-06-26T13:00:00.000Z',
      capacity: 300,
      confirmedCount: 0,
      waitlistCount: 0,
      waitlistEnabled: true,
    });
    const pub = await t.http
      .post(`/api/v1/events/${res.body.id}/publish`)
      .set(bearer(g.organizer))
      .expect(200);
    expect(pub.body.status).toBe('published');
    expect(
      (
        await t.http
          .post(`/api/v1/events/${res.body.id}/publish`)
          .set(bearer(g.organizer))
          .expect(409)
      ).body.code,
    ).toBe('INVALID_TRANSITION');
  });

  it('rejects bad event input with 400: zone, reversed times, capacity 0 or 1e9, unknown fields', async () => {
    for (const body of [
      { ...PREPARTY, capacity: 10, timezone: 'Asia/Nowhere' },
      { ...PREPARTY, capacity: 10, timezone: '+05:00' },
      { ...PREPARTY, capacity: 10, endsAt: '2026-06-26T12:00:00.000Z' },
      { ...PREPARTY, capacity: 10, registrationClosesAt: '2026-06-27T00:00:00.000Z' },
      { ...PREPARTY, capacity: 0 },
      { ...PREPARTY, capacity: 1e9 },
      { ...PREPARTY, capacity: 2.5 },
      { ...PREPARTY, capacity: 10, confirmedCount: 5 },
      { ...PREPARTY, capacity: 10, startsAt: 'tomorrow' },
      { ...PREPARTY, capacity: 10, title: '' },
    ]) {
      const res = await create(g.organizer, body);
      expect([res.status, body]).toEqual([400, body]);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int n FROM events`);
    expect(n).toBe(0);
  });

  it('lets only the group’s organizers create, publish, patch and cancel', async () => {
    const other = await createGroup(t.http, 'Other');
    const fan = await signup(t.http);
    for (const user of [g.volunteer, g.member, fan, other.organizer]) {
      await create(user, { ...PREPARTY, capacity: 5 }).expect(403);
    }
    await t.http
      .post(`/api/v1/fan-groups/${g.id}/events`)
      .send({ ...PREPARTY, capacity: 5 })
      .expect(401);
    const draft = await createEvent(t.http, g.organizer, g.id, {}, false);
    // Another group's organizer and a stranger do not learn the draft exists.
    await t.http
      .post(`/api/v1/events/${draft.id}/publish`)
      .set(bearer(other.organizer))
      .expect(404);
    await t.http
      .patch(`/api/v1/events/${draft.id}`)
      .set(bearer(fan))
      .send({ capacity: 9 })
      .expect(404);
    await t.http.post(`/api/v1/events/${draft.id}/publish`).set(bearer(g.volunteer)).expect(403);
    const event = await createEvent(t.http, g.organizer, g.id);
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(other.organizer))
      .send({ capacity: 9 })
      .expect(403);
    await t.http.post(`/api/v1/events/${event.id}/cancel`).set(bearer(g.volunteer)).expect(403);
    await t.http.post(`/api/v1/events/${event.id}/cancel`).expect(401);
  });

  it('hides drafts from everyone outside the group (404) and lists only published events by start', async () => {
    const draft = await createEvent(t.http, g.organizer, g.id, { title: 'Secret' }, false);
    const late = await createEvent(t.http, g.organizer, g.id, {
      title: 'Late',
      startsAt: '2026-07-01T10:00:00Z',
      endsAt: null,
      city: 'Almaty',
    });
    const early = await createEvent(t.http, g.organizer, g.id, {
      title: 'Early',
      startsAt: '2026-06-20T10:00:00Z',
      endsAt: null,
    });
    const other = await createGroup(t.http, 'Other');
    const elsewhere = await createEvent(t.http, other.organizer, other.id, {
      title: 'Elsewhere',
      startsAt: '2026-06-25T10:00:00Z',
      endsAt: null,
    });
    await t.http.get(`/api/v1/events/${draft.id}`).expect(404);
    await t.http.get(`/api/v1/events/${draft.id}`).set(bearer(other.organizer)).expect(404);
    await t.http.get(`/api/v1/events/${draft.id}`).set(bearer(g.member)).expect(200);
    const all = await t.http.get('/api/v1/events').expect(200);
    expect(all.body.items.map((e: Json) => e.title)).toEqual(['Early', 'Elsewhere', 'Late']);
    expect(all.body.total).toBe(3);
    const byGroup = await t.http.get(`/api/v1/events?groupId=${g.id}`).expect(200);
    expect(byGroup.body.items.map((e: Json) => e.id)).toEqual([early.id, late.id]);
    const byCity = await t.http.get('/api/v1/events?city=almaty').expect(200);
    expect(byCity.body.items.map((e: Json) => e.id)).toEqual([late.id]);
    const window = await t.http
      .get('/api/v1/events?from=2026-06-21T00:00:00Z&to=2026-06-30T00:00:00Z')
      .expect(200);
    expect(window.body.items.map((e: Json) => e.id)).toEqual([elsewhere.id]);
    await t.http.get('/api/v1/events?groupId=nope').expect(400);
    await t.http.get('/api/v1/events?from=yesterday').expect(400);
    await t.http.get('/api/v1/events/not-a-uuid').expect(400);
  });

  it('promotes as many waitlisted as fit when capacity is raised (FIFO), each e-mailed once', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
    const fans = await Promise.all(Array.from({ length: 5 }, () => signup(t.http)));
    for (const f of fans) await register(t.http, f, event.id).expect(201);
    const res = await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ capacity: 3 })
      .expect(200);
    expect(res.body).toMatchObject({ capacity: 3, confirmedCount: 3, waitlistCount: 2 });
    const promoted = await t.db.query(
      `SELECT user_id FROM mail_outbox WHERE kind = 'registration_promoted' ORDER BY created_at`,
    );
    expect(promoted.map((m: Json) => m.user_id).sort()).toEqual([fans[1].id, fans[2].id].sort());
    const list = await t.http
      .get(`/api/v1/events/${event.id}/registrations?status=waitlisted`)
      .set(bearer(g.organizer))
      .expect(200);
    expect(list.body.items.map((i: Json) => [i.user.id, i.waitlistPosition])).toEqual([
      [fans[3].id, 1],
      [fans[4].id, 2],
    ]);
    // Raising past the waitlist leaves free seats for newcomers.
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ capacity: 10 })
      .expect(200);
    expect(await assertInvariants(t.db, event.id)).toMatchObject({
      confirmedCount: 5,
      confirmed: 5,
      waitlisted: 0,
    });
    const newcomer = await signup(t.http);
    expect((await register(t.http, newcomer, event.id).expect(201)).body.status).toBe('confirmed');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int n FROM mail_outbox WHERE kind = 'registration_promoted'`,
    );
    expect(n).toBe(4);
  });

  it('refuses lowering capacity below the confirmed count with 409 and allows it down to it', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
    const fans = await Promise.all(Array.from({ length: 3 }, () => signup(t.http)));
    for (const f of fans) await register(t.http, f, event.id).expect(201);
    const res = await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ capacity: 2 })
      .expect(409);
    expect(res.body.code).toBe('CAPACITY_BELOW_CONFIRMED');
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ capacity: 3 })
      .expect(200);
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ capacity: 0 })
      .expect(400);
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ endsAt: '2026-06-26T12:00:00Z' })
      .expect(400);
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ timezone: 'Mars/Olympus' })
      .expect(400);
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ status: 'draft' })
      .expect(400);
    expect(await assertInvariants(t.db, event.id)).toMatchObject({
      capacity: 3,
      confirmedCount: 3,
    });
  });

  it('keeps every invariant when capacity is raised during a burst of registrations and cancels', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
    const early = await Promise.all(Array.from({ length: 15 }, () => signup(t.http)));
    const regs = await Promise.all(early.map((f) => register(t.http, f, event.id).expect(201)));
    const late = await Promise.all(Array.from({ length: 15 }, () => signup(t.http)));
    const results = await Promise.all([
      ...late.map((f) => register(t.http, f, event.id)),
      t.http.patch(`/api/v1/events/${event.id}`).set(bearer(g.organizer)).send({ capacity: 12 }),
      ...regs
        .slice(0, 4)
        .map((r, i) =>
          t.http.post(`/api/v1/registrations/${r.body.id}/cancel`).set(bearer(early[i])),
        ),
    ]);
    expect(results.filter((r) => r.status >= 300)).toEqual([]);
    expect(await assertInvariants(t.db, event.id)).toMatchObject({
      capacity: 12,
      confirmedCount: 12,
      confirmed: 12,
      waitlisted: 30 - 4 - 12,
      duplicates: 0,
      seatsFreeWithWaitlist: false,
    });
  });

  it('e-mails every active registrant once, in their language, when the event is cancelled', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
    const kk = await signup(t.http, { language: 'kk' });
    const ru = await signup(t.http, { language: 'ru' });
    const gone = await signup(t.http);
    const r1 = await register(t.http, kk, event.id).expect(201);
    const r2 = await register(t.http, ru, event.id, { language: 'en' }).expect(201);
    const r3 = await register(t.http, gone, event.id).expect(201);
    await t.http.post(`/api/v1/registrations/${r3.body.id}/cancel`).set(bearer(gone)).expect(200);
    const res = await t.http
      .post(`/api/v1/events/${event.id}/cancel`)
      .set(bearer(g.organizer))
      .expect(200);
    expect(res.body.status).toBe('cancelled');
    const mails = await t.db.query(
      `SELECT user_id, language, data, dedupe_key FROM mail_outbox WHERE kind = 'event_cancelled' ORDER BY user_id`,
    );
    expect(mails).toHaveLength(2);
    const byUser = new Map(mails.map((m: Json) => [m.user_id, m]));
    expect(byUser.get(kk.id)).toMatchObject({
      language: null,
      dedupe_key: `event_cancelled:${r1.body.id}`,
    });
    expect(byUser.get(ru.id)).toMatchObject({
      language: 'en',
      dedupe_key: `event_cancelled:${r2.body.id}`,
    });
    expect((byUser.get(kk.id) as Json).data).toMatchObject({
      title: PREPARTY.title,
      startsAt: PREPARTY.startsAt,
      timezone: 'Asia/Almaty',
    });
    // Registrations keep their status; the event's status says it is off.
    const mine = await t.http.get('/api/v1/me/registrations').set(bearer(kk)).expect(200);
    expect(mine.body.items[0]).toMatchObject({
      status: 'confirmed',
      event: { status: 'cancelled' },
    });
    await t.http.post(`/api/v1/events/${event.id}/cancel`).set(bearer(g.organizer)).expect(409);
    await t.http
      .patch(`/api/v1/events/${event.id}`)
      .set(bearer(g.organizer))
      .send({ capacity: 5 })
      .expect(409);
    // No promotions from a cancelled event, and no check-ins.
    await t.http.post(`/api/v1/registrations/${r1.body.id}/cancel`).set(bearer(kk)).expect(200);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int n FROM mail_outbox WHERE kind = 'registration_promoted'`,
    );
    expect(n).toBe(0);
    const checkIn = await t.http
      .post(`/api/v1/events/${event.id}/check-ins`)
      .set(bearer(g.organizer))
      .send({ code: 'AAAAAAAAAAAAAAAAAAAAAAAAAA' })
      .expect(409);
    expect(checkIn.body.code).toBe('EVENT_NOT_OPEN');
  });
});
