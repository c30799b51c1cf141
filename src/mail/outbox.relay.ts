import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bull';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobOptions, Queue } from 'bull';
import type { DataSource } from 'typeorm';
import type { TypedConfigService } from '../config/app-config.js';
import { runExclusive } from '../database/advisory-lock.js';
import {
  MAIL_QUEUE,
  type MailJobData,
  QUEUE_ADD_TIMEOUT_MS,
  RELAY_BATCH,
} from './mail.constants.js';
import { OutboxStore } from './outbox.store.js';

/** Tells the relay whether this process runs the periodic sweep (roles worker and all). */
export const RELAY_SWEEPS = Symbol('RELAY_SWEEPS');

/** Bull job options of every mail job: retries with exponential backoff, bounded history. */
export function mailJobOptions(config: TypedConfigService): JobOptions {
  const { maxAttempts, retryBaseMs } = config.get('mail', { infer: true });
  return {
    attempts: maxAttempts,
    backoff: { type: 'exponential', delay: retryBaseMs },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
}

class QueueTimeout extends Error {}

/**
 * Moves outbox rows into Bull. A pass marks due pending rows `queued` in one short statement
 * (`FOR UPDATE SKIP LOCKED`, so relays in many processes never take the same rows), then adds
 * one job per row with `jobId` = outbox id (Bull ignores a second add of the same id). If Redis
 * is down the rows go back to `pending` and a later pass retries; requests never wait for this.
 *
 * `kick()` runs a pass soon after a commit; processes of role worker/all also sweep every
 * `mail.sweepMs`: a pass plus, under a Postgres advisory lock, re-adding rows whose job Redis
 * lost (`queued` or `sending` for longer than `mail.stuckMs`).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly jobOptions: JobOptions;
  private readonly sweepMs: number;
  private readonly stuckMs: number;
  private scheduled = false;
  private rerun = false;
  private sweepWanted = false;
  private running?: Promise<void>;
  private sweepTimer?: NodeJS.Timeout;
  private closed = false;
  private lastRedisError = 0;

  constructor(
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue<MailJobData>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: OutboxStore,
    @Inject(ConfigService) config: TypedConfigService,
    @Inject(RELAY_SWEEPS) private readonly sweeps: boolean,
  ) {
    this.jobOptions = mailJobOptions(config);
    const mail = config.get('mail', { infer: true });
    this.sweepMs = mail.sweepMs;
    this.stuckMs = mail.stuckMs;
    // Bull re-emits Redis connection errors; without a listener they would crash the process.
    this.queue.on('error', (err: Error) => this.logRedisError(err));
  }

  onApplicationBootstrap(): void {
    if (this.sweeps) this.scheduleSweep();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.sweepTimer);
    await this.running;
  }

  /** Runs a pass soon; calls during a pass coalesce into one more pass after it. */
  kick(): void {
    if (this.closed || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startPass('relay');
    });
  }

  /** One pass at a time per process; a sweep asked for meanwhile runs right after. */
  private startPass(kind: 'relay' | 'sweep'): void {
    if (this.running) {
      if (kind === 'sweep') this.sweepWanted = true;
      else this.rerun = true;
      return;
    }
    const work =
      kind === 'sweep'
        ? async () => {
            await this.requeueStuck();
            await this.relayDue();
          }
        : () => this.relayDue();
    this.running = work()
      .then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err: errorName(err) }, 'outbox relay pass failed'),
      )
      .finally(() => {
        this.running = undefined;
        if (this.closed) return;
        if (this.sweepWanted) {
          this.sweepWanted = false;
          this.rerun = false;
          this.startPass('sweep');
        } else if (this.rerun) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  private scheduleSweep(): void {
    this.sweepTimer = setTimeout(() => {
      this.startPass('sweep');
      if (!this.closed) this.scheduleSweep();
    }, this.sweepMs);
  }

  /** Moves every due pending row to Bull, a batch at a time. Returns how many were added. */
  async relayDue(): Promise<number> {
    let total = 0;
    while (!this.closed && this.redisReady()) {
      const ids = await this.store.queueDue(RELAY_BATCH);
      if (ids.length === 0) break;
      if (!(await this.addJobs(ids))) {
        await this.store.unqueue(ids);
        break;
      }
      total += ids.length;
      if (ids.length < RELAY_BATCH) break;
    }
    return total;
  }

  /**
   * Re-adds the jobs of rows stuck in `queued`/`sending`: Redis restarted empty, or a worker
   * died mid-send. A job that still exists waiting or active is left alone; a finished one
   * (completed or failed) would block the re-add of its id, so it is removed first.
   */
  async requeueStuck(): Promise<number> {
    if (!this.redisReady()) return 0;
    const readded = await runExclusive(this.db, 'mail-outbox-sweep', async (manager) => {
      const ids = await this.store.findStuck(manager, this.stuckMs, RELAY_BATCH);
      if (ids.length === 0) return 0;
      // Asked side by side (one pipelined burst of Redis commands, not a round trip per row).
      const found = await Promise.all(
        ids.map(async (id) => {
          const job = await this.withTimeout(this.queue.getJob(id));
          const state = job ? await this.withTimeout(job.getState()) : undefined;
          if (job && (state === 'completed' || state === 'failed')) {
            await this.withTimeout(job.remove());
          }
          return !job || state === 'completed' || state === 'failed' ? id : undefined;
        }),
      );
      const missing = found.filter((id): id is string => id !== undefined);
      if (missing.length > 0 && !(await this.addJobs(missing))) return 0;
      await this.store.touchQueued(manager, ids);
      return missing.length;
    });
    if (readded) this.logger.warn({ count: readded }, 'outbox sweep re-added lost mail jobs');
    return readded ?? 0;
  }

  /** True when Bull got the jobs; false when Redis is unreachable or too slow. */
  private async addJobs(ids: string[]): Promise<boolean> {
    try {
      await this.withTimeout(
        this.queue.addBulk(
          ids.map((id) => ({ data: { id }, opts: { ...this.jobOptions, jobId: id } })),
        ),
      );
      return true;
    } catch (err) {
      this.logRedisError(err);
      return false;
    }
  }

  /**
   * Bull's client queues commands while Redis is away; a relay pass must not wait for that.
   * (A late add of the same ids is harmless: the row claim makes sending idempotent.)
   */
  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueTimeout('mail queue did not answer in time')),
        QUEUE_ADD_TIMEOUT_MS,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private redisReady(): boolean {
    return this.queue.client.status === 'ready';
  }

  /** At most one line per sweep interval while Redis is down. */
  private logRedisError(err: unknown): void {
    const now = Date.now();
    if (now - this.lastRedisError < Math.max(this.sweepMs, 5000)) return;
    this.lastRedisError = now;
    this.logger.warn({ err: errorName(err) }, 'mail queue unavailable; e-mails stay in the outbox');
  }
}

function errorName(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 200);
  return String(err).slice(0, 200);
}
