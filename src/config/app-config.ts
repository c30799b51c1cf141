import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables, validateEnv } from './env.validation.js';

/** Fastify's `trustProxy`: a boolean or a list of proxy addresses/CIDRs. */
export function parseTrustProxy(value: string): boolean | string[] {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  return text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** Typed configuration namespaces built once from the validated environment. */
export function buildConfig(env: EnvironmentVariables) {
  return {
    app: {
      env: env.NODE_ENV,
      port: env.PORT,
      role: env.APP_ROLE,
      logLevel: env.LOG_LEVEL,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      retentionDays: env.RETENTION_DAYS,
      retentionIntervalMs: env.RETENTION_INTERVAL_MS,
      drawPollMs: env.DRAW_POLL_MS,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
      webDistDir: env.WEB_DIST_DIR,
    },
    db: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    auth: {
      jwtSecret: env.JWT_SECRET as string,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      authRateLimit: env.AUTH_RATE_LIMIT,
      userRateLimit: env.USER_RATE_LIMIT,
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      dir: env.MAIL_DIR,
      sweepMs: env.OUTBOX_SWEEP_MS,
      stuckMs: env.OUTBOX_STUCK_MS,
      concurrency: env.MAIL_CONCURRENCY,
      maxAttempts: env.MAIL_MAX_ATTEMPTS,
      retryBaseMs: env.MAIL_RETRY_BASE_MS,
      reminderLeadMinutes: env.REMINDER_LEAD_MINUTES,
    },
  };
}

export type AppConfig = ReturnType<typeof buildConfig>;
export type TypedConfigService = ConfigService<AppConfig, true>;

export function loadConfig(raw: Record<string, unknown> = process.env): AppConfig {
  return buildConfig(validateEnv(raw));
}
export type AppRole = AppConfig['app']['role'];
