// A lottery draw at PreParty scale: 60,000 applications (some in parties), 30,000 seats, four
// country quotas. The real worker process (dist/src/worker.js, APP_ROLE=worker) finds the event
// due and draws it; the bench measures the draw itself (its transaction, from the record it
// writes), the time from the close to the committed draw, and the time until the 60,000
// outcome e-mails are queued (moved by the relay from the outbox into Bull). Then it recomputes
// the draw from its record (as verify-draw does) and checks the seats.
//
//   npm run bench:draw            (builds first)
//
// Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/fanevents_bench_draw,
// created if missing, emptied), REDIS_URL, BENCH_APPLICATIONS (60000), BENCH_SEATS (30000),
// BENCH_SMTP_PORT (2526), BENCH_DELIVER=1 to also wait until every e-mail is delivered.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { verifyDraw } from '../dist/src/lottery/verify.js';

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 60_000);
const SEATS = Number(process.env.BENCH_SEATS ?? 30_000);
const DB_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fanevents_bench_draw';
const SMTP_PORT = Number(process.env.BENCH_SMTP_PORT ?? 2526);
const DELIVER = process.env.BENCH_DELIVER === '1';
// Four quotas: 8,000 of the 30,000 seats set aside (scaled with BENCH_SEATS).
const QUOTAS = [
  { country: 'US', seats: Math.round(SEATS * 0.1) },
  { country: 'JP', seats: Math.round(SEATS * 0.0667) },
  { country: 'CN', seats: Math.round(SEATS * 0.0667) },
  { country: 'DE', seats: Math.round(SEATS * 0.0333) },
];
// Applicants' countries: KZ and the former Soviet countries dominate, as at the real PreParty.
const COUNTRIES = [
  ['KZ', 0.45],
  ['RU', 0.15],
  ['US', 0.12],
  ['JP', 0.1],
  ['CN', 0.1],
  ['DE', 0.05],
  ['UZ', 0.03],
];
// One applicant in six comes in a party (parties of 2 to 7: a leader and 1–6 friends).
const PARTY_SHARE = 1 / 6;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

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

function startSink() {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  return new Promise((resolve) => server.listen(SMTP_PORT, '127.0.0.1', () => resolve(server)));
}

