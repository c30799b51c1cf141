import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppRole } from '../config/app-config.js';
import { EventsModule } from '../events/events.module.js';
import { PartyEntity } from '../registrations/party.entity.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { DrawScheduler } from './draw.scheduler.js';
import { DrawService } from './draw.service.js';
import { LotteryController } from './lottery.controller.js';
import { LotteryDrawEntity, LotteryDrawEntryEntity } from './lottery-draw.entity.js';
import { PartiesService } from './parties.service.js';

/**
 * Lottery events: parties, the draw and its public record. Applications themselves go through
 * POST /events/:eventId/registrations (registrations). Only `worker` and `all` processes poll
 * for due draws.
 */
@Module({})
export class LotteryModule {
  static register(role: AppRole): DynamicModule {
    return {
      module: LotteryModule,
      imports: [
        TypeOrmModule.forFeature([PartyEntity, LotteryDrawEntity, LotteryDrawEntryEntity]),
        EventsModule,
        RegistrationsModule,
      ],
      controllers: [LotteryController],
      providers: [DrawService, PartiesService, ...(role === 'api' ? [] : [DrawScheduler])],
      exports: [DrawService],
    };
  }
}
