import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { SmtpSink } from './smtp-sink.js';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  db: DataSource;
  smtp: SmtpSink;
  close(): Promise<void>;
}

/**
 * Boots the production application (same adapter, pipes, filters, guards) against the test
 * database and Redis, with e-mail going to an in-process SMTP server.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const smtp = new SmtpSink();
  process.env.SMTP_URL = await smtp.start();
  Object.assign(process.env, env);
  const app = await createApp('all');
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpAdapter().getInstance().server),
    db,
    smtp,
    async close() {
      await app.close();
      await smtp.stop();
    },
  };
}

/** Empties every table but the migrations log, so each test starts clean. */
export async function truncateAll(db: DataSource): Promise<void> {
  const tables = await db.query<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  if (tables.length === 0) return;
  await db.query(
    `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
  );
}
