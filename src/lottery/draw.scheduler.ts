import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TypedConfigService } from '../config/app-config.js';
import { DrawService } from './draw.service.js';

/**
 * Polls for lottery events whose application window has closed, every DRAW_POLL_MS, in
 * `worker` and `all` processes. Every such process polls; DrawService makes each draw happen
 * once (and again, identically, after a crash mid-draw: nothing of it was committed).
 */
@Injectable()
export class DrawScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DrawScheduler.name);
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly draws: DrawService,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.pollMs = config.get('app.drawPollMs', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (this.pollMs > 0) this.schedule();
  }

  /** Before the connections close: a draw in flight may finish (or roll back). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.pollMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.draws.drawDue();
    } catch (err) {
      // The transaction rolled back: the next poll tries again, with the same seed.
      this.logger.error({ err: String(err) }, 'lottery draw failed');
    }
  }
}
