// npm run bench:rush — the PreParty rush (issue 12): one event of 30,000 seats, 60,000 distinct
// fans registering at 64 connections against the API alone (APP_ROLE=api), then their e-mails
// drained by two worker processes into an SMTP sink; then the same burst against the bare
// references (bench/rush-bare.mjs: today's single-row statement, and one INSERT per transaction,
// the commit ceiling), each on the API's pool size.
//
// Prints registrations/s and p50/p99 for each, the confirmed count, the waitlist positions told
// (1…N − C, each once), duplicates, the API's peak RSS and CPU per registration, the time until
// the last e-mail is delivered, e-mails/s and worker CPU per e-mail, and the targets.
//
// Env: BENCH_SEATS (30000), BENCH_FANS (60000), BENCH_WORKERS (2), BENCH_API_NODE_ARGS and
// BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_SKIP_BARE=1.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { freePort, freshDatabase, smtpSink } from './harness.mjs';
import { waitForHttp } from './lib.mjs';
import { LEGACY_SCHEMA } from './rush-legacy-sql.mjs';

const SEATS = Number(process.env.BENCH_SEATS ?? 30_000);
const FANS = Number(process.env.BENCH_FANS ?? 60_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const WARM = 2000;
const CONNECTIONS = 64;
const POOL = 8;
const SECRET = 'bench-secret-bench-secret-bench-secret-01';
const ROOT = new URL('..', import.meta.url).pathname;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function start(label, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    children.delete(child);
    if ((code || (signal && signal !== 'SIGTERM')) && !child.stopping) {
      console.error(`${label} exited with ${code ?? signal}`);
      process.exit(1);
    }
  });
  children.add(child);
  return child;
}

function stop(child) {
  child.stopping = true;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  return exited;
}

/** Peak resident set size (VmHWM) of a process, in MB. */
function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function api(port, method, path, token, body) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function createEvent(port, token, groupId, title, capacity) {
  const event = await api(port, 'POST', `/fan-groups/${groupId}/events`, token, {
    title,
    startsAt: '2027-06-26T13:00:00.000Z',
    endsAt: '2027-06-26T17:00:00.000Z',
    timezone: 'Asia/Almaty',
    venue: 'Barys Arena',
    city: 'Astana',
    capacity,
  });
  await api(port, 'POST', `/events/${event.id}/publish`, token);
  return event.id;
}

/** Fans straight into the database (no password hashing), with access tokens. */
async function makeFans(db, n, tag) {
  const { rows } = await db.query(
    `INSERT INTO users (email, password_hash, display_name, country, language)
     SELECT 'rush-' || $2 || '-' || i || '@example.com', 'x', 'Fan ' || i,
            (ARRAY['KZ','US','JP','CN','DE'])[1 + i % 5], (ARRAY['en','ru','kk'])[1 + i % 3]
     FROM generate_series(1, $1) i RETURNING id`,
    [n, tag],
  );
  return rows.map((r) => jwt.sign({ sub: r.id }, SECRET, { algorithm: 'HS256', expiresIn: 7200 }));
}

