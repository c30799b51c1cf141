import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { IdempotencyService } from '../src/registrations/idempotency.service.js';
import { bearer, createGroup, signup, type TestGroup } from './factories/index.js';
import { createEvent } from './utils/events.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('registrations: Idempotency-Key', () => {
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

  const post = (
    token: { token: string },
    eventId: string,
    key: string | undefined,
    body: object,
  ) => {
    const req = t.http.post(`/api/v1/events/${eventId}/registrations`).set(bearer(token));
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query(sql, params))[0].n as number;

  it('replays the first answer (status and body) for the same key and body, acting once', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 3 });
    const fan = await signup(t.http);
    const first = await post(fan, event.id, 'key-1', { language: 'ru', note: 'hi' }).expect(201);
    const again = await post(fan, event.id, 'key-1', { note: 'hi', language: 'ru' }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(await count(`SELECT count(*)::int n FROM registrations`)).toBe(1);
    expect(
      await count(`SELECT count(*)::int n FROM mail_outbox WHERE kind = 'registration_confirmed'`),
    ).toBe(1);
    const [{ confirmed_count }] = await t.db.query(
      `SELECT (SELECT COALESCE(sum(taken), 0)::int FROM event_seats WHERE event_id = $1) AS confirmed_count`,
      [event.id],
    );
    expect(confirmed_count).toBe(1);
  });

  it('replays a refusal too (409 EVENT_FULL stays the answer for that key)', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, {
      capacity: 1,
      waitlistEnabled: false,
    });
    const [a, b] = await Promise.all([signup(t.http), signup(t.http)]);
    await post(a, event.id, undefined, {}).expect(201);
    const first = await post(b, event.id, 'k', {}).expect(409);
    const again = await post(b, event.id, 'k', {}).expect(409);
    expect(again.body).toEqual(first.body);
    expect(again.body.code).toBe('EVENT_FULL');
  });

  it('answers 422 when the key is reused with another body or another event', async () => {
    const event = await createEvent(t.http, g.organizer, g.id);
    const other = await createEvent(t.http, g.organizer, g.id);
    const fan = await signup(t.http);
    await post(fan, event.id, 'k', { note: 'one' }).expect(201);
    await post(fan, event.id, 'k', { note: 'two' }).expect(422);
    await post(fan, other.id, 'k', { note: 'one' }).expect(422);
    expect(await count(`SELECT count(*)::int n FROM registrations`)).toBe(1);
  });

  it('scopes keys per user', async () => {
    const event = await createEvent(t.http, g.organizer, g.id);
    const [a, b] = await Promise.all([signup(t.http), signup(t.http)]);
    const ra = await post(a, event.id, 'same', { note: 'a' }).expect(201);
    const rb = await post(b, event.id, 'same', { note: 'b' }).expect(201);
    expect(rb.body.id).not.toBe(ra.body.id);
    expect(rb.body.userId).toBe(b.id);
  });

  it('answers 409 to a retry while the first request is still running, then replays', async () => {
    const event = await createEvent(t.http, g.organizer, g.id, { capacity: 2 });
    const fan = await signup(t.http);
    // Hold the event row so the first request waits inside its transaction.
    const blocker = t.db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`SELECT id FROM events WHERE id = $1 FOR UPDATE`, [event.id]);
    const firstP = post(fan, event.id, 'slow', {}).then((r) => r);
    for (let i = 0; i < 200; i++) {
      if ((await count(`SELECT count(*)::int n FROM idempotency_keys`)) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const retry = await post(fan, event.id, 'slow', {}).expect(409);
    expect(retry.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    await blocker.commitTransaction();
    await blocker.release();
    const first = await firstP;
    expect(first.status).toBe(201);
    const replay = await post(fan, event.id, 'slow', {}).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(await count(`SELECT count(*)::int n FROM registrations`)).toBe(1);
  });

  it('rejects a malformed key with 400', async () => {
    const event = await createEvent(t.http, g.organizer, g.id);
    const fan = await signup(t.http);
    await post(fan, event.id, 'x'.repeat(201), {}).expect(400);
    await post(fan, event.id, 'with space', {}).expect(400);
    expect(await count(`SELECT count(*)::int n FROM registrations`)).toBe(0);
  });

  it('forgets keys after 24 hours: the purge deletes them and the key is usable again', async () => {
    const event = await createEvent(t.http, g.organizer, g.id);
    const other = await createEvent(t.http, g.organizer, g.id);
    const fan = await signup(t.http);
    await post(fan, event.id, 'old', {}).expect(201);
    const [{ hours }] = await t.db.query(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours FROM idempotency_keys`,
    );
    expect(hours).toBe(24);
    await t.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second'`);
    // An expired key is not replayed even before the purge runs.
    await post(fan, other.id, 'old', {}).expect(201);
    await t.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second'`);
    const purged = await t.app.get(IdempotencyService).purgeExpired();
    expect(purged).toBe(1);
    expect(await count(`SELECT count(*)::int n FROM idempotency_keys`)).toBe(0);
  });

  it('runs the purge in one process at a time (advisory lock)', async () => {
    const holder = t.db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('fanevents:idempotency-purge'))`);
    const fan = await signup(t.http);
    await t.db.query(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint, expires_at) VALUES ($1, 'x', repeat('0', 64), now() - interval '1 hour')`,
      [fan.id],
    );
    expect(await t.app.get(IdempotencyService).purgeExpired()).toBe(0);
    await holder.commitTransaction();
    await holder.release();
    expect(await t.app.get(IdempotencyService).purgeExpired()).toBe(1);
  });
});
