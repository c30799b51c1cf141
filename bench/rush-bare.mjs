// The bare references for bench/rush.bench.mjs: node:http + pg and nothing else, on a pool of
// the API's size. The caller is taken from the token's `sub` without verifying it: the floor of
// the work.
//   POST /api/v1/events/:id/registrations  today's single-row statement (bench/rush-legacy-sql.mjs,
//                                           with its second read after a waitlisting)
//   POST /ceiling                          one INSERT per transaction: the commit ceiling
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { REGISTER_SQL, SEAT_FREE_SQL } from './rush-legacy-sql.mjs';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 8),
});
const ROUTE = /^\/api\/v1\/events\/([0-9a-f-]{36})\/registrations$/;

function userOf(req) {
  const token = (req.headers.authorization ?? '').slice(7);
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub;
}

async function register(eventId, userId) {
  const params = [
    eventId,
    userId,
    null,
    null,
    null,
    randomBytes(16).toString('hex'),
    `fanevents:event-queue:${eventId}`,
    0,
  ];
  const row = (await pool.query({ name: 'register', text: REGISTER_SQL, values: params })).rows[0];
  if (!row.account_active) return [401, { message: 'Unauthorized' }];
  if (!row.group_id) return [404, { message: 'Event not found' }];
  if (!row.id) return [409, { code: row.open ? 'EVENT_FULL' : 'EVENT_NOT_OPEN' }];
  if (row.status === 'waitlisted') {
    await pool.query({ name: 'seat_free', text: SEAT_FREE_SQL, values: [eventId] });
  }
  return [201, row];
}

async function commitOnce(userId) {
  await pool.query({
    name: 'ceiling',
    text: 'INSERT INTO bench_commits (user_id) VALUES ($1)',
    values: [userId],
  });
  return [201, { ok: true }];
}

createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/health') return send(200, { status: 'ok' });
  const match = req.method === 'POST' && ROUTE.exec(req.url ?? '');
  const ceiling = req.method === 'POST' && req.url === '/ceiling';
  if (!match && !ceiling) return send(404, { message: 'Not found' });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString() || '{}');
    (ceiling ? commitOnce(userOf(req)) : register(match[1], userOf(req)))
      .then(([status, body]) => send(status, body))
      .catch((err) => send(err.code === '23505' ? 409 : 500, { message: err.message }));
  });
}).listen(Number(process.env.PORT ?? 3102), '127.0.0.1');
