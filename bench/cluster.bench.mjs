// `npm run bench:cluster`: two API processes and two workers on one Postgres and one Redis.
// A registration burst is split across both APIs; then it checks every invariant, that every
// e-mail is delivered exactly once, and prints throughput, latency and drain time.
import pg from 'pg';
import { api, freshDatabase, signupMany, smtpSink, startProcess } from './harness.mjs';

const FANS = Number(process.env.BENCH_FANS ?? 1000);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

const databaseUrl = await freshDatabase('fanevents_bench_cluster');
const smtp = await smtpSink();
const env = {
  DATABASE_URL: databaseUrl,
  REDIS_PREFIX: `cluster-${Date.now()}`,
  SMTP_URL: smtp.url,
  AUTH_RATE_LIMIT: '1000000',
  USER_RATE_LIMIT: '1000000',
  OUTBOX_SWEEP_MS: '500',
};
const first = await startProcess('api', env); // applies the migrations
const apis = [first, await startProcess('api', env)];
const workers = [await startProcess('worker', env), await startProcess('worker', env)];
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });

console.log(
  `setup: ${FANS} fans, capacity ${CAPACITY}, ${CONNECTIONS} connections over 2 APIs, 2 workers`,
);
const [organizer] = await signupMany(apis[0].url, 1, 'cluster-org');
const fans = await signupMany(apis[1].url, FANS, 'cluster-fan');
const group = (await api(apis[0].url, 'POST', '/fan-groups', { name: 'Cluster' }, organizer.token))
  .body;
const event = (
  await api(
    apis[0].url,
    'POST',
    `/fan-groups/${group.id}/events`,
    {
      title: 'PreParty',
      startsAt: '2027-06-26T13:00:00Z',
      timezone: 'Asia/Almaty',
      capacity: CAPACITY,
    },
    organizer.token,
  )
).body;
await api(apis[0].url, 'POST', `/events/${event.id}/publish`, undefined, organizer.token);
const welcomes = FANS + 1;

const latencies = [];
const statuses = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONNECTIONS }, async (_, c) => {
    while (next < fans.length) {
      const fan = fans[next++];
      const t0 = performance.now();
      const res = await api(
        apis[c % 2].url,
        'POST',
        `/events/${event.id}/registrations`,
        {},
        fan.token,
      );
      latencies.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(0);
console.log(
  `burst: ${Math.round(FANS / seconds)} req/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, statuses ${JSON.stringify(statuses)}`,
);

const { rows } = await db.query(
  `SELECT (SELECT sum(s.taken)::int FROM event_seats s WHERE s.event_id = e.id) AS confirmed_count,
     (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS confirmed,
     (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waitlisted
   FROM events e WHERE e.id = $1`,
  [event.id],
);
const inv = rows[0];
const capacityOk =
  inv.confirmed === CAPACITY &&
  inv.confirmed_count === CAPACITY &&
  inv.waitlisted === FANS - CAPACITY;
console.log(
  `invariants: confirmed ${inv.confirmed}/${CAPACITY}, confirmed_count ${inv.confirmed_count}, waitlisted ${inv.waitlisted} → ${capacityOk ? 'OK' : 'BROKEN'}`,
);

const expected = welcomes + FANS;
const drainStart = performance.now();
while (smtp.delivered < expected && performance.now() - drainStart < 120_000) {
  await new Promise((r) => setTimeout(r, 200));
}
await new Promise((r) => setTimeout(r, 1000));
const mailOk = smtp.delivered === expected && smtp.duplicates === 0;
console.log(
  `e-mail: ${smtp.delivered}/${expected} delivered, ${smtp.duplicates} duplicated, drained ${((performance.now() - drainStart) / 1000).toFixed(1)} s after the burst → ${mailOk ? 'OK' : 'BROKEN'}`,
);

await Promise.all([...apis, ...workers].map((p) => p.stop()));
await smtp.close();
await db.end();
process.exit(capacityOk && mailOk ? 0 : 1);
