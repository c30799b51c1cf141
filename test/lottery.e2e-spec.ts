import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DrawService } from '../src/lottery/draw.service.js';
import { verifyDraw } from '../src/lottery/verify.js';
import { bearer, createGroup, signup, type TestGroup, type TestUser } from './factories/index.js';
import { assertInvariants, type Json, register } from './utils/events.js';
import { closeApplications, createLottery, insertApplicants, party } from './utils/lottery.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('lottery events', () => {
  let t: TestApp;
  let g: TestGroup;
  let draws: DrawService;
  beforeAll(async () => {
    // Draws run when a test says so (the scheduler is tested with real processes elsewhere).
    t = await startTestApp({ DRAW_POLL_MS: '0' });
    draws = t.app.get(DrawService);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await truncateAll(t.db);
    t.smtp.clear();
    g = await createGroup(t.http);
  });

  const fans = (n: number, overrides: Parameters<typeof signup>[1] = {}) =>
    Promise.all(Array.from({ length: n }, () => signup(t.http, overrides)));
  const publicDraw = async (eventId: string): Promise<Json> =>
    (await t.http.get(`/api/v1/events/${eventId}/draw`).expect(200)).body;

  describe('event fields', () => {
    it('creates a lottery draft with quotas and publishes it with a seed commitment', async () => {
      const draft = await createLottery(
        t.http,
        g.organizer,
        g.id,
        {
          capacity: 10,
          quotas: [
            { country: 'US', seats: 3 },
            { country: 'JP', seats: 2 },
          ],
        },
        false,
      );
      expect(draft).toMatchObject({
        allocation: 'lottery',
        quotas: [
          { country: 'US', seats: 3 },
          { country: 'JP', seats: 2 },
        ],
        drawSeedSha256: null,
        drawnAt: null,
        status: 'draft',
      });
      const pub = await t.http
        .post(`/api/v1/events/${draft.id}/publish`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(pub.body.drawSeedSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(pub.body)).not.toContain('drawSeed"');
      const draw = await publicDraw(draft.id);
      expect(draw).toMatchObject({
        algorithm: 'fisher-yates-hmac-sha256-v1',
        seedSha256: pub.body.drawSeedSha256,
        seed: null,
        order: null,
        drawnAt: null,
      });
      // First-come events have no draw.
      const plain = await createLottery(t.http, g.organizer, g.id, {
        allocation: 'first_come',
        applicationsCloseAt: undefined,
      });
      await t.http.get(`/api/v1/events/${plain.id}/draw`).expect(404);
    });

    it('refuses bad lottery settings with a clear 400 and creates nothing', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ applicationsCloseAt: undefined }, /needs applicationsCloseAt/],
        [{ applicationsCloseAt: new Date(Date.now() - 60_000).toISOString() }, /future/],
        [
          {
            capacity: 5,
            quotas: [
              { country: 'US', seats: 4 },
              { country: 'JP', seats: 2 },
            ],
          },
          /6 seats, more than the capacity of 5/,
        ],
        [{ quotas: [{ country: 'XX', seats: 1 }] }, /ISO 3166-1/],
        [{ quotas: [{ country: 'us', seats: 1 }] }, /upper-case/],
        [
          {
            quotas: [
              { country: 'US', seats: 1 },
              { country: 'US', seats: 1 },
            ],
          },
          /each country once/,
        ],
        [{ quotas: [{ country: 'US', seats: 0 }] }, /seats/],
        [{ allocation: 'raffle' }, /allocation must be one of/],
        [{ allocation: 'first_come', quotas: [{ country: 'US', seats: 1 }] }, /for lottery events/],
        [{ applicationsCloseAt: '2099-01-01T00:00:00.000Z' }, /before startsAt/],
      ];
      for (const [body, message] of cases) {
        const res = await t.http
          .post(`/api/v1/fan-groups/${g.id}/events`)
          .set(bearer(g.organizer))
          .send({
            title: 'PreParty',
            startsAt: `${new Date().getUTCFullYear() + 1}-06-26T13:00:00.000Z`,
            timezone: 'Asia/Almaty',
            capacity: 10,
            allocation: 'lottery',
            applicationsCloseAt: new Date(Date.now() + 3600_000).toISOString(),
            ...body,
          });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toMatch(message);
      }
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM events`);
      expect(n).toBe(0);
    });

    it('lets the lottery fields change only while the event is a draft', async () => {
      const draft = await createLottery(t.http, g.organizer, g.id, { capacity: 10 }, false);
      await t.http
        .patch(`/api/v1/events/${draft.id}`)
        .set(bearer(g.organizer))
        .send({ quotas: [{ country: 'DE', seats: 2 }] })
        .expect(200)
        .expect((res) => expect(res.body.quotas).toEqual([{ country: 'DE', seats: 2 }]));
      await t.http.post(`/api/v1/events/${draft.id}/publish`).set(bearer(g.organizer)).expect(200);
      const res = await t.http
        .patch(`/api/v1/events/${draft.id}`)
        .set(bearer(g.organizer))
        .send({ quotas: [] })
        .expect(409);
      expect(res.body.code).toBe('NOT_DRAFT');
      // Capacity may still move, but never below the seats set aside.
      const low = await t.http
        .patch(`/api/v1/events/${draft.id}`)
        .set(bearer(g.organizer))
        .send({ capacity: 1 })
        .expect(400);
      expect(low.body.message).toMatch(/more than the capacity/);
      const [row] = await t.db.query(`SELECT quotas, capacity FROM events WHERE id = $1`, [
        draft.id,
      ]);
      expect(row).toEqual({ quotas: [{ country: 'DE', seats: 2 }], capacity: 10 });
    });
  });

  describe('applying', () => {
    it('answers 201 applied, e-mails the draw time in both zones and refuses a second application', async () => {
      const event = await createLottery(t.http, g.organizer, g.id, {
        applicationsCloseAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      const [fan] = await fans(1, { language: 'ru' });
      const res = await register(t.http, fan, event.id).expect(201);
      expect(res.body).toMatchObject({
        status: 'applied',
        waitlistPosition: null,
        checkInCode: null,
      });
      const again = await register(t.http, fan, event.id).expect(409);
      expect(again.body.code).toBe('ALREADY_APPLIED');
      const [mail] = await t.smtp.waitFor((m) => m.subject?.startsWith('Заявка принята') ?? false);
      expect(mail.text).toContain('(Asia/Almaty)');
      expect(mail.text).toContain('(UTC)');
      expect(mail.text).toContain(event.drawSeedSha256);
      const detail = await t.http.get(`/api/v1/events/${event.id}`).expect(200);
      expect(detail.body).toMatchObject({ confirmedCount: 0, waitlistCount: 0 });
    });

    it('withdraws an application by cancelling it, after which the fan may apply again', async () => {
      const event = await createLottery(t.http, g.organizer, g.id);
      const [fan] = await fans(1);
      const res = await register(t.http, fan, event.id).expect(201);
      await t.http
        .post(`/api/v1/registrations/${res.body.id}/cancel`)
        .set(bearer(fan))
        .expect(200)
        .expect((r) => expect(r.body.status).toBe('cancelled'));
      await register(t.http, fan, event.id).expect(201);
    });

    it('takes every one of a burst of parallel applications once, seating no one before the draw', async () => {
      const event = await createLottery(t.http, g.organizer, g.id, { capacity: 3 });
      const many = await fans(12);
      const answers = await Promise.all(many.map((f) => register(t.http, f, event.id)));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      expect(new Set(answers.map((a) => a.body.status))).toEqual(new Set(['applied']));
      const inv = await assertInvariants(t.db, event.id);
      expect(inv).toMatchObject({ confirmedCount: 0, confirmed: 0, waitlisted: 0, duplicates: 0 });
    });

    it('withdraws the applications of a deleted account, dissolving the parties it led', async () => {
      const event = await createLottery(t.http, g.organizer, g.id);
      const [leader, friend] = await fans(2);
      await register(t.http, leader, event.id).expect(201);
      await register(t.http, friend, event.id).expect(201);
      const { body } = await party.create(t.http, leader, event.id).expect(201);
      await party.join(t.http, friend, body.code).expect(200);
      await t.http.delete('/api/v1/me').set(bearer(leader)).expect(204);
      const rows = await t.db.query(
        `SELECT user_id, status, party_id FROM registrations WHERE event_id = $1 ORDER BY status::text`,
        [event.id],
      );
      expect(rows).toEqual([
        { user_id: friend.id, status: 'applied', party_id: null },
        { user_id: leader.id, status: 'cancelled', party_id: null },
      ]);
    });

    it('answers 409 DRAW_IN_PROGRESS between the close time and the end of the draw', async () => {
      const event = await createLottery(t.http, g.organizer, g.id);
      const [early, late] = await fans(2);
      await register(t.http, early, event.id).expect(201);
      await closeApplications(t.db, event.id);
      const res = await register(t.http, late, event.id).expect(409);
      expect(res.body.code).toBe('DRAW_IN_PROGRESS');
      // Parties close with the window.
      const created = await party.create(t.http, early, event.id).expect(409);
      expect(created.body.code).toBe('APPLICATIONS_CLOSED');
    });
  });

  describe('parties', () => {
    it('lets a leader create a party that up to six friends join with its code', async () => {
      const event = await createLottery(t.http, g.organizer, g.id);
      const [leader, ...friends] = await fans(8, { country: 'JP' });
      for (const f of [leader, ...friends]) await register(t.http, f, event.id).expect(201);
      const created = await party.create(t.http, leader, event.id).expect(201);
      expect(created.body).toMatchObject({ size: 1, maxSize: 7, country: 'JP', eventId: event.id });
      expect(created.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      const code: string = created.body.code;
      // Six friends join at once; the party row lock keeps the count right.
      const joins = await Promise.all(
        friends.slice(0, 6).map((f) => party.join(t.http, f, code.toLowerCase())),
      );
      expect(joins.map((j) => j.status)).toEqual(Array(6).fill(200));
      const full = await party.join(t.http, friends[6], code).expect(409);
      expect(full.body.code).toBe('PARTY_FULL');
      const mine = await party.mine(t.http, friends[0], event.id).expect(200);
      expect(mine.body.size).toBe(7);
      expect(mine.body.members[0]).toMatchObject({ userId: leader.id, leader: true });
      const again = await party.create(t.http, friends[0], event.id).expect(409);
      expect(again.body.code).toBe('ALREADY_IN_PARTY');

      // A member leaves; the leader cannot, but may disband.
      await t.http
        .delete(`/api/v1/parties/${mine.body.id}/members/me`)
        .set(bearer(friends[0]))
        .expect(204);
      await party.mine(t.http, friends[0], event.id).expect(404);
      await party.join(t.http, friends[6], code).expect(200);
      const stay = await t.http
        .delete(`/api/v1/parties/${mine.body.id}/members/me`)
        .set(bearer(leader))
        .expect(409);
      expect(stay.body.code).toBe('LEADER_CANNOT_LEAVE');
      await t.http.delete(`/api/v1/parties/${mine.body.id}`).set(bearer(friends[1])).expect(403);
      await t.http.delete(`/api/v1/parties/${mine.body.id}`).set(bearer(leader)).expect(204);
      await party.mine(t.http, friends[1], event.id).expect(404);
      // Everyone's application stays.
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'applied'`,
        [event.id],
      );
      expect(n).toBe(8);
    });

    it('refuses a party without an application, with a bad code, after the window, or for a first-come event', async () => {
      const event = await createLottery(t.http, g.organizer, g.id);
      const [leader, stranger] = await fans(2);
      const none = await party.create(t.http, leader, event.id).expect(409);
      expect(none.body.code).toBe('APPLICATION_REQUIRED');
      await register(t.http, leader, event.id).expect(201);
      const { body } = await party.create(t.http, leader, event.id).expect(201);
      const join = await party.join(t.http, stranger, body.code).expect(409);
      expect(join.body.code).toBe('APPLICATION_REQUIRED');
      await party.join(t.http, stranger, 'ZZZZZZZZ').expect(404);
      await party.join(t.http, stranger, 'not a code!').expect(400);
      await t.http.get(`/api/v1/events/${event.id}/parties/mine`).expect(401);
      const plain = await createLottery(t.http, g.organizer, g.id, {
        allocation: 'first_come',
        applicationsCloseAt: undefined,
      });
      const fc = await party.create(t.http, leader, plain.id).expect(409);
      expect(fc.body.code).toBe('NOT_LOTTERY');
      // The leader withdrawing takes the party with it.
      await t.http
        .post(
          `/api/v1/registrations/${
            (
              await t.db.query(
                `SELECT id FROM registrations WHERE user_id = $1 AND event_id = $2`,
                [leader.id, event.id],
              )
            )[0].id
          }/cancel`,
        )
        .set(bearer(leader))
        .expect(200);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM parties`);
      expect(n).toBe(0);
    });
  });

  describe('the draw', () => {
    async function applyAll(eventId: string, users: TestUser[]) {
      const ids: string[] = [];
      for (const u of users) ids.push((await register(t.http, u, eventId).expect(201)).body.id);
      return ids;
    }

    it('seats the drawn, waitlists the rest in drawn order, e-mails everyone and publishes a verifiable record', async () => {
      const event = await createLottery(t.http, g.organizer, g.id, {
        capacity: 4,
        quotas: [{ country: 'US', seats: 1 }],
      });
      const kz = await fans(5, { country: 'KZ' });
      const [us] = await fans(1, { country: 'US', language: 'kk' });
      await applyAll(event.id, [...kz, us]);
      await closeApplications(t.db, event.id);
      const summary = await draws.draw(event.id);
      expect(summary).toMatchObject({ applications: 6, seated: 4, waitlisted: 2 });
      expect(await draws.draw(event.id)).toBeUndefined();

      const draw = await publicDraw(event.id);
      expect(verifyDraw(draw)).toEqual({ ok: true, problems: [] });
      expect(draw.order).toHaveLength(6);
      // The one US fan got the quota seat, whatever their place in the order.
      const usEntry = draw.entries.find((e: Json) => e.country === 'US');
      expect(usEntry.outcome).toBe('quota');

      const inv = await assertInvariants(t.db, event.id);
      expect(inv).toMatchObject({ confirmedCount: 4, confirmed: 4, waitlisted: 2, duplicates: 0 });
      // The waitlist is the drawn order of those left, positions 1 and 2.
      const waitlisted = draw.entries.filter((e: Json) => e.outcome === 'waitlist');
      const list = await t.http
        .get(`/api/v1/events/${event.id}/registrations?status=waitlisted`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(list.body.items.map((r: Json) => [r.id, r.waitlistPosition])).toEqual(
        waitlisted.map((e: Json, i: number) => [e.registrationId, i + 1]),
      );
      // Everyone gets one outcome e-mail: seats with .ics and QR, waitlist with the position.
      const seated = await t.smtp.waitFor(
        (m) => /You were drawn|Сізге орын түсті/.test(m.subject ?? ''),
        4,
      );
      for (const m of seated) {
        expect(m.attachments.map((a) => a.filename).sort()).toEqual(['check-in.png', 'invite.ics']);
      }
      const wl = await t.smtp.waitFor((m) => (m.subject ?? '').startsWith('Draw result'), 2);
      expect(wl.map((m) => m.subject!.match(/position (\d+)/)![1]).sort()).toEqual(['1', '2']);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE kind IN ('draw_seated', 'draw_waitlisted')`,
      );
      expect(n).toBe(6);
    });

    it('seats a party whole from its leader country quota, never split', async () => {
      const event = await createLottery(t.http, g.organizer, g.id, {
        capacity: 3,
        quotas: [{ country: 'DE', seats: 3 }],
      });
      const [leader] = await fans(1, { country: 'DE' });
      const friends = await fans(2, { country: 'KZ' });
      const others = await fans(4, { country: 'KZ' });
      await applyAll(event.id, [leader, ...friends, ...others]);
      const { body } = await party.create(t.http, leader, event.id).expect(201);
      for (const f of friends) await party.join(t.http, f, body.code).expect(200);
      await closeApplications(t.db, event.id);
      await draws.draw(event.id);
      const draw = await publicDraw(event.id);
      expect(verifyDraw(draw).ok).toBe(true);
      const mine = draw.entries.filter(
        (e: Json) =>
          e.lot ===
          draw.entries.find((x: Json) => x.country === 'DE' && x.lot === x.registrationId)
            ?.registrationId,
      );
      expect(mine).toHaveLength(3);
      expect(new Set(mine.map((e: Json) => e.outcome))).toEqual(new Set(['quota']));
      const rows = await t.db.query(
        `SELECT u.country, r.status FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE r.event_id = $1 AND r.status = 'confirmed' ORDER BY u.country`,
        [event.id],
      );
      expect(rows).toEqual([
        { country: 'DE', status: 'confirmed' },
        { country: 'KZ', status: 'confirmed' },
        { country: 'KZ', status: 'confirmed' },
      ]);
    });

    it('behaves first-come after the draw: a late registrant joins the end of the waitlist, a freed seat goes to the next drawn', async () => {
      const event = await createLottery(t.http, g.organizer, g.id, { capacity: 2 });
      const applicants = await fans(4);
      const ids = await applyAll(event.id, applicants);
      await closeApplications(t.db, event.id);
      await draws.draw(event.id);
      const draw = await publicDraw(event.id);
      const [late] = await fans(1);
      const res = await register(t.http, late, event.id).expect(201);
      expect(res.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 3 });
      const seatedId = draw.entries.find((e: Json) => e.outcome !== 'waitlist').registrationId;
      const owner = applicants[ids.indexOf(seatedId)];
      await t.http.post(`/api/v1/registrations/${seatedId}/cancel`).set(bearer(owner)).expect(200);
      const firstInLine = draw.entries.find((e: Json) => e.outcome === 'waitlist').registrationId;
      const [row] = await t.db.query(`SELECT status FROM registrations WHERE id = $1`, [
        firstInLine,
      ]);
      expect(row.status).toBe('confirmed');
      const mine = await t.http.get('/api/v1/me/registrations').set(bearer(late)).expect(200);
      expect(mine.body.items[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
      const inv = await assertInvariants(t.db, event.id);
      expect(inv).toMatchObject({ confirmed: 2, waitlisted: 2, seatsFreeWithWaitlist: false });
    });

    it('draws five hundred applications with quotas honoured exactly and the seats filled', async () => {
      const event = await createLottery(t.http, g.organizer, g.id, {
        capacity: 150,
        quotas: [
          { country: 'US', seats: 20 },
          { country: 'JP', seats: 15 },
          { country: 'CN', seats: 10 },
          { country: 'DE', seats: 5 },
        ],
      });
      const countries = Array.from(
        { length: 500 },
        (_, i) => ['KZ', 'US', 'JP', 'CN', 'DE', 'KZ', 'RU'][i % 7],
      );
      await insertApplicants(t.db, event.id, countries);
      await closeApplications(t.db, event.id);
      await draws.draw(event.id);
      const draw = await publicDraw(event.id);
      expect(verifyDraw(draw).ok).toBe(true);
      const quota = (c: string) =>
        draw.entries.filter((e: Json) => e.outcome === 'quota' && e.country === c).length;
      expect([quota('US'), quota('JP'), quota('CN'), quota('DE'), quota('KZ')]).toEqual([
        20, 15, 10, 5, 0,
      ]);
      const inv = await assertInvariants(t.db, event.id);
      expect(inv).toMatchObject({ confirmedCount: 150, confirmed: 150, waitlisted: 350 });
      // Positions 1…350, each told once, in drawn order.
      const positions = await t.db.query(
        `SELECT (data->>'position')::int AS p FROM mail_outbox WHERE kind = 'draw_waitlisted' ORDER BY 1`,
      );
      expect(positions.map((r: Json) => r.p)).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));
    });
  });
});
