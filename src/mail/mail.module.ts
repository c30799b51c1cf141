import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppRole } from '../config/app-config.js';
import { MailService } from './mail.service.js';
import { OutboxEntity } from './outbox.entity.js';
import { OutboxRelay } from './outbox.relay.js';

@Global()
@Module({})
export class MailModule {
  /** Every role may enqueue; only `worker` and `all` run the queue processor and sweeper. */
  static register(_role: AppRole): DynamicModule {
    return {
      module: MailModule,
      imports: [TypeOrmModule.forFeature([OutboxEntity])],
      providers: [MailService, OutboxRelay],
      exports: [MailService],
    };
  }
}
