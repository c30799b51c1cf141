import { Module } from '@nestjs/common';
import { CalendarController, CalendarFeedController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';

/**
 * Calendars for people: the private iCalendar feed of a user's volunteer tasks and confirmed
 * registrations, and a registration's `.ics` download. Reads registrations and tasks with its
 * own queries; the `.ics` text comes from the mail's builder, like the e-mailed invitations.
 */
@Module({
  controllers: [CalendarController, CalendarFeedController],
  providers: [CalendarService],
})
export class CalendarModule {}
