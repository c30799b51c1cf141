// E-mail throughput end to end: outbox rows committed in Postgres → relay → Bull → the real
// worker process (dist/src/worker.js, APP_ROLE=worker) → nodemailer pool → a local SMTP sink.
//
//   npm run bench:mail            (builds first)
//
// Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/fanevents_bench, created
// if missing; its users and mail_outbox tables are emptied), REDIS_URL, BENCH_MAILS (10000),
// BENCH_SMTP_PORT (2525), MAIL_CONCURRENCY and OUTBOX_SWEEP_MS passed on to the worker.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const CHUNK = 500;
const DB_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fanevents_bench';
const SMTP_PORT = Number(process.env.BENCH_SMTP_PORT ?? 2525);
const WORKER_ENV = {
  MAIL_CONCURRENCY: process.env.MAIL_CONCURRENCY ?? '64',
  // Rows are inserted here, not through an API process that would kick the relay: the worker
  // finds them by its sweep, so a short sweep interval stands in for the kick.
  OUTBOX_SWEEP_MS: process.env.OUTBOX_SWEEP_MS ?? '100',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function ensureDatabase() {
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

/** Delivery time per outbox id, read from the Message-ID the worker derives from it. */
function startSink(delivered) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const head = Buffer.concat(chunks).subarray(0, 4096).toString('latin1');
        const id = /^Message-ID: <([0-9a-f-]{36})@/im.exec(head)?.[1];
        if (id && !delivered.has(id)) delivered.set(id, performance.timeOrigin + performance.now());
        else if (id) duplicates += 1;
        callback();
      });
    },
  });
  return new Promise((resolve) => server.listen(SMTP_PORT, '127.0.0.1', () => resolve(server)));
}
let duplicates = 0;

function startWorker(prefix) {
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/src/worker.js'],
    {
      env: {
        ...process.env,
        ...WORKER_ENV,
        APP_ROLE: 'worker',
        NODE_ENV: 'production',
        JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(24).toString('hex'),
        DATABASE_URL: DB_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return child;
}

/** Peak resident set size of a process so far (kernel high-water mark), in MiB. */
function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function main() {
  await ensureDatabase();
  const delivered = new Map();
  const sink = await startSink(delivered);
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const workers = Array.from({ length: WORKERS }, () => startWorker(prefix));
  const worker = workers[0];
  const db = new pg.Pool({ connectionString: DB_URL, max: 4 });
  try {
    // The worker applies the migrations on a fresh database; wait for its tables.
    for (let i = 0; ; i++) {
      const { rows } = await db.query(`SELECT to_regclass('mail_outbox') AS t`);
      if (rows[0].t) break;
      if (i > 300 || worker.exitCode !== null) throw new Error('worker did not start');
      await sleep(100);
    }
    await sleep(1500);
    await db.query('TRUNCATE mail_outbox, users CASCADE');
    const languages = ['en', 'ru', 'kk'];
    const { rows: users } = await db.query(
      `INSERT INTO users (email, password_hash, display_name, country, language)
       SELECT 'bench-' || g || '@example.com', 'x', 'Fan ' || g, 'KZ',
              ($2::text[])[(g % 3) + 1]
         FROM generate_series(1, $1::int) g RETURNING id`,
      [MAILS, languages],
    );

    // The burst: rows committed back to back in chunks, each with its commit time.
    const committedAt = new Map();
    const cpuBefore = workers.reduce((sum, w) => sum + cpuMs(w.pid), 0);
    const start = performance.timeOrigin + performance.now();
    for (let i = 0; i < users.length; i += CHUNK) {
      const ids = users.slice(i, i + CHUNK).map((u) => u.id);
      const { rows } = await db.query(
        `INSERT INTO mail_outbox (kind, user_id, data)
         SELECT 'welcome', id, '{}' FROM unnest($1::uuid[]) AS id RETURNING id`,
        [ids],
      );
      const at = performance.timeOrigin + performance.now();
      for (const r of rows) committedAt.set(r.id, at);
    }
    const insertedMs = performance.timeOrigin + performance.now() - start;

    for (let i = 0; delivered.size < MAILS; i++) {
      if (i > 1200) throw new Error(`only ${delivered.size} of ${MAILS} delivered after 120 s`);
      await sleep(100);
    }
    // End to end includes the worker marking every row sent.
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'sent'`,
      );
      if (rows[0].n === MAILS) break;
      await sleep(20);
    }
    const allSentAt = performance.timeOrigin + performance.now();
    const rss = Math.max(...workers.map((w) => peakRssMiB(w.pid)));
    const cpuPerMail = (workers.reduce((sum, w) => sum + cpuMs(w.pid), 0) - cpuBefore) / MAILS;

    const latencies = [...delivered]
      .map(([id, at]) => at - committedAt.get(id))
      .sort((a, b) => a - b);
    const lastDelivery = Math.max(...delivered.values());
    const seconds = (lastDelivery - start) / 1000;
    const result = {
      mails: MAILS,
      settings: { ...WORKER_ENV, workers: WORKERS },
      insertMs: Math.round(insertedMs),
      deliveredPerSecond: Math.round(MAILS / seconds),
      allMarkedSentMs: Math.round(allSentAt - start),
      p50Ms: Math.round(percentile(latencies, 0.5)),
      p99Ms: Math.round(percentile(latencies, 0.99)),
      workerPeakRssMiB: Math.round(rss),
      workerCpuMsPerMail: Number(cpuPerMail.toFixed(3)),
      duplicates,
    };
    process.stdout.write(
      `mail: ${result.deliveredPerSecond} e-mails/s end to end (${MAILS} in ${seconds.toFixed(2)} s), ` +
        `commit→delivery p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
        `worker peak RSS ${result.workerPeakRssMiB} MiB (max of ${WORKERS}), worker CPU ${result.workerCpuMsPerMail} ms/e-mail, ` +
        `duplicates ${duplicates}\n` +
        `${JSON.stringify(result)}\n`,
    );
  } finally {
    await Promise.all(
      workers
        .filter((w) => w.exitCode === null && w.signalCode === null)
        .map((w) => {
          const exited = new Promise((r) => w.once('exit', r));
          w.kill('SIGTERM');
          return exited;
        }),
    );
    await db.end();
    await new Promise((r) => sink.close(r));
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
