// The baseline for bench/registration.bench.mjs: node:http + pg and nothing else, running the
// app's own registration SQL (the same named statements and steps, the same pool size). The caller is taken
// from the token's `sub` without verifying it: the baseline is the floor of the work.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PLACE_IN_LINE_SQL, REGISTER_SQL } from '../dist/src/registrations/registration-sql.js';

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
    0, // the token's session version (bench tokens carry none: 0)
  ];
  // Named, like the app's: planned once per connection.
  const row = (await pool.query({ name: 'register', text: REGISTER_SQL, values: params })).rows[0];
  if (!row.account_active) return [401, { message: 'Unauthorized' }];
  if (!row.group_id) return [404, { message: 'Event not found' }];
  if (!row.id) return [409, { code: row.open ? 'EVENT_FULL' : 'EVENT_NOT_OPEN' }];
  if (row.status === 'waitlisted') {
    // The second step: the place in line and the position its e-mail tells.
    const placed = await pool.query({
      name: 'place_in_line',
      text: PLACE_IN_LINE_SQL,
      values: [eventId, row.id],
    });
    return [201, { ...row, position: placed.rows[0].position }];
  }
  return [201, row];
}

createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/health') return send(200, { status: 'ok' });
  const match = req.method === 'POST' && ROUTE.exec(req.url ?? '');
  if (!match) return send(404, { message: 'Not found' });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString() || '{}');
    register(match[1], userOf(req))
      .then(([status, body]) => send(status, body))
      .catch((err) => send(err.code === '23505' ? 409 : 500, { message: err.message }));
  });
}).listen(Number(process.env.PORT ?? 3102), '127.0.0.1');
