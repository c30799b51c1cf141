// npm run bench:registration — the registration hot path under a burst, against a baseline.
//
// 1. Starts the built app (APP_ROLE=api, LOG_LEVEL=warn) on a fresh bench database.
// 2. Setup (not timed): an organizer, a group, a published event of capacity C; K fans
//    inserted directly and given signed access tokens.
// 3. Fires the K registrations with autocannon at 64 connections against the real endpoint
//    (JWT guard, rate limit, validation, SQL, outbox) and verifies exactly C confirmed.
// 4. Baseline: a minimal node:http + pg server running the same SQL (same statements, same
//    pool size) against a second event, same load; prints our throughput as a ratio of it.
//
// Two scenarios by default, each on its own event, API and baseline alike:
// - C=2000, K=12000: the issue's run; five of six registrants end on a 10,000-long waitlist,
//   so it mostly measures the waitlist path;
// - C=500, K=3000: a realistic PreParty burst (a sold-out evening, a waitlist a few times the
//   room), so a larger share are confirmations, which each hold the event row until their
//   commit's fsync.
// Env: BENCH_SCENARIOS ("CxK,CxK", default "2000x12000,500x3000"), or BENCH_CAPACITY and
// BENCH_FANS for a single one; BENCH_PORT (3101), BENCH_BASELINE_PORT (3102),
// BENCH_DATABASE_NAME, BENCH_DATABASE_URL, BENCH_API_NODE_ARGS, REDIS_URL.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { waitForHttp } from './lib.mjs';

const SCENARIOS = (
  process.env.BENCH_SCENARIOS ??
  (process.env.BENCH_CAPACITY || process.env.BENCH_FANS
    ? `${process.env.BENCH_CAPACITY ?? 2000}x${process.env.BENCH_FANS ?? 12000}`
    : '2000x12000,500x3000')
)
  .split(',')
  .map((s) => {
    const [capacity, fans] = s.split('x').map(Number);
    if (!(capacity > 0 && fans >= capacity)) throw new Error(`bad scenario ${s}: use CxK`);
    return { capacity, fans };
  });
const WARMUP = 2000;
const CONNECTIONS = 64;
const PORT = Number(process.env.BENCH_PORT ?? 3101);
const BASE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 3102);
const DB_NAME = process.env.BENCH_DATABASE_NAME ?? 'fanevents_bench_registrations';
const ADMIN_URL =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_URL = process.env.BENCH_DATABASE_URL ?? ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
const SECRET = 'bench-secret-bench-secret-bench-secret-01';
const ROOT = new URL('..', import.meta.url).pathname;

const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function start(label, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if ((code || signal) && !child.stopping) {
      console.error(`${label} exited with ${code ?? signal}`);
      process.exit(1);
    }
  });
  children.push(child);
  return child;
}

