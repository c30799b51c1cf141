import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { ArrivalsController } from './arrivals.controller.js';
import { ArrivalsService } from './arrivals.service.js';
import { WelcomeTaskEntity } from './welcome-task.entity.js';

/**
 * The arrivals board and its welcome tasks: reads registrations' arrivals, writes volunteer
 * tasks. Sits on top of registrations and volunteer-tasks.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WelcomeTaskEntity]), EventsModule],
  controllers: [ArrivalsController],
  providers: [ArrivalsService],
})
export class ArrivalsModule {}
