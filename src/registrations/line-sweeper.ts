import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TypedConfigService } from '../config/app-config.js';
import { RegistrationsService } from './registrations.service.js';

/**
 * Worker processes (roles worker and all) place waitlisted registrations whose second step
 * never ran because their API process died between the two (see seats.ts): they get their
 * place and their e-mail within a sweep interval. Any process may run it at the same time as
 * another: the line step is serialized by the event's line lock and places each row once.
 */
@Injectable()
export class LineSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LineSweeper.name);
  private readonly everyMs: number;
  private readonly enabled: boolean;
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly registrations: RegistrationsService,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.everyMs = config.get('mail.sweepMs', { infer: true });
    this.enabled = config.get('app.role', { infer: true }) !== 'api';
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.sweep(), this.everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Rows younger than a sweep interval are most likely in their own second step right now.
      const placed = await this.registrations.placeStragglers(this.everyMs);
      if (placed > 0) this.logger.warn({ placed }, 'placed waitlisted registrations left unplaced');
    } catch (err) {
      this.logger.warn(`line sweep failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
