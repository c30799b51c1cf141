import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { bearer, createGroup, signup, type TestGroup } from './factories/index.js';
import {
  assertInvariants,
  createEvent,
  type Json,
  lineOrder,
  register,
  waitForCount,
  waitingOn,
} from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

// Dozens of sign-ups (argon2 hashing) dominate the burst tests' time on a 2-core machine: the
// default 5 s ran out before their registrations did. A limit, not a timing assertion.
const BURST_TIMEOUT_MS = 120_000;

describe('registrations', () => {
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

  const fans = (n: number, overrides: Parameters<typeof signup>[1] = {}) =>
    Promise.all(Array.from({ length: n }, () => signup(t.http, overrides)));

  const outbox = (kind?: string) =>
    t.db.query(
      `SELECT kind, user_id, language, data, dedupe_key FROM mail_outbox
       WHERE kind <> 'welcome' ${kind ? 'AND kind = $1' : ''} ORDER BY created_at`,
      kind ? [kind] : [],
    );

  it('confirms a registrant while seats last and e-mails a confirmation with the check-in code', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 2 });
    const [fan] = await fans(1);
    const res = await register(t.http, fan, event.id, {
      language: 'kk',
      arrivalDate: '2026-06-25',
      note: 'Бірінші рет Астанада',
    }).expect(201);
    expect(res.body).toMatchObject({
      eventId: event.id,
      userId: fan.id,
      status: 'confirmed',
      waitlistPosition: null,
      language: 'kk',
      arrivalDate: '2026-06-25',
      note: 'Бірінші рет Астанада',
    });
    expect(res.body.checkInCode).toMatch(/^[A-Z2-7]{26}$/);
    const mails = await outbox();
    expect(mails).toEqual([
      {
        kind: 'registration_confirmed',
        user_id: fan.id,
        language: 'kk',
        dedupe_key: `registration_confirmed:${res.body.id}`,
        data: {
          registrationId: res.body.id,
          eventId: event.id,
          title: 'World Fan Groups PreParty',
          startsAt: '2026-06-26T13:00:00.000Z',
          endsAt: '2026-06-26T17:00:00.000Z',
          timezone: 'Asia/Almaty',
          venue: 'Barys Arena',
          city: 'Astana',
          checkInCode: res.body.checkInCode,
        },
      },
    ]);
    const detail = await t.http.get(`/api/v1/events/${event.id}`).expect(200);
    expect(detail.body).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
  });

  it('waitlists registrants once the event is full, with FIFO positions and a waitlist e-mail', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
    const [a, b, c] = await fans(3);
    await register(t.http, a, event.id).expect(201);
    const rb = await register(t.http, b, event.id).expect(201);
    const rc = await register(t.http, c, event.id, { language: 'ru' }).expect(201);
    expect(rb.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, checkInCode: null });
    expect(rc.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    const waitMails = await outbox('registration_waitlisted');
    expect(waitMails.map((m: Json) => [m.user_id, m.data.position, m.language])).toEqual([
      [b.id, 1, null],
      [c.id, 2, 'ru'],
    ]);
    expect(waitMails[0].data.checkInCode).toBeUndefined();
    const detail = await t.http.get(`/api/v1/events/${event.id}`).expect(200);
    expect(detail.body).toMatchObject({ confirmedCount: 1, waitlistCount: 2 });
  });

  it('refuses a full event without a waitlist with 409 EVENT_FULL and writes nothing', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, {
      capacity: 1,
      waitlistEnabled: false,
    });
    const [a, b] = await fans(2);
    await register(t.http, a, event.id).expect(201);
    const res = await register(t.http, b, event.id).expect(409);
    expect(res.body.code).toBe('EVENT_FULL');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int n FROM registrations WHERE user_id = $1`,
      [b.id],
    );
    expect(n).toBe(0);
  });

  it('refuses a second active registration with 409 ALREADY_REGISTERED and keeps the seat count', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
    const [fan] = await fans(1);
    await register(t.http, fan, event.id).expect(201);
    const res = await register(t.http, fan, event.id).expect(409);
    expect(res.body.code).toBe('ALREADY_REGISTERED');
    const inv = await assertInvariants(t.db, event.id);
    expect(inv).toMatchObject({ confirmedCount: 1, confirmed: 1 });
  });

  it('refuses ALREADY_REGISTERED for a waitlisted fan registering again', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
    const [a, b] = await fans(2);
    await register(t.http, a, event.id).expect(201);
    await register(t.http, b, event.id).expect(201);
    const res = await register(t.http, b, event.id).expect(409);
    expect(res.body.code).toBe('ALREADY_REGISTERED');
  });

  it('lets a fan register again after cancelling', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
    const [fan] = await fans(1);
    const first = await register(t.http, fan, event.id).expect(201);
    await t.http.post(`/api/v1/registrations/${first.body.id}/cancel`).set(bearer(fan)).expect(200);
    const again = await register(t.http, fan, event.id).expect(201);
    expect(again.body.status).toBe('confirmed');
    expect(again.body.checkInCode).not.toBe(first.body.checkInCode);
  });

  it('refuses drafts, cancelled and closed events with 409 EVENT_NOT_OPEN; another group’s draft is 404', async () => {
    const draft = await createEvent(t.http, g.organizer, g.id, {}, false);
    const [outsider] = await fans(1);
    const own = await register(t.http, g.member, draft.id).expect(409);
    expect(own.body.code).toBe('EVENT_NOT_OPEN');
    await register(t.http, outsider, draft.id).expect(404);

    const cancelled = await createEvent(t.http, g.organizer, g.id);
    await t.http.post(`/api/v1/events/${cancelled.id}/cancel`).set(bearer(g.organizer)).expect(200);
    expect((await register(t.http, outsider, cancelled.id).expect(409)).body.code).toBe(
      'EVENT_NOT_OPEN',
    );

    const closed = await createEvent(t.http, g.organizer, g.id);
    await t.db.query(
      `UPDATE events SET registration_closes_at = now() - interval '1 minute' WHERE id = $1`,
      [closed.id],
    );
    expect((await register(t.http, outsider, closed.id).expect(409)).body.code).toBe(
      'EVENT_NOT_OPEN',
    );
    const [{ n }] = await t.db.query(`SELECT count(*)::int n FROM registrations`);
    expect(n).toBe(0);
  });

  it('answers 404 for an unknown event and 400 for a malformed id', async () => {
    const [fan] = await fans(1);
    await register(t.http, fan, '00000000-0000-4000-8000-000000000000').expect(404);
    await register(t.http, fan, 'not-a-uuid').expect(400);
  });

  it('rejects bad registration input with 400 and writes nothing', async () => {
    const event = await createEvent(t.http, g.organizer, g.id);
    const [fan] = await fans(1);
    for (const body of [
      { language: 'de' },
      { arrivalDate: '26.06.2026' },
      { arrivalDate: '2026-02-30' },
      { note: 'x'.repeat(1001) },
      { note: '   ' },
      { status: 'confirmed' },
      { userId: g.organizer.id },
    ]) {
      const res = await register(t.http, fan, event.id, body);
      expect([res.status, body]).toEqual([400, body]);
    }
    const [{ n }] = await t.db.query(`SELECT count(*)::int n FROM registrations`);
    expect(n).toBe(0);
  });

  it('requires a token to register (401)', async () => {
    const event = await createEvent(t.http, g.organizer, g.id);
    await t.http.post(`/api/v1/events/${event.id}/registrations`).send({}).expect(401);
  });

  describe('under a real burst', () => {
    it(
      'confirms exactly the capacity out of 50 parallel registrations and waitlists the rest 1..40',
      async () => {
        const event = await createEvent(t.http, g.organizer, g.id, { capacity: 10 });
        const people = await fans(50);
        const results = await Promise.all(people.map((p) => register(t.http, p, event.id)));
        expect(results.filter((r) => r.status >= 500)).toEqual([]);
        expect(results.every((r) => r.status === 201)).toBe(true);
        const confirmed = results.filter((r) => r.body.status === 'confirmed');
        const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
        expect(confirmed).toHaveLength(10);
        expect(waitlisted).toHaveLength(40);
        // Every fan is told their true place: 1..40, each once (API.md).
        const told = waitlisted.map((r) => r.body.waitlistPosition as number);
        expect([...told].sort((a, b) => a - b)).toEqual(
          Array.from({ length: 40 }, (_, i) => i + 1),
        );
        const inv = await assertInvariants(t.db, event.id);
        expect(inv).toEqual({
          capacity: 10,
          confirmedCount: 10,
          confirmed: 10,
          waitlisted: 40,
          duplicates: 0,
          seatsFreeWithWaitlist: false,
        });
        // The line lists them in the order they were told, and still tells each the same.
        const list = await t.http
          .get(`/api/v1/events/${event.id}/registrations?status=waitlisted&limit=100`)
          .set(bearer(g.organizer))
          .expect(200);
        expect(list.body.items.map((i: Json) => i.waitlistPosition)).toEqual(
          Array.from({ length: 40 }, (_, i) => i + 1),
        );
        const toldById = new Map(waitlisted.map((r) => [r.body.id, r.body.waitlistPosition]));
        expect(list.body.items.map((i: Json) => toldById.get(i.id))).toEqual(
          Array.from({ length: 40 }, (_, i) => i + 1),
        );
        // Every confirmation was decided before the first waitlisting (FIFO).
        const [order] = await t.db.query(
          `SELECT (SELECT max(created_at) FROM registrations WHERE event_id = $1 AND status = 'confirmed')
                < (SELECT min(created_at) FROM registrations WHERE event_id = $1 AND status = 'waitlisted') AS in_line`,
          [event.id],
        );
        expect(order.in_line).toBe(true);
        // One e-mail per registration, of the right kind; each waitlist e-mail says what the
        // 201 said.
        const mails = await outbox();
        expect(mails.filter((m: Json) => m.kind === 'registration_confirmed')).toHaveLength(10);
        const waitMails = mails.filter((m: Json) => m.kind === 'registration_waitlisted');
        expect(
          new Map(waitMails.map((m: Json) => [m.data.registrationId, m.data.position])),
        ).toEqual(toldById);
      },
      BURST_TIMEOUT_MS,
    );

    it(
      'keeps every invariant under concurrent cancels and registrations',
      async () => {
        const event = await createEvent(t.http, g.organizer, g.id, { capacity: 10 });
        const first = await fans(25);
        const regs = await Promise.all(first.map((p) => register(t.http, p, event.id).expect(201)));
        const later = await fans(20);
        const toCancel = regs.filter((_, i) => i % 2 === 0); // confirmed and waitlisted alike
        const results = await Promise.all([
          ...toCancel.map((r, i) =>
            t.http
              .post(`/api/v1/registrations/${r.body.id}/cancel`)
              .set(bearer(first[i * 2]))
              .send(),
          ),
          ...later.map((p) => register(t.http, p, event.id)),
        ]);
        expect(results.filter((r) => r.status >= 300)).toEqual([]);
        const inv = await assertInvariants(t.db, event.id);
        expect(inv).toMatchObject({
          confirmedCount: 10,
          confirmed: 10,
          waitlisted: 25 + 20 - toCancel.length - 10,
          duplicates: 0,
          seatsFreeWithWaitlist: false,
        });
        const list = await t.http
          .get(`/api/v1/events/${event.id}/registrations?status=waitlisted&limit=100`)
          .set(bearer(g.organizer))
          .expect(200);
        expect(list.body.items.map((i: Json) => i.waitlistPosition)).toEqual(
          Array.from({ length: inv.waitlisted }, (_, i) => i + 1),
        );
        // Every promotion e-mailed exactly once, and only waitlisted registrants get one.
        const [check] = await t.db.query(
          `WITH w AS (SELECT (data->>'registrationId')::uuid id FROM mail_outbox WHERE kind = 'registration_waitlisted'),
              p AS (SELECT (data->>'registrationId')::uuid id FROM mail_outbox WHERE kind = 'registration_promoted')
         SELECT
           (SELECT count(*)::int FROM registrations r JOIN w ON w.id = r.id
             WHERE r.status = 'confirmed' AND r.id NOT IN (SELECT id FROM p)) AS confirmed_without_mail,
           (SELECT count(*)::int FROM p WHERE id NOT IN (SELECT id FROM w)) AS promoted_never_waitlisted,
           (SELECT count(*)::int FROM p) AS promoted`,
        );
        expect(check.confirmed_without_mail).toBe(0);
        expect(check.promoted_never_waitlisted).toBe(0);
        expect(check.promoted).toBeGreaterThan(0);
        expect(await lineOrder(t.db, event.id)).toEqual({
          arrivals_first: true,
          promoted_from_head: true,
        });
      },
      BURST_TIMEOUT_MS,
    );

    it(
      'never gives a seat freed by a concurrent cancel to a newcomer ahead of an earlier waitlisted registrant',
      async () => {
        const event = await createEvent(t.http, g.organizer, g.id, { capacity: 10 });
        const holders = await fans(10);
        const regs = await Promise.all(
          holders.map((p) => register(t.http, p, event.id).expect(201)),
        );
        const newcomers = await fans(20);
        // Cancels (each freeing a seat) race registrations that see the event full or not.
        const results = await Promise.all([
          ...regs
            .slice(0, 6)
            .map((r, i) =>
              t.http
                .post(`/api/v1/registrations/${r.body.id}/cancel`)
                .set(bearer(holders[i]))
                .send(),
            ),
          ...newcomers.map((p) => register(t.http, p, event.id)),
        ]);
        expect(results.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
        expect(await assertInvariants(t.db, event.id)).toMatchObject({
          confirmedCount: 10,
          confirmed: 10,
          waitlisted: 14,
          duplicates: 0,
          seatsFreeWithWaitlist: false,
        });
        // A newcomer confirmed straight away (not by promotion) registered before everyone
        // still waiting, and the promoted were the head of the line.
        expect(await lineOrder(t.db, event.id)).toEqual({
          arrivals_first: true,
          promoted_from_head: true,
        });
      },
      BURST_TIMEOUT_MS,
    );

    it('gives a registrant queued behind a cancel the seat that cancel freed, on arrival', async () => {
      // The race behind the flaky test above, made to happen every time: the cancel holds the
      // queue lock (stopped on the cancelled row, which the test holds) while a registrant
      // arrives and waits for that lock. A registration that read the event before the lock
      // (as the former single statement did) saw it full, waitlisted itself next to the seat
      // the cancel freed, and a newcomer right after could take that seat.
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 2 });
      const [a, b, w, n] = await fans(4);
      const ra = await register(t.http, a, event.id).expect(201);
      await register(t.http, b, event.id).expect(201);
      const blocker = t.db.createQueryRunner();
      await blocker.connect();
      try {
        await blocker.startTransaction();
        await blocker.query('SELECT 1 FROM registrations WHERE id = $1 FOR UPDATE', [ra.body.id]);
        const cancel = t.http
          .post(`/api/v1/registrations/${ra.body.id}/cancel`)
          .set(bearer(a))
          .then((r) => r);
        await waitForCount(t.db, waitingOn('transactionid'));
        const early = register(t.http, w, event.id).then((r) => r);
        await waitForCount(t.db, waitingOn('advisory'));
        await blocker.rollbackTransaction();
        expect((await cancel).status).toBe(200);
        const rw = await early;
        expect(rw.status).toBe(201);
        expect(rw.body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
      } finally {
        if (blocker.isTransactionActive) await blocker.rollbackTransaction();
        await blocker.release();
      }
      const rn = await register(t.http, n, event.id).expect(201);
      expect(rn.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      // Confirmed on arrival: one confirmation e-mail, never a waitlist one.
      const kinds = await t.db.query(
        `SELECT kind FROM mail_outbox WHERE user_id = $1 AND kind <> 'welcome'`,
        [w.id],
      );
      expect(kinds).toEqual([{ kind: 'registration_confirmed' }]);
      expect(await assertInvariants(t.db, event.id)).toMatchObject({
        confirmedCount: 2,
        confirmed: 2,
        waitlisted: 1,
      });
      expect(await lineOrder(t.db, event.id)).toEqual({
        arrivals_first: true,
        promoted_from_head: true,
      });
    });

    it(
      'promotes the head of the line when the capacity is raised in the middle of a burst',
      async () => {
        const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
        const people = await fans(40);
        const half = people.length / 2;
        const first = people
          .slice(0, half)
          .map((p) => register(t.http, p, event.id).then((r) => r));
        const raise = t.http
          .patch(`/api/v1/events/${event.id}`)
          .set(bearer(g.organizer))
          .send({ capacity: 15 })
          .then((r) => r);
        const second = people.slice(half).map((p) => register(t.http, p, event.id).then((r) => r));
        const results = await Promise.all([...first, ...second]);
        expect((await raise).status).toBe(200);
        expect(results.filter((r) => r.status !== 201)).toEqual([]);
        expect(await assertInvariants(t.db, event.id)).toEqual({
          capacity: 15,
          confirmedCount: 15,
          confirmed: 15,
          waitlisted: 25,
          duplicates: 0,
          seatsFreeWithWaitlist: false,
        });
        expect(await lineOrder(t.db, event.id)).toEqual({
          arrivals_first: true,
          promoted_from_head: true,
        });
        // The line still lists everyone waiting 1..25, in the order of their places.
        const list = await t.http
          .get(`/api/v1/events/${event.id}/registrations?status=waitlisted&limit=100`)
          .set(bearer(g.organizer))
          .expect(200);
        expect(list.body.items.map((i: Json) => i.waitlistPosition)).toEqual(
          Array.from({ length: 25 }, (_, i) => i + 1),
        );
        const seqs = await t.db.query(
          `SELECT id FROM registrations WHERE event_id = $1 AND status = 'waitlisted' ORDER BY waitlist_seq`,
          [event.id],
        );
        expect(list.body.items.map((i: Json) => i.id)).toEqual(seqs.map((r: Json) => r.id));
      },
      BURST_TIMEOUT_MS,
    );

    it('refuses a deleted account’s token on the registration route, with or without a key', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 5 });
      const [fan] = await fans(1);
      await t.http.delete('/api/v1/me').set(bearer(fan)).expect(204);
      // The route skips the guard's account lookup: its own statement refuses the account.
      await register(t.http, fan, event.id).expect(401);
      await t.http
        .post(`/api/v1/events/${event.id}/registrations`)
        .set(bearer(fan))
        .set('Idempotency-Key', 'deleted-1')
        .send({})
        .expect(401);
      // Also for an event that does not exist: nothing is revealed to a dead token.
      await register(t.http, fan, '00000000-0000-4000-8000-000000000000').expect(401);
      const [rows] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM registrations WHERE user_id = $1) AS registrations,
                (SELECT count(*)::int FROM idempotency_keys WHERE user_id = $1) AS keys`,
        [fan.id],
      );
      expect(rows).toEqual({ registrations: 0, keys: 0 });
    });

    it('has the database refuse an overbooking write whatever the application does', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 2 });
      // Both seats taken, in whichever shares they fell.
      await t.db.query(`SELECT fe_take_seats($1, 2)`, [event.id]);
      await expect(
        t.db.query(`UPDATE event_seats SET taken = taken + 1 WHERE event_id = $1`, [event.id]),
      ).rejects.toThrow(/CHK_event_seats_taken/);
      await expect(
        t.db.query(`UPDATE event_seats SET capacity = capacity + 1 WHERE event_id = $1`, [
          event.id,
        ]),
      ).rejects.toThrow(/seat shares/);
      await expect(
        t.db.query(`UPDATE events SET capacity = 1 WHERE id = $1`, [event.id]),
      ).rejects.toThrow(/seat shares/);
      expect(await t.db.query(`SELECT fe_take_seats($1, 1) AS got`, [event.id])).toEqual([
        { got: 0 },
      ]);
      const [fan] = await fans(1);
      await expect(
        t.db.query(
          `INSERT INTO registrations (event_id, user_id, status, check_in_code) VALUES ($1, $2, 'confirmed', 'A1'), ($1, $2, 'waitlisted', 'A2')`,
          [event.id, fan.id],
        ),
      ).rejects.toThrow(/UQ_registrations_active/);
    });
  });

  describe('cancelling', () => {
    it('promotes the first waitlisted registrant (FIFO) with an e-mail, and keeps positions dense', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const [a, b, c, d] = await fans(4);
      const ra = await register(t.http, a, event.id).expect(201);
      const rb = await register(t.http, b, event.id, { language: 'ru' }).expect(201);
      await register(t.http, c, event.id).expect(201);
      await register(t.http, d, event.id).expect(201);
      const res = await t.http
        .post(`/api/v1/registrations/${ra.body.id}/cancel`)
        .set(bearer(a))
        .expect(200);
      expect(res.body).toMatchObject({ id: ra.body.id, status: 'cancelled', checkInCode: null });
      const promoted = await outbox('registration_promoted');
      expect(promoted).toHaveLength(1);
      expect(promoted[0]).toMatchObject({
        user_id: b.id,
        language: 'ru',
        dedupe_key: `registration_promoted:${rb.body.id}`,
      });
      expect(promoted[0].data.checkInCode).toMatch(/^[A-Z2-7]{26}$/);
      expect(promoted[0].data.startsAt).toBe('2026-06-26T13:00:00.000Z');
      const mine = await t.http.get('/api/v1/me/registrations').set(bearer(b)).expect(200);
      expect(mine.body.items[0]).toMatchObject({ status: 'confirmed', waitlistPosition: null });
      expect(mine.body.items[0].checkInCode).toBe(promoted[0].data.checkInCode);
      const list = await t.http
        .get(`/api/v1/events/${event.id}/registrations?status=waitlisted`)
        .set(bearer(g.volunteer))
        .expect(200);
      expect(list.body.items.map((i: Json) => [i.user.id, i.waitlistPosition])).toEqual([
        [c.id, 1],
        [d.id, 2],
      ]);
      expect(await assertInvariants(t.db, event.id)).toMatchObject({
        confirmedCount: 1,
        confirmed: 1,
      });
    });

    it('cancelling a waitlisted registration promotes nobody and closes the gap', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const [a, b, c] = await fans(3);
      await register(t.http, a, event.id).expect(201);
      const rb = await register(t.http, b, event.id).expect(201);
      await register(t.http, c, event.id).expect(201);
      await t.http.post(`/api/v1/registrations/${rb.body.id}/cancel`).set(bearer(b)).expect(200);
      expect(await outbox('registration_promoted')).toHaveLength(0);
      const mine = await t.http.get('/api/v1/me/registrations').set(bearer(c)).expect(200);
      expect(mine.body.items[0].waitlistPosition).toBe(1);
    });

    it('lets the organizer cancel anyone’s registration; others get 404; twice is 409', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 3 });
      const [fan, stranger] = await fans(2);
      const other = await createGroup(t.http, 'Other group');
      const reg = await register(t.http, fan, event.id).expect(201);
      const url = `/api/v1/registrations/${reg.body.id}/cancel`;
      await t.http.post(url).expect(401);
      await t.http.post(url).set(bearer(stranger)).expect(404);
      await t.http.post(url).set(bearer(g.volunteer)).expect(404);
      await t.http.post(url).set(bearer(g.member)).expect(404);
      await t.http.post(url).set(bearer(other.organizer)).expect(404);
      await t.http.post(url).set(bearer(g.organizer)).expect(200);
      expect((await t.http.post(url).set(bearer(fan)).expect(409)).body.code).toBe(
        'INVALID_TRANSITION',
      );
      await t.http.post('/api/v1/registrations/nope/cancel').set(bearer(fan)).expect(400);
      await t.http
        .post('/api/v1/registrations/00000000-0000-4000-8000-000000000000/cancel')
        .set(bearer(fan))
        .expect(404);
      expect(await assertInvariants(t.db, event.id)).toMatchObject({ confirmedCount: 0 });
    });
  });

  describe('my registrations', () => {
    it('lists own registrations with the event summary and the code only while confirmed', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const [a, b] = await fans(2);
      await register(t.http, a, event.id).expect(201);
      await register(t.http, b, event.id).expect(201);
      const mineA = await t.http.get('/api/v1/me/registrations').set(bearer(a)).expect(200);
      expect(mineA.body).toMatchObject({ total: 1, limit: 20, offset: 0 });
      expect(mineA.body.items[0]).toMatchObject({
        status: 'confirmed',
        event: {
          id: event.id,
          title: 'World Fan Groups PreParty',
          startsAt: '2026-06-26T13:00:00.000Z',
          timezone: 'Asia/Almaty',
          status: 'published',
        },
      });
      expect(mineA.body.items[0].checkInCode).toMatch(/^[A-Z2-7]{26}$/);
      const mineB = await t.http.get('/api/v1/me/registrations').set(bearer(b)).expect(200);
      expect(mineB.body.items[0]).toMatchObject({
        status: 'waitlisted',
        waitlistPosition: 1,
        checkInCode: null,
      });
      await t.http.get('/api/v1/me/registrations').expect(401);
      await t.http.get('/api/v1/me/registrations?limit=0').set(bearer(a)).expect(400);
    });
  });

  describe('organizer views', () => {
    it('lists an event’s registrations for organizers and volunteers only, paged and filtered', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 2 });
      const people = await fans(3, { country: 'JP' });
      for (const p of people)
        await register(t.http, p, event.id, { arrivalDate: '2026-06-24' }).expect(201);
      const url = `/api/v1/events/${event.id}/registrations`;
      const org = await t.http.get(`${url}?limit=2`).set(bearer(g.organizer)).expect(200);
      expect(org.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(org.body.items[0]).toMatchObject({
        user: { id: people[0].id, email: people[0].email, country: 'JP' },
        status: 'confirmed',
        waitlistPosition: null,
        checkedInAt: null,
        arrivalDate: '2026-06-24',
      });
      const page2 = await t.http
        .get(`${url}?limit=2&offset=2`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(page2.body.items.map((i: Json) => [i.status, i.waitlistPosition])).toEqual([
        ['waitlisted', 1],
      ]);
      const vol = await t.http.get(`${url}?status=confirmed`).set(bearer(g.volunteer)).expect(200);
      expect(vol.body.total).toBe(2);
      // Volunteers do not see e-mail addresses or arrival data (API.md: only organizers).
      expect(vol.body.items[0].user.email).toBeNull();
      expect(vol.body.items[0].arrivalDate).toBeNull();
      await t.http.get(url).set(bearer(g.member)).expect(403);
      await t.http.get(url).set(bearer(people[0])).expect(403);
      const other = await createGroup(t.http, 'Other');
      await t.http.get(url).set(bearer(other.organizer)).expect(403);
      await t.http.get(url).expect(401);
      await t.http.get(`${url}?status=maybe`).set(bearer(g.organizer)).expect(400);
      // Another group's draft is not even known to exist.
      const draft = await createEvent(t.http, g.organizer, g.id, {}, false);
      await t.http
        .get(`/api/v1/events/${draft.id}/registrations`)
        .set(bearer(other.organizer))
        .expect(404);
    });

    it('searches registrations by name or e-mail, case- and accent-insensitively, keeping true positions', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const zhanar = await signup(t.http, { displayName: 'Zhanár Sultan' });
      const aigerim = await signup(t.http, { displayName: 'Айгерим Жанарова' });
      const sakura = await signup(t.http, {
        displayName: '田中 さくら',
        email: `sakura-${Date.now()}@Example.JP`,
      });
      const pct = await signup(t.http, { displayName: '100% fan' });
      for (const p of [zhanar, aigerim, sakura, pct])
        await register(t.http, p, event.id).expect(201);
      const url = `/api/v1/events/${event.id}/registrations`;
      const find = async (q: string) =>
        (
          await t.http
            .get(`${url}?search=${encodeURIComponent(q)}`)
            .set(bearer(g.organizer))
            .expect(200)
        ).body;
      expect((await find('zhanar')).items.map((i: Json) => i.user.id)).toEqual([zhanar.id]);
      expect((await find('АЙГЕРИМ')).items.map((i: Json) => i.user.id)).toEqual([aigerim.id]);
      expect((await find('さくら')).items.map((i: Json) => i.user.id)).toEqual([sakura.id]);
      expect((await find('example.jp')).items.map((i: Json) => i.user.id)).toEqual([sakura.id]);
      // LIKE's wildcards are text: "%" finds only the name that has one.
      expect((await find('%')).items.map((i: Json) => i.user.id)).toEqual([pct.id]);
      // A waitlisted match keeps its place in the whole line, and the total counts matches.
      const waiting = await find('さくら');
      expect(waiting).toMatchObject({
        total: 1,
        items: [{ status: 'waitlisted', waitlistPosition: 2 }],
      });
      expect((await find('nobody-at-all')).total).toBe(0);
      await t.http
        .get(`${url}?search=${'x'.repeat(101)}`)
        .set(bearer(g.organizer))
        .expect(400);
    });

    it('exports CSV with a BOM and formula-safe cells, for organizers only', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const evil = await signup(t.http, { displayName: '=HYPERLINK("http://x")', country: 'DE' });
      const kz = await signup(t.http, {
        displayName: 'Әсел, "Astana"',
        country: 'KZ',
        language: 'kk',
      });
      await register(t.http, kz, event.id).expect(201);
      await register(t.http, evil, event.id, { note: '+1 friend; @home' }).expect(201);
      const url = `/api/v1/events/${event.id}/registrations.csv`;
      const res = await t.http
        .get(url)
        .set(bearer(g.organizer))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      const body: Buffer = res.body;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'name,email,country,language,status,position,arrival_date,note,registered_at,checked_in_at',
      );
      expect(lines[1]).toContain('"Әсел, ""Astana"""');
      expect(lines[1]).toContain(',KZ,kk,confirmed,,');
      expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(lines[2]).toContain(`'+1 friend; @home`);
      expect(lines[2]).toContain(',waitlisted,1,');
      await t.http.get(url).set(bearer(g.volunteer)).expect(403);
      await t.http.get(url).set(bearer(evil)).expect(403);
      await t.http.get(url).expect(401);
    });
  });

  describe('check-in', () => {
    it('checks a confirmed attendee in once; a second scan is 409; unknown or foreign codes 404', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const otherEvent = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const [a, b, c] = await fans(3);
      const ra = await register(t.http, a, event.id).expect(201);
      const rb = await register(t.http, b, event.id).expect(201);
      const rc = await register(t.http, c, otherEvent.id).expect(201);
      const url = `/api/v1/events/${event.id}/check-ins`;
      const ok = await t.http
        .post(url)
        .set(bearer(g.volunteer))
        .send({ code: ra.body.checkInCode.toLowerCase() })
        .expect(200);
      expect(ok.body).toEqual({
        registrationId: ra.body.id,
        checkedInAt: expect.any(String),
        attendee: { displayName: a.displayName, country: 'KZ', language: 'en' },
      });
      const again = await t.http
        .post(url)
        .set(bearer(g.organizer))
        .send({ code: ra.body.checkInCode })
        .expect(409);
      expect(again.body).toMatchObject({
        code: 'ALREADY_CHECKED_IN',
        checkedInAt: ok.body.checkedInAt,
        registrationId: ra.body.id,
        attendee: ok.body.attendee,
      });
      await t.http
        .post(url)
        .set(bearer(g.organizer))
        .send({ code: rc.body.checkInCode })
        .expect(404);
      await t.http
        .post(url)
        .set(bearer(g.organizer))
        .send({ code: 'AAAAAAAAAAAAAAAAAAAAAAAAAA' })
        .expect(404);
      // The waitlisted registrant's code exists but is not shown nor valid.
      const [{ code }] = await t.db.query(
        `SELECT check_in_code code FROM registrations WHERE id = $1`,
        [rb.body.id],
      );
      expect(
        (await t.http.post(url).set(bearer(g.organizer)).send({ code }).expect(409)).body.code,
      ).toBe('NOT_CONFIRMED');
      await t.http.post(url).set(bearer(g.member)).send({ code: ra.body.checkInCode }).expect(403);
      await t.http.post(url).set(bearer(a)).send({ code: ra.body.checkInCode }).expect(403);
      await t.http.post(url).send({ code: ra.body.checkInCode }).expect(401);
      await t.http.post(url).set(bearer(g.organizer)).send({ code: 'x' }).expect(400);
      await t.http
        .post(url)
        .set(bearer(g.organizer))
        .send({ code: ra.body.checkInCode, extra: 1 })
        .expect(400);
      const list = await t.http
        .get(`/api/v1/events/${event.id}/registrations?status=confirmed`)
        .set(bearer(g.organizer))
        .expect(200);
      expect(list.body.items[0].checkedInAt).toBe(ok.body.checkedInAt);
    });

    it('admits concurrent scans of one code exactly once', async () => {
      const event = await createEvent(t.http, g.organizer, g.id, { capacity: 1 });
      const [a] = await fans(1);
      const ra = await register(t.http, a, event.id).expect(201);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.http
            .post(`/api/v1/events/${event.id}/check-ins`)
            .set(bearer(g.volunteer))
            .send({ code: ra.body.checkInCode }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    });
  });
});
