import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FanGroupsModule } from '../fan-groups/fan-groups.module.js';
import { EventEntity } from './event.entity.js';
import { EventSeatEntity } from './event-seat.entity.js';
import { EventHooks } from './event-hooks.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([EventEntity, EventSeatEntity]), FanGroupsModule],
  controllers: [EventsController],
  providers: [EventsService, EventHooks],
  exports: [EventsService, EventHooks, FanGroupsModule, TypeOrmModule],
})
export class EventsModule {}
