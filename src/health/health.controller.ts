import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { RedisClient } from '../common/redis/redis.module.js';
import { OutboxStore } from '../mail/outbox.store.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly redis: RedisClient,
    private readonly outbox: OutboxStore,
  ) {}

  /**
   * 200 when Postgres and Redis answer, 503 when either does not. The outbox backlog is shown
   * for operators but never fails the check: a backlog is work to do, not an outage.
   */
  @Public()
  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => this.pingRedis(),
      () => this.outboxBacklog(),
    ]);
  }

  private async outboxBacklog(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('outbox');
    try {
      const backlog = await Promise.race([
        this.outbox.backlog(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timeout')), 2000).unref(),
        ),
      ]);
      return check.up({ ...backlog });
    } catch {
      return check.up({ backlog: 'unavailable' });
    }
  }

  private async pingRedis(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('redis');
    try {
      await Promise.race([
        this.redis.redis.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return check.up();
    } catch (err) {
      return check.down({ message: (err as Error).message });
    }
  }
}
