import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TypedConfigService } from '../config/app-config.js';
import { RetentionService } from './retention.service.js';

/** The first pass soon after start, so a process restarted often still gets to run it. */
const FIRST_RUN_MAX_DELAY_MS = 60_000;

/**
 * Runs the retention pass every RETENTION_INTERVAL_MS in `worker` and `all` processes. Every
 * such process schedules it; the advisory lock inside makes one of them do the work.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionScheduler.name);
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly retention: RetentionService,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.intervalMs = config.get('app.retentionIntervalMs', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs > 0) this.schedule(Math.min(this.intervalMs, FIRST_RUN_MAX_DELAY_MS));
  }

  /** Before the connections close (onApplicationShutdown): a pass in flight may finish. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule(this.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      const result = await this.retention.run(new Date());
      // Counts only: what was erased is exactly what must not reach the logs.
      if (result) this.logger.log({ ...result }, 'retention pass done');
    } catch (err) {
      this.logger.error({ err: String(err) }, 'retention pass failed');
    }
  }
}
