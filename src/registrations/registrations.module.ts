import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventHooks } from '../events/event-hooks.js';
import { EventsModule } from '../events/events.module.js';
import { EventLineEntity } from './event-line.entity.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { IdempotencyService } from './idempotency.service.js';
import { LineSweeper } from './line-sweeper.js';
import { RegistrationArrivalEntity } from './registration-arrival.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { RegistrationsController } from './registrations.controller.js';
import { RegistrationsService } from './registrations.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      RegistrationEntity,
      IdempotencyKeyEntity,
      EventLineEntity,
      RegistrationArrivalEntity,
    ]),
    EventsModule,
  ],
  controllers: [RegistrationsController],
  providers: [RegistrationsService, IdempotencyService, LineSweeper],
  exports: [RegistrationsService],
})
export class RegistrationsModule implements OnModuleInit {
  constructor(
    private readonly hooks: EventHooks,
    private readonly registrations: RegistrationsService,
  ) {}

  /** Event changes reach registrations through hooks, inside the event's transaction. */
  onModuleInit(): void {
    // Raised capacity: as many waitlisted as now fit, FIFO, each e-mailed.
    this.hooks.onCapacityRaised(async (manager, event) => {
      await this.registrations.promote(manager, event.id);
    });
    // Cancelled event: registrations keep their status (the record of who was coming) and
    // every active registrant is e-mailed; the event's status tells clients it is off.
    this.hooks.onCancelled((manager, event) =>
      this.registrations.notifyCancelled(manager, event.id),
    );
    // The event page shows a signed-in caller their own registration.
    this.hooks.provideViewer((eventId, userId) => this.registrations.viewerOf(eventId, userId));
  }
}
