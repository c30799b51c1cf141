// npm run bench:checkin — the door: 30,000 confirmed fans checked in through the API.
//
// 1. Starts the built app (APP_ROLE=api, NODE_ENV=production, LOG_LEVEL=warn) on a fresh bench
//    database (bench/harness.mjs).
// 2. Setup (not timed): an organizer, a group, 8 volunteers; a published event of capacity N
//    and N fans registered through POST /events/:id/registrations (so every seat is a real
//    confirmed registration, whatever the seat model), their check-in codes read back; the
//    same for a small warm-up event.
// 3. Warm-up, then pass 1: the N codes through POST /events/:eventId/check-ins at 64
//    connections, each code once, the 8 volunteers' tokens in turn (autocannon). Prints
//    check-ins per second, p50 / p99, and the machine's load average.
// 4. Verifies exactly N checked in (database) and every answer 200; pass 2 sends the same N
//    codes again and every answer must be 409 ALREADY_CHECKED_IN, with nothing changed.
// Env: BENCH_CHECKINS (30000), BENCH_CONNECTIONS (64), BENCH_DATABASE_NAME, REDIS_URL,
// BENCH_API_NODE_ARGS (extra node flags for the API, e.g. --cpu-prof).
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { api, freshDatabase, startProcess } from './harness.mjs';

const N = Number(process.env.BENCH_CHECKINS ?? 30_000);
const WARMUP = Math.min(3000, N);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const VOLUNTEERS = 8;
const DB_NAME = process.env.BENCH_DATABASE_NAME ?? 'fanevents_bench_checkin';
const SECRET = 'bench-secret-bench-secret-bench-secret-02';