/** The burst: one request per token at 64 connections; collects the 201 bodies' positions. */
function fire(port, path, tokens, onBody) {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        amount: tokens.length,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path,
            setupRequest: (req) => ({
              ...req,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${tokens[next++ % tokens.length]}`,
              },
              body: '{}',
            }),
            onResponse: onBody ? (status, body) => status === 201 && onBody(body) : undefined,
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('error', reject);
  });
}

const summary = (r) => ({
  // Completed requests over the run's wall time (autocannon's per-second mean is coarse).
  perSec: Math.round(r.requests.total / r.duration),
  p50: r.latency.p50,
  p99: r.latency.p99,
  total: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  seconds: r.duration,
});

const line = (label, s) =>
  `${label.padEnd(36)} ${String(s.perSec).padStart(6)} /s   p50 ${String(s.p50).padStart(4)} ms   p99 ${String(s.p99).padStart(5)} ms   non-2xx ${s.non2xx}   errors ${s.errors}`;

async function main() {
  const dbUrl = await freshDatabase('fanevents_bench_rush');
  const sink = await smtpSink();
  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: String(POOL),
    JWT_SECRET: SECRET,
    REDIS_PREFIX: `bench-rush-${randomBytes(4).toString('hex')}`,
    AUTH_RATE_LIMIT: '100000',
    USER_RATE_LIMIT: '100000',
    SMTP_URL: sink.url,
    OUTBOX_SWEEP_MS: '200',
    MAIL_CONCURRENCY: '64',
  };
  const apiArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const app = start('api', [...apiArgs, 'dist/src/main.js'], {
    ...env,
    APP_ROLE: 'api',
    PORT: String(port),
  });
  await waitForHttp(`http://127.0.0.1:${port}/health`);

  const db = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const organizer = await api(port, 'POST', '/auth/signup', undefined, {
    email: 'rush-organizer@example.com',
    password: 'bench-password-123',
    displayName: 'Rush organizer',
    country: 'KZ',
    language: 'en',
  });
  const token = organizer.accessToken;
  const group = await api(port, 'POST', '/fan-groups', token, { name: 'Dimash&Dostar' });
  const warmEvent = await createEvent(port, token, group.id, 'Warm-up', WARM);
  const rushEvent = await createEvent(port, token, group.id, 'World Fan Groups PreParty', SEATS);
  const warmFans = await makeFans(db, WARM * 2, 'warm');
  const fans = await makeFans(db, FANS, 'rush');
  await db.query('VACUUM ANALYZE');
  console.log(`setup: ${SEATS} seats, ${FANS} fans, ${CONNECTIONS} connections, pool ${POOL}`);

  // Warm the JIT and the pools, then the rush.
  await fire(port, `/api/v1/events/${warmEvent}/registrations`, warmFans);
  const positions = [];
  const cpuBefore = cpuMs(app.pid);
  const rushStart = now();
  const ours = summary(
    await fire(port, `/api/v1/events/${rushEvent}/registrations`, fans, (body) => {
      const p = JSON.parse(body).waitlistPosition;
      if (p !== null) positions.push(p);
    }),
  );
  const apiCpuPerReg = (cpuMs(app.pid) - cpuBefore) / FANS;
  const rssMb = peakRssMb(app.pid);
  await stop(app);

  const { rows: [check] } = await db.query(
    `SELECT (SELECT sum(taken)::int FROM event_seats WHERE event_id = $1) AS taken,
       (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
       (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'waitlisted') AS waitlisted,
       (SELECT count(*)::int FROM (SELECT user_id FROM registrations WHERE event_id = $1
          GROUP BY user_id HAVING count(*) > 1) d) AS duplicates,
       (SELECT count(*)::int FROM mail_outbox WHERE data->>'eventId' = $1::text) AS mails,
       (SELECT count(*)::int FROM mail_outbox) AS all_mails`,
    [rushEvent],
  );
  const waitlistN = FANS - SEATS;
  const sorted = [...positions].sort((a, b) => a - b);
  const positionsOk =
    sorted.length === waitlistN && sorted.every((p, i) => p === i + 1);

  // The e-mails: two workers drain the outbox (the API's relay queued most of it already).
  const workerArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const drainStart = now();
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    start(`worker ${i}`, [...workerArgs, 'dist/src/worker.js'], { ...env, APP_ROLE: 'worker' }),
  );
  const workerCpu0 = workers.map(() => 0);
  let lastDelivery = 0;
  for (let i = 0; sink.delivered < check.all_mails; i++) {
    if (i > 6000) throw new Error(`only ${sink.delivered} of ${check.all_mails} e-mails after 10 min`);
    await sleep(100);
    lastDelivery = now();
  }
  const workerCpu = workers.reduce((sum, w, i) => sum + cpuMs(w.pid) - workerCpu0[i], 0);
  const drainSeconds = (lastDelivery - drainStart) / 1000;
  const workerRss = Math.max(...workers.map((w) => peakRssMb(w.pid)));
  await Promise.all(workers.map(stop));

  let bare;
  let ceiling;
  if (!process.env.BENCH_SKIP_BARE) {
    for (const sql of LEGACY_SCHEMA) await db.query(sql);
    await db.query(`CREATE TABLE bench_commits (id bigserial PRIMARY KEY, user_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    const legacyEvent = async (title, capacity) =>
      (
        await db.query(
          `INSERT INTO events (group_id, title, starts_at, ends_at, timezone, capacity, status, published_at)
           VALUES ($1, $2, '2027-06-26T13:00:00Z', '2027-06-26T17:00:00Z', 'Asia/Almaty', $3, 'published', now())
           RETURNING id`,
          [group.id, title, capacity],
        )
      ).rows[0].id;
    const warmLegacy = await legacyEvent('Warm-up (bare)', WARM);
    const rushLegacy = await legacyEvent('PreParty (bare, single row)', SEATS);
    await db.query('VACUUM ANALYZE');
    const barePort = await freePort();
    const server = start('bare', ['bench/rush-bare.mjs'], {
      PORT: String(barePort),
      DATABASE_URL: dbUrl,
      POOL_SIZE: String(POOL),
    });
    await waitForHttp(`http://127.0.0.1:${barePort}/health`);
    await fire(barePort, `/api/v1/events/${warmLegacy}/registrations`, warmFans);
    bare = summary(await fire(barePort, `/api/v1/events/${rushLegacy}/registrations`, fans));
    const { rows: [legacy] } = await db.query(
      `SELECT confirmed_count,
         (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'confirmed') AS confirmed
         FROM events WHERE id = $1`,
      [rushLegacy],
    );
    bare.check = legacy;
    await fire(barePort, '/ceiling', warmFans);
    ceiling = summary(await fire(barePort, '/ceiling', fans));
    await stop(server);
  }
  await db.end();
  await sink.close();

  const { stdout } = await import('node:process');
  const out = [];
  const say = (s = '') => out.push(s);
  say('');
  say(`== The rush: ${SEATS} seats, ${FANS} fans, ${CONNECTIONS} connections (API alone, pool ${POOL})`);
  say(line('ours (NestJS endpoint, full)', ours));
  if (bare) say(line("bare node:http + pg, today's statement", bare));
  if (ceiling) say(line('commit ceiling (1 INSERT per txn)', ceiling));
  say(
    `confirmed                            ${check.confirmed} (seats taken ${check.taken}) of ${SEATS}, waitlisted ${check.waitlisted}`,
  );
  say(
    `positions told (201)                 ${positions.length} told, ${positionsOk ? `exactly 1…${waitlistN}, each once` : 'WRONG'}`,
  );
  say(`duplicates                           ${check.duplicates}`);
  say(`e-mails written for the rush         ${check.mails}`);
  say(`API peak RSS                         ${rssMb.toFixed(0)} MB`);
  say(`API CPU per registration             ${apiCpuPerReg.toFixed(3)} ms`);
  say(
    `e-mails: ${check.all_mails} drained by ${WORKERS} workers in ${drainSeconds.toFixed(1)} s → ${Math.round(check.all_mails / drainSeconds)} e-mails/s, worker CPU ${(workerCpu / check.all_mails).toFixed(3)} ms/e-mail, worker peak RSS ${workerRss.toFixed(0)} MB, duplicates ${sink.duplicates}`,
  );
  say(
    `last e-mail delivered                ${((lastDelivery - rushStart) / 1000).toFixed(1)} s after the rush began (rush ${ours.seconds} s)`,
  );
  if (bare) {
    say(
      `bare check                           confirmed_count ${bare.check.confirmed_count}, confirmed ${bare.check.confirmed}`,
    );
  }
  const targets = [
    ['exactly C confirmed', check.confirmed === SEATS && check.taken === SEATS],
    ['positions 1…N−C once', positionsOk],
    ['no duplicates', check.duplicates === 0],
    ['no error', ours.non2xx === 0 && ours.errors === 0],
    ['p99 ≤ 100 ms', ours.p99 <= 100],
    ['API RSS ≤ 300 MB', rssMb <= 300],
    ['≤ 1 ms worker CPU/e-mail', workerCpu / check.all_mails <= 1],
    ['≥ 1,000 e-mails/s', check.all_mails / drainSeconds >= 1000],
  ];
  if (bare) {
    say(`ratio to the single-row bare server  ${(ours.perSec / bare.perSec).toFixed(2)}`);
    targets.push(['≥ 2× single-row bare', ours.perSec >= 2 * bare.perSec]);
  }
  if (ceiling) {
    say(`ratio to the commit ceiling          ${(ours.perSec / ceiling.perSec).toFixed(2)}`);
    targets.push(['≥ 0.5× commit ceiling', ours.perSec >= 0.5 * ceiling.perSec]);
  }
  say(`targets: ${targets.map(([t, ok]) => `${t}: ${ok ? 'met' : 'MISSED'}`).join(' · ')}`);
  stdout.write(`${out.join('\n')}\n`);
  const broken = !(check.confirmed === SEATS && positionsOk && check.duplicates === 0);
  if (broken || ours.non2xx > 0 || ours.errors > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
