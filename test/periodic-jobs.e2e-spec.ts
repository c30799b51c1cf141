import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { runExclusive } from '../src/database/advisory-lock.js';
import { dataSourceOptions } from '../src/database/data-source.js';
import { testDatabaseUrl } from './utils/test-env.js';

/**
 * Periodic jobs (outbox sweep, idempotency purge, retention) run in every worker process but
 * must run in one at a time: each pass holds a Postgres advisory lock. Two data sources stand
 * in for two processes (separate pools, separate sessions).
 */
describe('periodic jobs across processes', () => {
  const db = { url: testDatabaseUrl(), poolSize: 2, statementTimeoutMs: 5000, lockTimeoutMs: 2000 };
  const processes = [new DataSource(dataSourceOptions(db)), new DataSource(dataSourceOptions(db))];

  beforeAll(async () => {
    await Promise.all(processes.map((p) => p.initialize()));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.destroy()));
  });

  it('runs a job in one process at a time, and again once it is done', async () => {
    let running = 0;
    let maxRunning = 0;
    const job = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 200));
      running -= 1;
      return 'ran';
    };
    const results = await Promise.all(processes.map((p) => runExclusive(p, 'test-job', job)));
    expect(results.filter((r) => r === 'ran')).toHaveLength(1);
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    expect(maxRunning).toBe(1);

    // The lock lives only as long as the pass's transaction.
    expect(await runExclusive(processes[1], 'test-job', job)).toBe('ran');
  });

  it('lets different jobs run side by side', async () => {
    const results = await Promise.all([
      runExclusive(processes[0], 'job-a', () => new Promise((r) => setTimeout(() => r('a'), 100))),
      runExclusive(processes[1], 'job-b', () => new Promise((r) => setTimeout(() => r('b'), 100))),
    ]);
    expect(results).toEqual(['a', 'b']);
  });
});
