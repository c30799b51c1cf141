import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureBuilt, ensureWebBuilt, freePort, startProcess } from '../utils/processes.js';
import { SmtpSink } from '../utils/smtp-sink.js';

/**
 * Builds what is missing, creates the suite's own database, starts an SMTP sink that writes
 * each e-mail as a .eml file, and the real server process (`node dist/src/main.js`: HTTP,
 * workers, the web app). Tests find them through BROWSER_BASE_URL and BROWSER_MAIL_DIR.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureBuilt();
  ensureWebBuilt();

  const adminUrl =
    process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = process.env.BROWSER_DATABASE_NAME ?? 'fanevents_browser';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;

  const mailDir = mkdtempSync(join(tmpdir(), 'fanevents-browser-mail-'));
  const smtp = new SmtpSink({ saveDir: mailDir });
  const smtpUrl = await smtp.start();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await startProcess(
    'all',
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl.toString(),
      REDIS_PREFIX: `fanevents-browser-${randomBytes(4).toString('hex')}`,
      SMTP_URL: smtpUrl,
      PUBLIC_URL: baseUrl,
      JWT_SECRET: 'browser-secret-browser-secret-0123456789',
      AUTH_RATE_LIMIT: '10000',
      USER_RATE_LIMIT: '10000',
      OUTBOX_SWEEP_MS: '200',
      MAIL_RETRY_BASE_MS: '100',
      RETENTION_INTERVAL_MS: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    { port },
  );
  process.env.BROWSER_BASE_URL = baseUrl;
  process.env.BROWSER_MAIL_DIR = mailDir;

  return async () => {
    await server.stop();
    await smtp.stop();
    rmSync(mailDir, { recursive: true, force: true });
  };
}
