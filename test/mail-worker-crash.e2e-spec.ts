import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import pg from 'pg';
import { ensureBuilt } from './utils/processes.js';
import { SmtpSink } from './utils/smtp-sink.js';
import { testDatabaseUrl } from './utils/test-env.js';

/**
 * Real worker processes (the built `dist/src/worker.js`, APP_ROLE=worker) working through a
 * backlog while one of them dies. The SMTP sink answers slowly so that the kill lands mid-way.
 */
const CONCURRENCY = 8;
const BACKLOG = 300;

describe('worker processes dying mid-backlog', () => {
  const smtp = new SmtpSink();
  let smtpUrl: string;
  let db: pg.Pool;
  const workers: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['dist/src/worker.js'], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        APP_ROLE: 'worker',
        SMTP_URL: smtpUrl,
        MAIL_CONCURRENCY: String(CONCURRENCY),
        OUTBOX_STUCK_MS: '2000',
      },
      stdio: 'ignore',
    });
    workers.push(child);
    return child;
  }

  /** Resolves once the process is gone (a process killed by a signal has no exit code). */
  const stop = async (child: ChildProcess, signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    return exited;
  };

  async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** BACKLOG users with a pending welcome e-mail each, committed at once. */
  async function seedBacklog(): Promise<string[]> {
    const rows = await db.query<{ id: string }>(
      `WITH u AS (
         INSERT INTO users (email, password_hash, display_name, country, language)
         SELECT 'crash-' || g || '@example.com', 'x', 'Fan ' || g, 'KZ', (ARRAY['en','ru','kk'])[g % 3 + 1]
           FROM generate_series(1, $1::int) g
         RETURNING id)
       INSERT INTO mail_outbox (kind, user_id, data) SELECT 'welcome', id, '{}' FROM u RETURNING id`,
      [BACKLOG],
    );
    return rows.rows.map((r) => r.id);
  }

  const deliveredIds = () =>
    smtp.messages.map((m) => /^<([^@]+)@/.exec(m.messageId ?? '')?.[1] ?? '');

  const sentCount = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent'`,
      )
    ).rows[0].n;

  beforeAll(async () => {
    ensureBuilt();
    smtpUrl = await smtp.start();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    // The first worker applies pending migrations to a fresh test database.
    const first = startWorker();
    await waitFor(async () => {
      const r = await db.query<{ t: string | null }>(`SELECT to_regclass('mail_outbox') AS t`);
      return r.rows[0].t !== null;
    });
    await stop(first, 'SIGTERM');
  }, 120_000);

  afterEach(async () => {
    await Promise.all(workers.map((w) => stop(w, 'SIGTERM')));
    workers.length = 0;
  }, 30_000);

  afterAll(async () => {
    await db.end();
    await smtp.stop();
  });

  beforeEach(async () => {
    await db.query(`TRUNCATE mail_outbox, users CASCADE`);
    smtp.clear();
    smtp.behaviour.delayMs = 40;
  });

  it('delivers every e-mail exactly once when a worker is stopped (SIGTERM) and another starts', async () => {
    const a = startWorker();
    const ids = await seedBacklog();
    await waitFor(() => smtp.messages.length >= BACKLOG / 5);
    await stop(a, 'SIGTERM');
    expect(await sentCount()).toBeLessThan(BACKLOG);

    startWorker();
    await waitFor(async () => (await sentCount()) === BACKLOG);
    await new Promise((r) => setTimeout(r, 500));
    expect(deliveredIds().sort()).toEqual([...ids].sort());
  }, 60_000);

  it('delivers every e-mail when a worker is killed (SIGKILL) and another starts', async () => {
    const a = startWorker();
    const ids = await seedBacklog();
    await waitFor(() => smtp.messages.length >= BACKLOG / 5);
    await stop(a, 'SIGKILL');
    expect(await sentCount()).toBeLessThan(BACKLOG);

    startWorker();
    await waitFor(async () => (await sentCount()) === BACKLOG);
    await new Promise((r) => setTimeout(r, 500));
    const delivered = deliveredIds();
    expect(new Set(delivered)).toEqual(new Set(ids));
    // Only the messages in flight at the kill (accepted by SMTP, not yet marked sent) may repeat.
    expect(delivered.length - ids.length).toBeLessThanOrEqual(CONCURRENCY);
  }, 60_000);
});
