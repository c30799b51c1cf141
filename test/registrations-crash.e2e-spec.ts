import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { type AppProcess, ensureBuilt, startProcess } from './utils/processes.js';
import { SmtpSink } from './utils/smtp-sink.js';
import { testDatabaseUrl } from './utils/test-env.js';

const CAPACITY = 40;
const FANS = 120;

/**
 * The API process killed (SIGKILL) in the middle of a rush, at the worst moment for the
 * two-step registration (src/events/seats.ts): waitlisted registrations committed, their second
 * step (place in line, e-mail with the position) not run. The test makes that moment happen on
 * purpose: it holds the event's line lock, so second steps queue on it, then kills the API and
 * the database sessions it left waiting.
 */
describe('the API killed (SIGKILL) in the middle of a rush', () => {
  const smtp = new SmtpSink();
  let smtpUrl: string;
  let db: pg.Pool;
  const procs: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    smtpUrl = await smtp.start();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGTERM')));
    await db.end();
    await smtp.stop();
  });

  const one = async <T>(sql: string, params: unknown[] = []) =>
    (await db.query<T & pg.QueryResultRow>(sql, params)).rows[0];

  async function until(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 30_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('leaves no seat counted twice and, once a worker sweeps, no registration without its e-mail', async () => {
    const env = { USER_RATE_LIMIT: '10000', OUTBOX_SWEEP_MS: '200' };
    const api = await startProcess('api', env);
    procs.push(api);
    const http = request(api.url!);
    const organizer = await http
      .post('/api/v1/auth/signup')
      .send({
        email: `crash-organizer-${Date.now()}@example.com`,
        password: 'correct horse battery',
        displayName: 'Organizer',
        country: 'KZ',
        language: 'en',
      })
      .expect(201);
    const auth = { Authorization: `Bearer ${organizer.body.accessToken}` };
    const group = await http.post('/api/v1/fan-groups').set(auth).send({ name: 'Crash' });
    const event = await http
      .post(`/api/v1/fan-groups/${group.body.id}/events`)
      .set(auth)
      .send({
        title: 'Rush',
        startsAt: '2027-06-26T13:00:00Z',
        timezone: 'Asia/Almaty',
        capacity: CAPACITY,
      })
      .expect(201);
    const eventId = event.body.id as string;
    await http.post(`/api/v1/events/${eventId}/publish`).set(auth).expect(200);
    // Fans straight into the database with tokens signed like the API's (no argon2 wait).
    const { rows: users } = await db.query<{ id: string }>(
      `INSERT INTO users (email, password_hash, display_name, country, language)
       SELECT 'crash-' || $2 || '-' || g || '@example.com', 'x', 'Fan ' || g, 'JP', 'en'
         FROM generate_series(1, $1::int) g RETURNING id`,
      [FANS, Date.now()],
    );
    const jwt = new JwtService({
      secret: createSecretKey(Buffer.from(process.env.JWT_SECRET!, 'utf8')),
      signOptions: { algorithm: 'HS256', expiresIn: 600 },
    });
    const tokens = await Promise.all(users.map((u) => jwt.signAsync({ sub: u.id })));

    // The line lock, held: every waitlisted registration's second step will wait for it.
    const blocker = await db.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `fanevents:event-line:${eventId}`,
    ]);
    const answers: { status: number; body: { id?: string; status?: string } }[] = [];
    const burst = tokens.map((token) =>
      fetch(`${api.url}/api/v1/events/${eventId}/registrations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      }).then(
        async (r) => answers.push({ status: r.status, body: (await r.json()) as never }),
        () => undefined, // the process died first
      ),
    );
    await until(
      async () =>
        (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event = 'advisory'`,
          )
        ).n >= 3,
      'second steps queued on the line lock',
    );
    await api.stop('SIGKILL');
    await Promise.all(burst);
    // The dead process's sessions that were still waiting die with it.
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event = 'advisory' AND pid <> pg_backend_pid()`,
    );
    await blocker.query('ROLLBACK');
    blocker.release();
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);

    // The crash left waitlisted registrations without a place and without an e-mail...
    const left = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations
        WHERE event_id = $1 AND status = 'waitlisted' AND waitlist_seq IS NULL`,
      [eventId],
    );
    expect(left.n).toBeGreaterThan(0);

    // ...which a worker's sweep places, with their e-mails.
    procs.push(await startProcess('worker', { ...env, SMTP_URL: smtpUrl }));
    await until(
      async () =>
        (
          await one<{ n: number }>(
            `SELECT count(*)::int AS n FROM registrations r
              WHERE r.event_id = $1 AND NOT EXISTS (
                SELECT 1 FROM mail_outbox m WHERE m.status = 'sent' AND m.dedupe_key IN
                  ('registration_confirmed:' || r.id, 'registration_waitlisted:' || r.id))`,
            [eventId],
          )
        ).n === 0,
      'every registration e-mailed',
    );
    const seats = await one<{ taken: number; capacity: number; confirmed: number; dupes: number }>(
      `SELECT (SELECT sum(taken)::int FROM event_seats WHERE event_id = $1) AS taken,
              (SELECT sum(capacity)::int FROM event_seats WHERE event_id = $1) AS capacity,
              (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
              (SELECT count(*)::int FROM (SELECT user_id FROM registrations WHERE event_id = $1
                 GROUP BY user_id HAVING count(*) > 1) d) AS dupes`,
      [eventId],
    );
    expect(seats).toEqual({ taken: CAPACITY, capacity: CAPACITY, confirmed: CAPACITY, dupes: 0 });
    // Every waitlisted registrant was told a place 1..W, each once, in the line's order.
    const told = await db.query<{ position: number; seq: string }>(
      `SELECT (m.data->>'position')::int AS position, r.waitlist_seq AS seq
         FROM registrations r JOIN mail_outbox m ON m.dedupe_key = 'registration_waitlisted:' || r.id
        WHERE r.event_id = $1 ORDER BY r.waitlist_seq`,
      [eventId],
    );
    const waitlisted = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    expect(told.rows.map((r) => r.position)).toEqual(
      Array.from({ length: waitlisted.n }, (_, i) => i + 1),
    );
    // What the API acknowledged before it died is what the database holds.
    for (const a of answers.filter((x) => x.status === 201)) {
      const row = await one<{ status: string }>('SELECT status FROM registrations WHERE id = $1', [
        a.body.id,
      ]);
      expect(row.status).toBe(a.body.status);
    }
    // One e-mail per registration, delivered once.
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);
});