/** Peak resident set size of a process (VmHWM), in MB. */
function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function api(method, path, token, body) {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/v1${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function createEvent(token, groupId, title, capacity) {
  const event = await api('POST', `/fan-groups/${groupId}/events`, token, {
    title,
    startsAt: '2026-06-26T13:00:00.000Z',
    timezone: 'Asia/Almaty',
    city: 'Astana',
    capacity,
  });
  await api('POST', `/events/${event.id}/publish`, token);
  return event.id;
}

/** K fans straight into the database (no password hashing), with access tokens. */
async function makeFans(db, n, tag) {
  const { rows } = await db.query(
    `INSERT INTO users (email, password_hash, display_name, country, language)
     SELECT 'bench-' || $2 || '-' || i || '@example.com', 'x', 'Fan ' || i,
            (ARRAY['KZ','US','JP','CN','DE'])[1 + i % 5], (ARRAY['en','ru','kk'])[1 + i % 3]
     FROM generate_series(1, $1) i RETURNING id`,
    [n, tag],
  );
  return rows.map((r) => jwt.sign({ sub: r.id }, SECRET, { algorithm: 'HS256', expiresIn: 3600 }));
}

function fire(port, eventId, tokens, label) {
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
            path: `/api/v1/events/${eventId}/registrations`,
            setupRequest: (req) => ({
              ...req,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${tokens[next++ % tokens.length]}`,
              },
              body: '{}',
            }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('error', reject);
    void label;
  });
}

async function verify(db, eventId, capacity, fans) {
  const { rows } = await db.query(
    `SELECT (SELECT sum(s.taken)::int FROM event_seats s WHERE s.event_id = e.id) AS confirmed_count,
       (SELECT count(*)::int FROM registrations WHERE event_id = e.id AND status = 'confirmed') AS confirmed,
       (SELECT count(*)::int FROM registrations WHERE event_id = e.id AND status = 'waitlisted') AS waitlisted,
       (SELECT count(*)::int FROM mail_outbox m WHERE m.data->>'eventId' = e.id::text) AS mails
     FROM events e WHERE e.id = $1`,
    [eventId],
  );
  const r = rows[0];
  const ok =
    r.confirmed === capacity &&
    r.confirmed_count === capacity &&
    r.waitlisted === fans - capacity &&
    r.mails === fans;
  return { ...r, ok };
}

const summary = (r) => ({
  // Completed requests over the run's wall time: autocannon's per-second average is coarse
  // for bursts of a few seconds.
  reqPerSec: Math.round(r.requests.total / r.duration),
  p50: r.latency.p50,
  p99: r.latency.p99,
  total: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  statusCodes: r.statusCodeStats,
});

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  await admin.end();

  const env = {
    NODE_ENV: 'production',
    APP_ROLE: 'api',
    LOG_LEVEL: 'warn',
    PORT: String(PORT),
    DATABASE_URL: DB_URL,
    JWT_SECRET: SECRET,
    REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    AUTH_RATE_LIMIT: '100000',
  };
  // BENCH_API_NODE_ARGS: extra node flags for the API process, e.g. --cpu-prof.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const app = start('api', [...nodeArgs, 'dist/src/main.js'], env);
  await waitForHttp(`http://127.0.0.1:${PORT}/health`);

  const db = new pg.Client({ connectionString: DB_URL });
  await db.connect();
  const organizer = await api('POST', '/auth/signup', undefined, {
    email: 'bench-organizer@example.com',
    password: 'bench-password-123',
    displayName: 'Bench organizer',
    country: 'KZ',
    language: 'en',
  });
  const group = await api('POST', '/fan-groups', organizer.accessToken, { name: 'Bench group' });
  const token = organizer.accessToken;
  const warmApi = await createEvent(token, group.id, 'Warm-up (api)', WARMUP);
  const warmBase = await createEvent(token, group.id, 'Warm-up (baseline)', WARMUP);
  const warmFans = await makeFans(db, WARMUP * 2, 'warm');
  const runs = [];
  for (const [i, { capacity, fans }] of SCENARIOS.entries()) {
    runs.push({
      capacity,
      fans,
      apiEvent: await createEvent(token, group.id, `PreParty ${i} (api)`, capacity),
      baseEvent: await createEvent(token, group.id, `PreParty ${i} (baseline)`, capacity),
      // Each registrant is a new fan on both sides (one active registration per event).
      tokens: await makeFans(db, fans, `hot${i}`),
    });
  }
  await db.query('VACUUM ANALYZE');
  console.log(
    `setup: ${runs.map((r) => `C=${r.capacity} K=${r.fans}`).join(' · ')}, ${CONNECTIONS} connections`,
  );

  // Warm the JIT and the pools, then the measured bursts.
  await fire(PORT, warmApi, warmFans, 'warm-up');
  for (const run of runs) {
    run.ours = summary(await fire(PORT, run.apiEvent, run.tokens, 'api'));
    run.oursCheck = await verify(db, run.apiEvent, run.capacity, run.fans);
  }
  const rssMb = peakRssMb(app.pid);
  app.stopping = true;
  app.kill('SIGTERM');

  const base = start('baseline', ['bench/registration-baseline.mjs'], {
    PORT: String(BASE_PORT),
    DATABASE_URL: DB_URL,
    POOL_SIZE: '8',
  });
  await waitForHttp(`http://127.0.0.1:${BASE_PORT}/health`);
  await fire(BASE_PORT, warmBase, warmFans, 'baseline warm-up');
  for (const run of runs) {
    run.theirs = summary(await fire(BASE_PORT, run.baseEvent, run.tokens, 'baseline'));
    run.baseCheck = await verify(db, run.baseEvent, run.capacity, run.fans);
  }
  base.stopping = true;
  base.kill('SIGTERM');
  await db.end();

  const line = (label, s) =>
    `${label.padEnd(26)} ${String(s.reqPerSec).padStart(6)} req/s   p50 ${String(s.p50).padStart(3)} ms   p99 ${String(s.p99).padStart(4)} ms   non-2xx ${s.non2xx}   errors ${s.errors}`;
  for (const run of runs) {
    const { capacity: C, fans: K, ours, theirs, oursCheck, baseCheck } = run;
    const ratio = ours.reqPerSec / theirs.reqPerSec;
    console.log('');
    console.log(`== C=${C}, K=${K} (${K - C} waitlisted)`);
    console.log(line('NestJS endpoint (full)', ours));
    console.log(line('baseline node:http + pg', theirs));
    console.log(`ratio to baseline          ${ratio.toFixed(2)}`);
    console.log(
      `verified (api)             confirmed ${oursCheck.confirmed}/${C}, confirmed_count ${oursCheck.confirmed_count}, waitlisted ${oursCheck.waitlisted}, e-mails ${oursCheck.mails} → ${oursCheck.ok ? 'OK' : 'WRONG'}`,
    );
    console.log(
      `verified (baseline)        confirmed ${baseCheck.confirmed}/${C}, waitlisted ${baseCheck.waitlisted} → ${baseCheck.ok ? 'OK' : 'WRONG'}`,
    );
    const targets = [
      ['≥ 3000 req/s', ours.reqPerSec >= 3000],
      ['p99 ≤ 50 ms', ours.p99 <= 50],
      ['≥ 0.5 of baseline', ratio >= 0.5],
    ];
    console.log(
      `targets                    ${targets.map(([t, ok]) => `${t}: ${ok ? 'met' : 'MISSED'}`).join(' · ')}`,
    );
    console.log(`status codes (api)         ${JSON.stringify(ours.statusCodes)}`);
    const fivexx = Object.keys(ours.statusCodes).filter((c) => Number(c) >= 500);
    if (!oursCheck.ok || fivexx.length > 0 || ours.non2xx > 0) process.exitCode = 1;
  }
  console.log('');
  console.log(
    `API peak RSS (all runs)    ${rssMb.toFixed(0)} MB → RSS ≤ 300 MB: ${rssMb <= 300 ? 'met' : 'MISSED'}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