function startWorker(prefix) {
  return spawn(process.execPath, ['dist/src/worker.js'], {
    env: {
      ...process.env,
      APP_ROLE: 'worker',
      NODE_ENV: 'production',
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(24).toString('hex'),
      DATABASE_URL: DB_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      DRAW_POLL_MS: '100',
      OUTBOX_SWEEP_MS: process.env.OUTBOX_SWEEP_MS ?? '200',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function pickCountry(i) {
  // Deterministic spread: the i-th applicant's country by the cumulative shares.
  const x = ((i * 2654435761) % 2 ** 32) / 2 ** 32;
  let acc = 0;
  for (const [c, share] of COUNTRIES) {
    acc += share;
    if (x < acc) return c;
  }
  return 'KZ';
}

async function seed(db) {
  await db.query(
    'TRUNCATE users, fan_groups, events, registrations, parties, mail_outbox, lottery_draws CASCADE',
  );
  const {
    rows: [group],
  } = await db.query(
    `INSERT INTO fan_groups (name, slug) VALUES ('Dimash&Dostar', 'dimash-dostar-bench') RETURNING id`,
  );
  const seedBytes = randomBytes(32);
  const {
    rows: [event],
  } = await db.query(
    `INSERT INTO events (group_id, title, venue, city, starts_at, timezone, capacity, status,
       published_at, allocation, applications_close_at, quotas, draw_seed, draw_seed_sha256)
     VALUES ($1, 'World Fan Groups PreParty', 'Astana Arena', 'Astana', now() + interval '200 days',
       'Asia/Almaty', $2, 'published', now(), 'lottery', now() + interval '1 hour', $3::jsonb, $4, $5)
     RETURNING id`,
    [
      group.id,
      SEATS,
      JSON.stringify(QUOTAS),
      seedBytes.toString('hex'),
      createHash('sha256').update(seedBytes).digest('hex'),
    ],
  );
  const countries = Array.from({ length: APPLICATIONS }, (_, i) => pickCountry(i));
  const languages = ['en', 'ru', 'kk'];
  const { rows: regs } = await db.query(
    `WITH u AS (
       INSERT INTO users (email, password_hash, display_name, country, language)
       SELECT 'draw-' || c.ord || '@example.com', 'x', 'Fan ' || c.ord, c.country, ($3::text[])[(c.ord % 3) + 1]
       FROM unnest($2::varchar[]) WITH ORDINALITY AS c(country, ord)
       RETURNING id
     )
     INSERT INTO registrations (event_id, user_id, status, check_in_code)
     SELECT $1, u.id, 'applied', md5(u.id::text || random()::text) FROM u
     RETURNING id`,
    [event.id, countries, languages],
  );
  // Parties: consecutive applicants grouped, sizes 2..7.
  const inParties = Math.floor(APPLICATIONS * PARTY_SHARE);
  let parties = 0;
  for (let i = 0, size = 2; i + size <= inParties; i += size, size = 2 + ((size + 3) % 6)) {
    const ids = regs.slice(i, i + size).map((r) => r.id);
    const {
      rows: [party],
    } = await db.query(
      `INSERT INTO parties (event_id, leader_registration_id, code) VALUES ($1, $2, $3) RETURNING id`,
      [event.id, ids[0], randomBytes(5).toString('hex').toUpperCase().slice(0, 8)],
    );
    await db.query(`UPDATE registrations SET party_id = $1 WHERE id = ANY($2::uuid[])`, [
      party.id,
      ids,
    ]);
    parties += 1;
  }
  return { eventId: event.id, parties };
}

async function main() {
  await ensureDatabase();
  const sink = await startSink();
  const prefix = `bench-draw-${randomBytes(4).toString('hex')}`;
  const worker = startWorker(prefix);
  const db = new pg.Pool({ connectionString: DB_URL, max: 4 });
  try {
    for (let i = 0; ; i++) {
      const { rows } = await db.query(`SELECT to_regclass('lottery_draws') AS t`);
      if (rows[0].t) break;
      if (i > 600 || worker.exitCode !== null) throw new Error('worker did not start');
      await sleep(100);
    }
    await sleep(1500);
    const { eventId, parties } = await seed(db);
    await db.query('VACUUM ANALYZE registrations');
    await db.query('VACUUM ANALYZE users');

    // The window closes now; the worker's next poll draws.
    const {
      rows: [{ closed }],
    } = await db.query(
      `UPDATE events SET applications_close_at = clock_timestamp() WHERE id = $1
       RETURNING applications_close_at AS closed`,
      [eventId],
    );
    const closedAt = closed.getTime();
    let drawnAt;
    for (let i = 0; ; i++) {
      const { rows } = await db.query(`SELECT drawn_at FROM events WHERE id = $1`, [eventId]);
      if (rows[0].drawn_at) {
        drawnAt = rows[0].drawn_at.getTime();
        break;
      }
      if (i > 3000 || worker.exitCode !== null) throw new Error('no draw after 300 s');
      await sleep(100);
    }
    const committedSeenAt = now();
    let queuedAt;
    for (let i = 0; ; i++) {
      const { rows } = await db.query(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*)::int AS n
         FROM mail_outbox WHERE kind IN ('draw_seated', 'draw_waitlisted')`,
      );
      if (rows[0].n === APPLICATIONS && rows[0].pending === 0) {
        queuedAt = now();
        break;
      }
      if (i > 6000) throw new Error(`e-mails not queued after 600 s: ${JSON.stringify(rows[0])}`);
      await sleep(50);
    }
    let deliveredAt;
    if (DELIVER) {
      for (;;) {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM mail_outbox
           WHERE kind IN ('draw_seated', 'draw_waitlisted') AND status = 'sent'`,
        );
        if (rows[0].n === APPLICATIONS) break;
        await sleep(200);
      }
      deliveredAt = now();
    }
    const {
      rows: [draw],
    } = await db.query(
      `SELECT algorithm, seed, capacity, quotas, applications, seated, started_at, drawn_at
       FROM lottery_draws WHERE event_id = $1`,
      [eventId],
    );
    const { rows: entries } = await db.query(
      `SELECT registration_id AS "registrationId", rank, lot, country, outcome
       FROM lottery_draw_entries WHERE event_id = $1 ORDER BY rank`,
      [eventId],
    );
    const {
      rows: [ev],
    } = await db.query(
      `SELECT draw_seed_sha256,
         (SELECT sum(taken)::int FROM event_seats WHERE event_id = $1) AS confirmed_count,
         (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
         (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'waitlisted') AS waitlisted
       FROM events WHERE id = $1`,
      [eventId],
    );
    const verifyStart = now();
    const verification = verifyDraw({
      ...draw,
      seedSha256: ev.draw_seed_sha256,
      order: entries.map((e) => e.registrationId),
      entries,
    });
    const verifyMs = now() - verifyStart;
    const quotaSeats = Object.fromEntries(
      QUOTAS.map((q) => [
        q.country,
        entries.filter((e) => e.outcome === 'quota' && e.country === q.country).length,
      ]),
    );
    const result = {
      applications: APPLICATIONS,
      inParties: entries.filter((e) => e.lot !== e.registrationId).length + parties,
      parties,
      seats: SEATS,
      quotas: QUOTAS,
      drawMs: draw.drawn_at.getTime() - draw.started_at.getTime(),
      closeToCommittedMs: drawnAt - closedAt,
      closeToAllQueuedMs: Math.round(queuedAt - closedAt),
      drawCommitToAllQueuedMs: Math.round(queuedAt - committedSeenAt),
      closeToAllDeliveredMs: deliveredAt ? Math.round(deliveredAt - closedAt) : null,
      seated: draw.seated,
      confirmed: ev.confirmed,
      confirmedCount: ev.confirmed_count,
      waitlisted: ev.waitlisted,
      quotaSeats,
      verified: verification.ok,
      verifyMs: Math.round(verifyMs),
      workerPeakRssMiB: Math.round(peakRssMiB(worker.pid)),
    };
    process.stdout.write(
      `draw: ${APPLICATIONS} applications (${parties} parties), ${SEATS} seats, 4 quotas → ` +
        `draw ${(result.drawMs / 1000).toFixed(2)} s (transaction), close→committed ${(result.closeToCommittedMs / 1000).toFixed(2)} s, ` +
        `close→${APPLICATIONS} e-mails queued ${(result.closeToAllQueuedMs / 1000).toFixed(2)} s` +
        (deliveredAt
          ? `, close→all delivered ${(result.closeToAllDeliveredMs / 1000).toFixed(1)} s`
          : '') +
        `; seated ${result.seated} (confirmed ${result.confirmed}, counter ${result.confirmedCount}), waitlisted ${result.waitlisted}, ` +
        `quota seats ${JSON.stringify(quotaSeats)}, recomputed ${verification.ok ? 'OK' : 'MISMATCH'} in ${result.verifyMs} ms, ` +
        `worker peak RSS ${result.workerPeakRssMiB} MiB\n${JSON.stringify(result)}\n`,
    );
    if (!verification.ok || result.confirmed !== result.seated) process.exitCode = 1;
  } finally {
    if (worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await db.end();
    await new Promise((r) => sink.close(r));
  }
}

await main();
