import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { withAdvisoryLock } from '../database/advisory-lock.js';
import { ensureDatabase } from '../database/ensure-database.js';
import { seedDemo } from './demo.js';

/**
 * `npm run seed:demo`: creates the database if needed, applies migrations and loads the demo
 * story; running it again changes nothing.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await ensureDatabase(config.db.url);
  const dataSource = await new DataSource({
    ...dataSourceOptions(config.db),
    entities: [`${import.meta.dirname}/../**/*.entity.js`],
  }).initialize();
  try {
    await withAdvisoryLock(dataSource, 'migrations', () =>
      dataSource.runMigrations({ transaction: 'each' }),
    );
    await seedDemo(dataSource);
    process.stdout.write(
      'Demo data ready. Log in as aigerim@dostar.kz / preparty-2026 (organizer).\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
