import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { TypedConfigService } from '../config/app-config.js';
import { runExclusive } from '../database/advisory-lock.js';

const TTL = '24 hours';
/** A claim this old is from a process that died mid-request: it may be taken over. */
const ABANDONED_AFTER = '60 seconds';
const PURGE_EVERY_MS = 15 * 60_000;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type Claim = { kind: 'claimed' } | { kind: 'replay'; answer: StoredAnswer };

/** sha256 of a value with its object keys sorted, so `{a,b}` and `{b,a}` are the same body. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/**
 * `Idempotency-Key` bookkeeping in Postgres (the source of truth; Redis may lose keys). A key
 * is claimed before the work starts, so a concurrent retry sees it in progress (409); the
 * answer is stored in the work's own transaction, so a replay matches what was committed.
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ConfigService) private readonly config: TypedConfigService,
  ) {}

  /** Claims the key for this request, or says what to answer instead. */
  async claim(userId: string, key: string, print: string): Promise<Claim> {
    const claimed = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint, expires_at)
       VALUES ($1, $2, $3, now() + interval '${TTL}')
       ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
         state = 'in_progress', response_status = NULL, response_body = NULL,
         created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at <= now()
          OR (idempotency_keys.state = 'in_progress'
              AND idempotency_keys.created_at < now() - interval '${ABANDONED_AFTER}')
       RETURNING 1`,
      [userId, key, print],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const [row] = await this.dataSource.query<
      { fingerprint: string; state: string; response_status: number; response_body: unknown }[]
    >(
      `SELECT fingerprint, state, response_status, response_body FROM idempotency_keys
       WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    // Purged between the two statements: treat as new.
    if (!row) return this.claim(userId, key, print);
    if (row.fingerprint !== print) {
      throw new UnprocessableEntityException(
        'This Idempotency-Key was already used with a different request',
      );
    }
    if (row.state !== 'done') {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: 'IDEMPOTENCY_IN_PROGRESS',
        message: 'A request with this Idempotency-Key is still being processed; retry shortly',
      });
    }
    return { kind: 'replay', answer: { status: row.response_status, body: row.response_body } };
  }

  /** Records the answer; pass the work's transaction so both commit together. */
  async complete(
    manager: EntityManager,
    userId: string,
    key: string,
    answer: StoredAnswer,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4
       WHERE user_id = $1 AND key = $2`,
      [userId, key, answer.status, JSON.stringify(answer.body)],
    );
  }

  /** Frees the key after an unexpected failure, so a retry can do the work. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'in_progress'`,
      [userId, key],
    );
  }

  /** Deletes expired keys; one process at a time across the fleet. */
  async purgeExpired(): Promise<number> {
    const deleted = await runExclusive(this.dataSource, 'idempotency-purge', async (manager) => {
      const [{ n }] = await manager.query<{ n: number }[]>(
        `WITH gone AS (DELETE FROM idempotency_keys WHERE expires_at <= now() RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
      );
      return n;
    });
    return deleted ?? 0;
  }

  onApplicationBootstrap(): void {
    // Periodic jobs run in worker processes (and `all`); API-only processes serve requests.
    if (this.config.get('app.role', { infer: true }) === 'api') return;
    this.timer = setInterval(() => {
      this.purgeExpired().catch((err: unknown) =>
        this.logger.warn(`idempotency purge failed: ${String(err)}`),
      );
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
