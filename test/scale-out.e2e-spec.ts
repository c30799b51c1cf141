import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { type AppProcess, ensureBuilt, startProcess } from './utils/processes.js';
import { SmtpSink } from './utils/smtp-sink.js';
import { testDatabaseUrl } from './utils/test-env.js';

/**
 * Several real processes — two APIs (APP_ROLE=api) and two workers (APP_ROLE=worker) — on one
 * Postgres and one Redis: nothing may rely on in-process state.
 */
describe('two API processes and two workers side by side', () => {
  const smtp = new SmtpSink();
  const procs: AppProcess[] = [];
  let apis: AppProcess[];
  let db: pg.Pool;
  const AUTH_LIMIT = 120;

  const http = (i: number) => request(apis[i % apis.length].url!);

  beforeAll(async () => {
    ensureBuilt();
    const env = {
      SMTP_URL: await smtp.start(),
      AUTH_RATE_LIMIT: String(AUTH_LIMIT),
      USER_RATE_LIMIT: '1000',
      OUTBOX_SWEEP_MS: '300',
    };
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    // The first process applies any pending migrations; the others find none left. The API
    // role sends nothing, so emptying the tables before any worker starts keeps e-mails left by
    // earlier test files away from this sink.
    apis = [await startProcess('api', env)];
    await db.query(
      `TRUNCATE users, fan_groups, events, registrations, mail_outbox, idempotency_keys CASCADE`,
    );
    apis.push(await startProcess('api', env));
    procs.push(...apis, await startProcess('worker', env), await startProcess('worker', env));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await db.end();
    await smtp.stop();
  });

  async function signupAll(n: number): Promise<{ id: string; token: string }[]> {
    const res = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        http(i)
          .post('/api/v1/auth/signup')
          .send({
            email: `scale-${i}@example.com`,
            password: 'correct horse battery',
            displayName: `Fan ${i}`,
            country: 'KZ',
            language: ['en', 'ru', 'kk'][i % 3],
          }),
      ),
    );
    return res.map((r) => {
      expect(r.status).toBe(201);
      return { id: r.body.user.id as string, token: r.body.accessToken as string };
    });
  }

  it('keeps capacity, FIFO positions, e-mail exactly-once and shared rate limits', async () => {
    const [organizer, ...fans] = await signupAll(41);
    const auth = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
    const group = await http(0)
      .post('/api/v1/fan-groups')
      .set(auth(organizer))
      .send({ name: 'Scale' });
    const event = await http(1)
      .post(`/api/v1/fan-groups/${group.body.id}/events`)
      .set(auth(organizer))
      .send({
        title: 'PreParty',
        startsAt: '2027-06-26T13:00:00Z',
        timezone: 'Asia/Almaty',
        capacity: 10,
      });
    await http(0).post(`/api/v1/events/${event.body.id}/publish`).set(auth(organizer)).expect(200);

    // A burst split across both APIs.
    const burst = await Promise.all(
      fans.map((fan, i) =>
        http(i).post(`/api/v1/events/${event.body.id}/registrations`).set(auth(fan)).send({}),
      ),
    );
    expect(burst.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const { rows } = await db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status`,
      [event.body.id],
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual({
      confirmed: 10,
      waitlisted: 30,
    });
    const listed = await http(1)
      .get(`/api/v1/events/${event.body.id}/registrations?status=waitlisted&limit=100`)
      .set(auth(organizer))
      .expect(200);
    expect(
      listed.body.items
        .map((r: { waitlistPosition: number }) => r.waitlistPosition)
        .sort((a: number, b: number) => a - b),
    ).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const seats = await db.query<{ confirmed_count: number }>(
      `SELECT (SELECT COALESCE(sum(taken), 0)::int FROM event_seats WHERE event_id = $1) AS confirmed_count`,
      [event.body.id],
    );
    expect(seats.rows[0].confirmed_count).toBe(10);

    // Every e-mail (41 welcomes, 40 registration e-mails) delivered exactly once by the two workers.
    const expected = 41 + 40;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows: pending } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE status <> 'sent'`,
      );
      if (pending[0].n === 0 && smtp.messages.length >= expected) break;
      if (Date.now() > deadline) throw new Error(`outbox not drained: ${pending[0].n} left`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    const ids = smtp.messages.map((m) => m.messageId);
    const { rows: sent } = await db.query<{ id: string }>(`SELECT id FROM mail_outbox`);
    expect(sent).toHaveLength(expected);
    expect([...ids].sort()).toEqual(sent.map((r) => `<${r.id}@fanevents.local>`).sort());

    // The /auth rate limit is one budget for both processes: 41 sign-ups were already counted.
    const logins = await Promise.all(
      Array.from({ length: AUTH_LIMIT }, (_, i) =>
        http(i)
          .post('/api/v1/auth/login')
          .send({ email: 'scale-0@example.com', password: 'wrong password!' }),
      ),
    );
    const limited = logins.filter((r) => r.status === 429);
    expect(logins.length - limited.length).toBe(AUTH_LIMIT - 41);
    expect(limited[0].headers['retry-after']).toBeDefined();
  }, 90_000);
});