function ok(res, what) {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Fans straight into the database (no password hashing), with signed access tokens. */
async function makeFans(db, n, tag) {
  const { rows } = await db.query(
    `INSERT INTO users (email, password_hash, display_name, country, language)
     SELECT 'checkin-' || $2 || '-' || i || '@example.com', 'x', 'Fan ' || i,
            (ARRAY['KZ','US','JP','CN','DE'])[1 + i % 5], (ARRAY['en','ru','kk'])[1 + i % 3]
     FROM generate_series(1, $1) i RETURNING id`,
    [n, tag],
  );
  return rows.map((r) => jwt.sign({ sub: r.id }, SECRET, { algorithm: 'HS256', expiresIn: 7200 }));
}

/** `amount` POSTs (request i: bodies[i], tokens[i], each list cycled) at CONNECTIONS connections. */
function fire(url, path, bodies, tokens, amount = bodies.length) {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        amount,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path,
            setupRequest: (req) => {
              const i = next++;
              return {
                ...req,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${tokens[i % tokens.length]}`,
                },
                body: bodies[i % bodies.length],
              };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('error', reject);
  });
}

const figures = (r) => ({
  // Completed requests over the run's wall time (autocannon's per-second mean is coarse).
  perSec: Math.round(r.requests.total / r.duration),
  p50: r.latency.p50,
  p90: r.latency.p90,
  p99: r.latency.p99,
  max: r.latency.max,
  total: r.requests.total,
  seconds: r.duration,
  errors: r.errors,
  timeouts: r.timeouts,
  codes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([c, v]) => [c, v.count])),
});

/** Registers every fan for the event through the API (64 at a time); returns their codes. */
async function registerAll(app, db, eventId, tokens) {
  const result = await fire(
    app.url,
    `/api/v1/events/${eventId}/registrations`,
    ['{}'],
    tokens,
    tokens.length,
  );
  const { rows } = await db.query(
    `SELECT check_in_code FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
    [eventId],
  );
  if (rows.length !== tokens.length) {
    throw new Error(
      `setup: ${rows.length} of ${tokens.length} registrations confirmed (${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return rows.map((r) => JSON.stringify({ code: r.check_in_code }));
}

async function checkedIn(db, eventId) {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS checked_in,
            count(DISTINCT checked_in_at)::int AS distinct_times,
            max(checked_in_at) AS last
       FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
    [eventId],
  );
  return rows[0];
}

/** CPU time (user + system) a process has used so far, in ms (/proc, 100 ticks a second). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const url = await freshDatabase(DB_NAME);
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const app = await startProcess(
    'api',
    {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      JWT_SECRET: SECRET,
      REDIS_PREFIX: `bench-checkin-${randomBytes(4).toString('hex')}`,
      AUTH_RATE_LIMIT: '100000',
      USER_RATE_LIMIT: '100000',
    },
    nodeArgs,
  );
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const organizer = ok(
      await api(app.url, 'POST', '/auth/signup', {
        email: 'checkin-organizer@example.com',
        password: 'bench-password-123',
        displayName: 'Door organizer',
        country: 'KZ',
        language: 'en',
      }),
      'organizer',
    );
    const token = organizer.accessToken;
    const group = ok(
      await api(app.url, 'POST', '/fan-groups', { name: 'Door bench' }, token),
      'group',
    );
    const volunteerTokens = await makeFans(db, VOLUNTEERS, 'volunteer');
    const volunteerIds = (
      await db.query(`SELECT id FROM users WHERE email LIKE 'checkin-volunteer-%' ORDER BY email`)
    ).rows.map((r) => r.id);
    for (const id of volunteerIds) {
      ok(
        await api(
          app.url,
          'PUT',
          `/fan-groups/${group.id}/members/${id}`,
          { role: 'volunteer' },
          token,
        ),
        'volunteer',
      );
    }
    const event = async (title, capacity) => {
      const created = ok(
        await api(
          app.url,
          'POST',
          `/fan-groups/${group.id}/events`,
          {
            title,
            startsAt: '2027-06-26T13:00:00.000Z',
            timezone: 'Asia/Almaty',
            city: 'Astana',
            capacity,
          },
          token,
        ),
        'event',
      );
      ok(await api(app.url, 'POST', `/events/${created.id}/publish`, undefined, token), 'publish');
      return created.id;
    };
    const warmEvent = await event('Warm-up', WARMUP);
    const doorEvent = await event('World Fan Groups PreParty', N);
    const setupStart = Date.now();
    const warmCodes = await registerAll(app, db, warmEvent, await makeFans(db, WARMUP, 'warm'));
    const codes = await registerAll(app, db, doorEvent, await makeFans(db, N, 'door'));
    await db.query('VACUUM ANALYZE');
    console.log(
      `setup: ${N} + ${WARMUP} confirmed registrations through the API in ${((Date.now() - setupStart) / 1000).toFixed(0)} s; ${CONNECTIONS} connections, ${VOLUNTEERS} volunteers' tokens; ${cpus().length} cores`,
    );

    const path = (id) => `/api/v1/events/${id}/check-ins`;
    const warm = figures(await fire(app.url, path(warmEvent), warmCodes, volunteerTokens));
    if (warm.codes['200'] !== WARMUP) throw new Error(`warm-up: ${JSON.stringify(warm.codes)}`);

    // The API's pooled Postgres backends: their CPU is the database's share of a check-in
    // (commits' fsyncs happen in the WAL writer and the disk, not counted here).
    const backends = (
      await db.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
    ).rows.map((r) => r.pid);
    const pgCpu = () => backends.reduce((sum, pid) => sum + cpuMs(pid), 0);
    const loadBefore = load();
    const pgCpuBefore = pgCpu();
    const apiCpuBefore = cpuMs(app.child.pid);
    const benchCpuBefore = process.cpuUsage();
    const first = figures(await fire(app.url, path(doorEvent), codes, volunteerTokens));
    const apiCpu = cpuMs(app.child.pid) - apiCpuBefore;
    const dbCpu = pgCpu() - pgCpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const loadAfter = load();
    const afterFirst = await checkedIn(db, doorEvent);
    const second = figures(await fire(app.url, path(doorEvent), codes, volunteerTokens));
    const afterSecond = await checkedIn(db, doorEvent);

    const line = (label, f) =>
      `${label.padEnd(30)} ${String(f.perSec).padStart(6)} check-ins/s   p50 ${String(f.p50).padStart(3)} ms   p90 ${String(f.p90).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   max ${String(f.max).padStart(4)} ms   ${f.total} in ${f.seconds.toFixed(1)} s`;
    console.log('');
    console.log(line('pass 1 (first scans)', first));
    console.log(line('pass 2 (same codes again)', second));
    console.log(`load average (1/5/15 min)      before ${loadBefore} · after ${loadAfter}`);
    const perCheckIn = {
      api: apiCpu / N,
      db: dbCpu / N,
      client: (benchCpu.user + benchCpu.system) / 1000 / N,
    };
    const cpuTotal = perCheckIn.api + perCheckIn.db + perCheckIn.client;
    console.log(
      `CPU per check-in (pass 1)      API process ${perCheckIn.api.toFixed(2)} ms · Postgres backends (${backends.length}) ${perCheckIn.db.toFixed(2)} ms · load generator ${perCheckIn.client.toFixed(2)} ms`,
    );
    console.log(
      `                               → ${cpus().length} idle cores would carry about ${Math.round((cpus().length * 1000) / cpuTotal)} check-ins/s (CPU bound, before fsync limits)`,
    );
    const firstOk = first.codes['200'] === N && first.errors === 0 && first.timeouts === 0;
    const secondOk = second.codes['409'] === N && second.errors === 0 && second.timeouts === 0;
    const dbOk = afterFirst.checked_in === N;
    const unchanged =
      afterSecond.checked_in === N &&
      afterSecond.distinct_times === afterFirst.distinct_times &&
      afterSecond.last.getTime() === afterFirst.last.getTime();
    console.log(
      `verified                       pass 1 ${JSON.stringify(first.codes)} → ${firstOk ? 'OK' : 'WRONG'}; checked in ${afterFirst.checked_in}/${N} → ${dbOk ? 'OK' : 'WRONG'}`,
    );
    console.log(
      `                               pass 2 ${JSON.stringify(second.codes)} → ${secondOk ? 'OK' : 'WRONG'}; database unchanged → ${unchanged ? 'OK' : 'WRONG'}`,
    );
    const targets = [
      ['≥ 1,000 check-ins/s', first.perSec >= 1000],
      ['p99 ≤ 100 ms', first.p99 <= 100],
    ];
    console.log(
      `targets (pass 1)               ${targets.map(([t, met]) => `${t}: ${met ? 'met' : 'MISSED'}`).join(' · ')}`,
    );
    if (!firstOk || !secondOk || !dbOk || !unchanged) process.exitCode = 1;
  } finally {
    await db.end();
    await app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
