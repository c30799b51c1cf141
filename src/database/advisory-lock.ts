import type { DataSource, EntityManager } from 'typeorm';

/** Blocks until this process holds the named session lock, runs `fn`, then releases it. */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`fanevents:${name}`]);
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`fanevents:${name}`]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Runs `fn` in a transaction if no other process holds the named lock right now, for periodic
 * jobs that many processes schedule but only one should run at a time. Returns undefined when
 * another process had it.
 */
export async function runExclusive<T>(
  dataSource: DataSource,
  name: string,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T | undefined> {
  return dataSource.transaction(async (manager) => {
    const [{ locked }] = await manager.query<{ locked: boolean }[]>(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
      [`fanevents:${name}`],
    );
    return locked ? fn(manager) : undefined;
  });
}
