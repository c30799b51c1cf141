import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DrawService } from '../src/lottery/draw.service.js';
import { verifyDraw } from '../src/lottery/verify.js';
import { createGroup } from './factories/index.js';
import { closeApplications, createLottery, insertApplicants } from './utils/lottery.js';
import { type AppProcess, ensureBuilt, startProcess } from './utils/processes.js';
import { SmtpSink } from './utils/smtp-sink.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';
import { testDatabaseUrl } from './utils/test-env.js';

const ROOT = new URL('../', import.meta.url).pathname;

/** Runs the built `verify-draw` CLI against a URL; resolves with its exit code and output. */
function verifyCli(eventId: string, url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['dist/src/lottery/verify-draw.js', eventId, '--url', url],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The draw with real processes: workers that poll for due draws, one killed mid-draw, two more
 * and the test process racing to draw the same event; then the public record checked by the
 * real `verify-draw` command.
 */
describe('lottery draw across processes', () => {
  const smtp = new SmtpSink();
  const workers: AppProcess[] = [];
  let t: TestApp;
  let db: pg.Pool;
  let baseUrl: string;
  let smtpUrl: string;

  beforeAll(async () => {
    ensureBuilt();
    smtpUrl = await smtp.start();
    t = await startTestApp({ DRAW_POLL_MS: '0', SMTP_URL: smtpUrl });
    await truncateAll(t.db);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 3 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await db.end();
    await t.close();
    await smtp.stop();
  });

  it('draws once — one outcome, one e-mail each — when a worker dies mid-draw and two more and the API race', async () => {
    const g = await createGroup(t.http);
    const event = await createLottery(t.http, g.organizer, g.id, {
      capacity: 80,
      quotas: [
        { country: 'US', seats: 20 },
        { country: 'JP', seats: 10 },
      ],
    });
    const applicants = 200;
    const ids = await insertApplicants(
      t.db,
      event.id,
      Array.from({ length: applicants }, (_, i) => ['KZ', 'US', 'JP', 'DE'][i % 4]),
    );
    await closeApplications(t.db, event.id);
    smtp.clear();

    // A test transaction holds one application's row: the first worker's draw gets in (its
    // advisory lock, the record written) and then waits on that row, mid-draw, until killed.
    const blocker = await db.connect();
    await blocker.query('BEGIN');
    // NO KEY UPDATE: the draw's record (which references the row) gets written, its status
    // update waits.
    await blocker.query('SELECT 1 FROM registrations WHERE id = $1 FOR NO KEY UPDATE', [ids[0]]);
    const env = { SMTP_URL: smtpUrl, DRAW_POLL_MS: '100', OUTBOX_SWEEP_MS: '300' };
    let first: AppProcess;
    try {
      first = await startProcess('worker', env);
      workers.push(first);
      await until('the first worker to block mid-draw', async () => {
        const [{ n }] = (
          await db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'
               AND query LIKE '%registrations%'`,
          )
        ).rows;
        return n > 0 ? true : undefined;
      });
      await first.stop('SIGKILL');
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    const [{ drawn }] = (
      await db.query(`SELECT count(*)::int AS drawn FROM lottery_draws WHERE event_id = $1`, [
        event.id,
      ])
    ).rows;
    expect(drawn).toBe(0);

    // Two fresh workers and the API process race for the same draw.
    workers.push(
      ...(await Promise.all([startProcess('worker', env), startProcess('worker', env)])),
    );
    const draws = t.app.get(DrawService);
    await until('the draw', async () => {
      await draws.draw(event.id);
      const rows = (await db.query(`SELECT drawn_at FROM events WHERE id = $1`, [event.id])).rows;
      return rows[0].drawn_at ? true : undefined;
    });

    const record = (await t.http.get(`/api/v1/events/${event.id}/draw`).expect(200)).body;
    expect(verifyDraw(record)).toEqual({ ok: true, problems: [] });
    expect(record).toMatchObject({ applications: applicants, seated: 80 });
    const counts = (
      await db.query(
        `SELECT (SELECT count(*)::int FROM lottery_draws) AS draws,
                (SELECT count(*)::int FROM lottery_draw_entries) AS entries,
                (SELECT count(*)::int FROM registrations WHERE status = 'confirmed') AS confirmed,
                (SELECT sum(taken)::int FROM event_seats WHERE event_id = $1) AS seats,
                (SELECT count(*)::int FROM mail_outbox WHERE kind IN ('draw_seated', 'draw_waitlisted')) AS mails,
                (SELECT count(DISTINCT data->>'registrationId')::int FROM mail_outbox
                  WHERE kind IN ('draw_seated', 'draw_waitlisted')) AS recipients`,
        [event.id],
      )
    ).rows[0];
    expect(counts).toEqual({
      draws: 1,
      entries: applicants,
      confirmed: 80,
      seats: 80,
      mails: applicants,
      recipients: applicants,
    });
    // Every applicant's outcome in the record is their registration's status.
    const mismatched = (
      await db.query(
        `SELECT count(*)::int AS n FROM lottery_draw_entries d JOIN registrations r ON r.id = d.registration_id
         WHERE (d.outcome = 'waitlist') <> (r.status = 'waitlisted')`,
      )
    ).rows[0].n;
    expect(mismatched).toBe(0);
    // Delivered: one e-mail per applicant, none twice.
    const delivered = await smtp.waitFor(
      (m) => /^(You were drawn|Draw result)/.test(m.subject ?? ''),
      applicants,
      150_000,
    );
    const perAddress = new Map<string, number>();
    for (const m of delivered) {
      const to = [m.to].flat()[0]!.value[0].address!;
      perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    }
    expect(perAddress.size).toBe(applicants);
    expect(Math.max(...perAddress.values())).toBe(1);
  }, 240_000);

  it('verify-draw passes on the real draw and fails once a row of it is altered in the database', async () => {
    const [{ event_id: eventId }] = (await db.query(`SELECT event_id FROM lottery_draws`))
      .rows;
    const good = await verifyCli(eventId, baseUrl);
    expect(good.out).toContain('OK');
    expect(good.code).toBe(0);

    // An outcome changed: a waitlisted applicant recorded as seated.
    const {
      rows: [{ rank }],
    } = await db.query<{ rank: number }>(
      `UPDATE lottery_draw_entries SET outcome = 'general'
       WHERE event_id = $1 AND rank = (SELECT min(rank) FROM lottery_draw_entries WHERE outcome = 'waitlist')
       RETURNING rank`,
      [eventId],
    );
    const altered = await verifyCli(eventId, baseUrl);
    expect(altered.out).toContain('MISMATCH');
    expect(altered.code).toBe(1);
    await db.query(
      `UPDATE lottery_draw_entries SET outcome = 'waitlist' WHERE event_id = $1 AND rank = $2`,
      [eventId, rank],
    );
    expect((await verifyCli(eventId, baseUrl)).code).toBe(0);

    // Two applications swapped in the order.
    await db.query(
      `UPDATE lottery_draw_entries SET rank = -rank WHERE event_id = $1 AND rank IN (1, 2)`,
      [eventId],
    );
    await db.query(
      `UPDATE lottery_draw_entries SET rank = CASE rank WHEN -1 THEN 2 ELSE 1 END
       WHERE event_id = $1 AND rank IN (-1, -2)`,
      [eventId],
    );
    const swapped = await verifyCli(eventId, baseUrl);
    expect(swapped.out).toMatch(/order differs/);
    expect(swapped.code).toBe(1);
  }, 60_000);
});
