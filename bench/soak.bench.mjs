// `npm run bench:soak`: ten minutes (BENCH_SOAK_SECONDS) of mixed load — listing, registrations,
// cancellations, help requests — against one API+worker process with a real SMTP sink. Prints
// throughput and p99 per minute and the growth of RSS, Redis memory and outbox backlog from the
// first to the last minute, then checks the outbox drains.
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { api, freshDatabase, signupMany, smtpSink, startProcess } from './harness.mjs';
import { mb } from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_SOAK_CONCURRENCY ?? 32);
const FANS = 200;
const prefix = `soak-${Date.now()}`;

const databaseUrl = await freshDatabase('fanevents_bench_soak');
const smtp = await smtpSink();
const env = {
  DATABASE_URL: databaseUrl,
  REDIS_PREFIX: prefix,
  SMTP_URL: smtp.url,
  AUTH_RATE_LIMIT: '1000000',
  USER_RATE_LIMIT: '1000000',
  OUTBOX_SWEEP_MS: '1000',
};
const app = await startProcess('all', env);
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

// Setup (not measured): an organizer, a group, five published events, 200 fans in the group.
const [organizer] = await signupMany(app.url, 1, `${prefix}-org`);
const group = (
  await api(app.url, 'POST', '/fan-groups', { name: `Soak ${prefix}` }, organizer.token)
).body;
const events = [];
for (let i = 0; i < 5; i++) {
  const e = await api(
    app.url,
    'POST',
    `/fan-groups/${group.id}/events`,
    {
      title: `Soak event ${i}`,
      startsAt: '2027-06-26T13:00:00Z',
      timezone: 'Asia/Almaty',
      capacity: 50,
    },
    organizer.token,
  );
  await api(app.url, 'POST', `/events/${e.body.id}/publish`, undefined, organizer.token);
  events.push(e.body.id);
}
const fans = await signupMany(app.url, FANS, `${prefix}-fan`);
await Promise.all(
  fans.map((f) => api(app.url, 'POST', `/fan-groups/${group.id}/join`, undefined, f.token)),
);

const active = new Map(); // `${fan}:${event}` -> registration id
const pick = (arr) => arr[Math.floor(Math.random() * arr.length)];
let minute = { count: 0, latencies: [], errors: 0 };

async function action() {
  const r = Math.random();
  if (r < 0.5) return api(app.url, 'GET', '/events?limit=20');
  const fan = pick(fans);
  if (r < 0.75) {
    const eventId = pick(events);
    const res = await api(
      app.url,
      'POST',
      `/events/${eventId}/registrations`,
      { note: 'soak' },
      fan.token,
    );
    if (res.status === 201) active.set(`${fan.id}:${eventId}`, res.body.id);
    return res;
  }
  if (r < 0.9) {
    const [key, id] = pick([...active.entries()]) ?? [];
    if (!id) return api(app.url, 'GET', '/events?limit=5');
    active.delete(key);
    const owner = fans.find((f) => key.startsWith(f.id));
    return api(app.url, 'POST', `/registrations/${id}/cancel`, undefined, owner.token);
  }
  return api(
    app.url,
    'POST',
    `/fan-groups/${group.id}/help-requests`,
    { type: 'ticket', message: 'Need a ticket for the concert', ticket: { quantity: 1 } },
    fan.token,
  );
}

function rss(pid) {
  return (
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
  );
}
async function backlog() {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM mail_outbox WHERE status IN ('pending','queued','sending')`,
  );
  return rows[0].n;
}
async function redisMemory() {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

const minutes = [];
const started = Date.now();
let running = true;
const workers = Array.from({ length: CONCURRENCY }, async () => {
  while (running) {
    const t0 = performance.now();
    try {
      const res = await action();
      if (res.status >= 500) minute.errors += 1;
    } catch {
      minute.errors += 1;
    }
    minute.latencies.push(performance.now() - t0);
    minute.count += 1;
  }
});
const windowSeconds = Math.min(60, SECONDS);
while (Date.now() - started < SECONDS * 1000) {
  await new Promise((r) => setTimeout(r, windowSeconds * 1000));
  const lat = minute.latencies.sort((a, b) => a - b);
  const row = {
    minute: minutes.length + 1,
    rps: Math.round(minute.count / windowSeconds),
    p99: Math.round(lat[Math.floor(lat.length * 0.99)] ?? 0),
    errors5xx: minute.errors,
    rss: rss(app.child.pid),
    redis: await redisMemory(),
    backlog: await backlog(),
  };
  minutes.push(row);
  console.log(
    `min ${row.minute}: ${row.rps} req/s, p99 ${row.p99} ms, 5xx ${row.errors5xx}, RSS ${mb(row.rss)}, Redis ${mb(row.redis)}, outbox backlog ${row.backlog}`,
  );
  minute = { count: 0, latencies: [], errors: 0 };
}
running = false;
await Promise.all(workers);

let drained = await backlog();
for (let i = 0; i < 120 && drained > 0; i++) {
  await new Promise((r) => setTimeout(r, 500));
  drained = await backlog();
}
const first = minutes[0];
const last = minutes.at(-1);
console.log(
  `\nthroughput ${Math.round(minutes.reduce((s, m) => s + m.rps, 0) / minutes.length)} req/s average, p99 ${Math.max(...minutes.map((m) => m.p99))} ms worst minute`,
);
console.log(
  `RSS ${mb(first.rss)} -> ${mb(last.rss)} (${(((last.rss - first.rss) / first.rss) * 100).toFixed(1)}%)`,
);
console.log(`Redis memory ${mb(first.redis)} -> ${mb(last.redis)}`);
console.log(
  `outbox backlog ${first.backlog} -> ${last.backlog}, ${drained} left after drain; ${smtp.delivered} e-mails delivered, ${smtp.duplicates} duplicated`,
);

await app.stop();
await smtp.close();
await db.end();
redis.disconnect();
process.exit(drained === 0 && smtp.duplicates === 0 ? 0 : 1);