describe('SIGTERM during a registration burst', () => {
  let db: pg.Pool;

  beforeAll(() => {
    ensureBuilt();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  });
  afterAll(async () => {
    await db.end();
  });

  it('finishes in-flight requests, exits cleanly, and leaves no registration without its e-mail', async () => {
    const api = await startProcess('api', {
      USER_RATE_LIMIT: '1000',
      AUTH_RATE_LIMIT: '1000',
      LOG_LEVEL: 'debug',
    });
    const http = request(api.url!);
    const users = await Promise.all(
      Array.from({ length: 61 }, (_, i) =>
        http.post('/api/v1/auth/signup').send({
          email: `term-${i}-${Date.now()}@example.com`,
          password: 'correct horse battery',
          displayName: `Fan ${i}`,
          country: 'DE',
          language: 'en',
        }),
      ),
    );
    const [organizer, ...fans] = users.map((u) => ({
      Authorization: `Bearer ${u.body.accessToken}`,
    }));
    const group = await http.post('/api/v1/fan-groups').set(organizer).send({ name: 'Term' });
    const event = await http
      .post(`/api/v1/fan-groups/${group.body.id}/events`)
      .set(organizer)
      .send({
        title: 'Meetup',
        startsAt: '2027-06-26T13:00:00Z',
        timezone: 'Europe/Berlin',
        capacity: 20,
      });
    await http.post(`/api/v1/events/${event.body.id}/publish`).set(organizer).expect(200);

    interface Answer {
      status: number;
      body: { id?: string };
    }
    const burst = Promise.all(
      fans.map((fan): Promise<Answer> =>
        fetch(`${api.url}/api/v1/events/${event.body.id}/registrations`, {
          method: 'POST',
          headers: { ...fan, 'content-type': 'application/json' },
          body: '{}',
        }).then(
          async (r) => ({ status: r.status, body: (await r.json()) as { id?: string } }),
          (): Answer => ({ status: 0, body: {} }), // refused after shutdown began
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, 15));
    const exitCode = api.stop('SIGTERM');
    const results = await burst;
    const code = await Promise.race([
      exitCode,
      new Promise((r) => setTimeout(() => r('still running'), 20_000)),
    ]);
    // Nest closes everything, then re-raises the signal: a graceful exit is "killed by SIGTERM".
    if (code === 'still running') console.log(api.output.join('').slice(-4000));
    expect({ code, signal: api.child.signalCode }).toEqual({ code: null, signal: 'SIGTERM' });

    // Every answer is a success or a refused connection: never a 5xx, never a reset mid-request.
    expect(results.every((r) => r.status === 201 || r.status === 0 || r.status === 503)).toBe(true);
    const acknowledged = results.filter((r) => r.status === 201).map((r) => r.body.id);
    const { rows } = await db.query<{ id: string; mails: number }>(
      `SELECT r.id, (SELECT count(*)::int FROM mail_outbox m
                      WHERE m.dedupe_key = 'registration_' || r.status || ':' || r.id) AS mails
         FROM registrations r WHERE r.event_id = $1`,
      [event.body.id],
    );
    expect(rows.every((r) => r.mails === 1)).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(acknowledged));
    const seats = await db.query<{ confirmed_count: number; confirmed: number }>(
      `SELECT (SELECT sum(taken)::int FROM event_seats s WHERE s.event_id = e.id) AS confirmed_count,
              (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed
         FROM events e WHERE e.id = $1`,
      [event.body.id],
    );
    expect(seats.rows[0].confirmed_count).toBe(seats.rows[0].confirmed);
  }, 60_000);
});
