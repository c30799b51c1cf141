import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source.js';
import { withAdvisoryLock } from '../database/advisory-lock.js';
import { ensureDatabase } from '../database/ensure-database.js';
import { seedPeople } from './demo-context.js';
import { seedTasks } from './demo-tasks.js';
import { seedHelp } from './demo-help.js';
import { seedEvents } from './demo-events.js';

/**
 * `npm run seed:demo`: applies migrations and loads the story of ARCHITECTURE.md (the
 * Dimash&Dostar PreParty in Astana). Idempotent: a second run finds everything in place.
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
    await dataSource.transaction(async (manager) => {
      const ctx = await seedPeople(manager, dataSource);
      await seedEvents(ctx);
      // Help requests and tasks refer to the PreParty, so they come after the events section.
      await seedHelp(ctx);
      await seedTasks(ctx);
    });
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
