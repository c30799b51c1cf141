/**
 * `npm run verify-draw -- <eventId> [--url https://fanevents.example]`: fetches the public
 * record of a lottery draw (GET /api/v1/events/:eventId/draw) and recomputes it: the seed
 * against the commitment published before the draw, the shuffle of the sorted registration
 * ids, and every outcome under the quota and party rules. Exit code 0 when everything matches,
 * 1 when something differs, 2 when the draw could not be checked (not made yet, unreachable).
 * The URL defaults to PUBLIC_URL, else http://localhost:3000.
 */
import { parseArgs } from 'node:util';
import { type PublicDraw, verifyDraw } from './verify.js';

/** A command-line tool: its report is its output (the app's logger is for the server). */
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' } },
  });
  const eventId = positionals[0];
  if (!eventId || !/^[0-9a-f-]{36}$/i.test(eventId)) {
    complain('usage: npm run verify-draw -- <eventId> [--url <base URL>]');
    return 2;
  }
  const base = (values.url ?? process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(
    /\/+$/,
    '',
  );
  const url = `${base}/api/v1/events/${eventId}/draw`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    complain(`cannot reach ${url}: ${String(err)}`);
    return 2;
  }
  if (res.status !== 200) {
    complain(`${url} answered ${res.status}`);
    return 2;
  }
  const draw = (await res.json()) as PublicDraw & { drawnAt: string | null };
  if (!draw.seed) {
    complain(`not drawn yet; the seed's SHA-256 is ${draw.seedSha256}`);
    return 2;
  }
  const result = verifyDraw(draw);
  say(`event ${eventId}, drawn ${draw.drawnAt}, ${draw.algorithm}`);
  say(`seed ${draw.seed}`);
  say(`${draw.applications} applications, ${draw.seated} seated of ${draw.capacity}`);
  if (result.ok) {
    say('OK: the seed matches its commitment, and the order and every outcome recompute');
    return 0;
  }
  say('MISMATCH:');
  for (const p of result.problems) say(`  - ${p}`);
  return 1;
}

process.exitCode = await main();
