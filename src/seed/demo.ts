import type { DataSource } from 'typeorm';
import { seedPeople } from './demo-context.js';
import { seedEvents } from './demo-events.js';
import { seedHelp } from './demo-help.js';
import { seedHosting } from './demo-hosting.js';
import { seedTasks } from './demo-tasks.js';

/**
 * The story of ARCHITECTURE.md (the Dimash&Dostar PreParty in Astana) in one transaction.
 * Idempotent: every section finds what a previous run created.
 */
export async function seedDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const ctx = await seedPeople(manager, dataSource);
    await seedEvents(ctx);
    // Help requests and tasks refer to the PreParty, so they come after the events section.
    await seedHelp(ctx);
    await seedTasks(ctx);
    // Hosts, languages and arrivals use the PreParty's registrations.
    await seedHosting(ctx);
  });
}
