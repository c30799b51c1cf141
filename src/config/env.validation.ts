// Decorator metadata must exist before the schema class is evaluated, whoever loads this first.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/**
 * Every environment variable the platform reads, with the defaults of the runtime contract
 * (API.md), so `npm run start:dev` works against local Postgres and Redis without a `.env`.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsIn(['all', 'api', 'worker'])
  APP_ROLE: 'all' | 'api' | 'worker' = 'all';

  @IsString()
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/fanevents';

  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE: number = 8;

  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS: number = 10000;

  @IsInt()
  @Min(100)
  DATABASE_LOCK_TIMEOUT_MS: number = 5000;

  @IsString()
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (queues, rate-limit counters); tests give each run its own. */
  @IsString()
  REDIS_PREFIX: string = 'fanevents';

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM: string = 'Fan Events <no-reply@fanevents.local>';

  @IsString()
  MAIL_DIR: string = 'var/mail';

  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || !!env.JWT_SECRET)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS: number = 12 * 3600;

  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT: number = 20;

  @IsInt()
  @Min(1)
  USER_RATE_LIMIT: number = 30;

  @IsInt()
  @Min(0)
  REMINDER_LEAD_MINUTES: number = 1440;

  @IsString()
  CORS_ORIGINS: string = '';

  /** Where the web app is served: every link in an e-mail starts with it. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL: string = 'http://localhost:3000';

  /**
   * Behind a load balancer or reverse proxy: `true` (trust X-Forwarded-For) or the
   * comma-separated proxy addresses/CIDRs. Without it every client shares the proxy's IP, and
   * so one AUTH_RATE_LIMIT budget.
   */
  @IsString()
  TRUST_PROXY: string = 'false';

  @IsInt()
  @Min(0)
  RETENTION_DAYS: number = 30;

  /** How often the retention job runs (worker and all roles); 0 turns the schedule off. */
  @IsInt()
  @Min(0)
  RETENTION_INTERVAL_MS: number = 3_600_000;

  /** The built web app served at `/` (default: web/dist beside package.json). */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;
  /**
   * How often worker and all processes look for lottery events whose application window has
   * closed, to draw them (one process per event, under an advisory lock); 0 turns it off.
   */
  @IsInt()
  @Min(0)
  DRAW_POLL_MS: number = 1000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** How often the outbox relay sweeps for pending, due and stuck e-mails. */
  @IsInt()
  @Min(50)
  OUTBOX_SWEEP_MS: number = 5000;

  @IsInt()
  @Min(1)
  MAIL_CONCURRENCY: number = 32;

  @IsInt()
  @Min(1)
  MAIL_MAX_ATTEMPTS: number = 8;

  @IsInt()
  @Min(1)
  MAIL_RETRY_BASE_MS: number = 2000;

  /**
   * An e-mail `queued` this long without being sent, or `sending` with a claim this old, is
   * re-added by the sweep (Redis lost its job, or the worker died). Longer than one SMTP send
   * with all its timeouts.
   */
  @IsInt()
  @Min(500)
  OUTBOX_STUCK_MS: number = 60_000;
}

const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  // `PORT=` in a compose file or .env means "not set": without this it would become port 0.
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const env = plainToInstance(EnvironmentVariables, present, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
    );
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error('Invalid environment configuration:\n  JWT_SECRET: required in production');
  }
  env.JWT_SECRET ??= DEV_JWT_SECRET;
  return env;
}
