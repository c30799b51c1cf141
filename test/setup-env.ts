import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from './utils/test-env.js';

// Every e2e file: the test database, its own Redis key prefix, quiet logs, fast retries.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = testDatabaseUrl();
process.env.REDIS_PREFIX = `fanevents-test-${randomBytes(4).toString('hex')}`;
process.env.LOG_LEVEL ??= 'silent';
process.env.JWT_SECRET ??= 'test-secret-test-secret-test-secret-0123';
process.env.MAIL_RETRY_BASE_MS ??= '100';
process.env.OUTBOX_SWEEP_MS ??= '200';
// The retention job runs only where a test drives it with its own clock.
process.env.RETENTION_INTERVAL_MS ??= '0';
process.env.AUTH_RATE_LIMIT ??= '1000';
process.env.USER_RATE_LIMIT ??= '1000';
process.env.MAIL_DIR ??= `var/test-mail/${process.env.REDIS_PREFIX}`;
delete process.env.SMTP_URL;
