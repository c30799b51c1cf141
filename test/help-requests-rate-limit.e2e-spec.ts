import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer } from './factories/index.js';
import { type HelpCast, helpCast, ticketBody } from './utils/help-requests.js';
import { startTestApp, type TestApp, truncateAll } from './utils/test-app.js';

describe('help request rate limit', () => {
  let t: TestApp;
  let cast: HelpCast;

  beforeAll(async () => {
    t = await startTestApp({ USER_RATE_LIMIT: '3' });
    await truncateAll(t.db);
    cast = await helpCast(t.http);
  });
  afterAll(async () => {
    await t.close();
    // startTestApp writes into process.env: leave the generous test default behind.
    process.env.USER_RATE_LIMIT = '1000';
  });

  it('answers 429 once a user has created USER_RATE_LIMIT requests in a minute, and stores no more', async () => {
    const url = `/api/v1/fan-groups/${cast.group.id}/help-requests`;
    const codes: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await t.http.post(url).set(bearer(cast.requester)).send(ticketBody());
      codes.push(res.status);
    }
    expect(codes).toEqual([201, 201, 201, 429, 429]);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM help_requests WHERE requester_id = $1',
      [cast.requester.id],
    );
    expect(n).toBe(3);
    // Another user has their own allowance.
    await t.http.post(url).set(bearer(cast.stranger)).send(ticketBody()).expect(201);
  });
});
