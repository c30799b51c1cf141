import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BullModule } from '@nestjs/bull';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppRole, TypedConfigService } from '../config/app-config.js';
import { MAIL_QUEUE } from './mail.constants.js';
import { MailProcessor } from './mail.processor.js';
import { MailService } from './mail.service.js';
import { MailTransport } from './mail.transport.js';
import { OutboxEntity } from './outbox.entity.js';
import { OutboxRelay, RELAY_SWEEPS } from './outbox.relay.js';
import { OutboxStore } from './outbox.store.js';

@Global()
@Module({})
export class MailModule {
  /** Every role may enqueue and relay; only `worker` and `all` run the processor and sweeper. */
  static register(role: AppRole): DynamicModule {
    const works = role !== 'api';
    const providers: Provider[] = [
      MailService,
      OutboxRelay,
      OutboxStore,
      { provide: RELAY_SWEEPS, useValue: works },
      ...(works ? [MailTransport, MailProcessor] : []),
    ];
    return {
      module: MailModule,
      imports: [
        TypeOrmModule.forFeature([OutboxEntity]),
        BullModule.registerQueueAsync({
          name: MAIL_QUEUE,
          inject: [ConfigService],
          useFactory: (config: TypedConfigService) => {
            // A job whose worker died is retried once its lock lapses; never later than the
            // sweep would consider the row stuck anyway.
            const lockMs = Math.min(30_000, config.get('mail.stuckMs', { infer: true }));
            return {
              settings: { lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 2 },
            };
          },
        }),
      ],
      providers,
      exports: [MailService, OutboxStore],
    };
  }
}
