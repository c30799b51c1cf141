import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp, type CreateAppOptions } from '../../src/bootstrap.js';
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
export async function startTestApp(
  env: Record<string, string> = {},
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const smtp = new SmtpSink();
  const overrides: Record<string, string> = { SMTP_URL: await smtp.start(), ...env };
  // The environment is read while the app boots; restore it afterwards so that one app's
  // overrides (a low rate limit, an unreachable Redis) never leak into the next app.
  const saved = Object.fromEntries(Object.keys(overrides).map((k) => [k, process.env[k]]));
  Object.assign(process.env, overrides);
  let app: NestFastifyApplication;
  try {
    app = await createApp('all', options);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
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
  const sql = `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`;
  // The in-process worker may still be updating outbox rows of the previous test: a deadlock
  // with it is retried rather than failing the next test.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query(sql);
      return;
    } catch (err) {
      if (
        attempt >= 5 ||
        (err as { driverError?: { code?: string } }).driverError?.code !== '40P01'
      ) {
        throw err;
      }
    }
  }
}
