export class CalendarFeedDto {
  /**
   * The private address of the caller's iCalendar feed (volunteer tasks and confirmed
   * registrations): anyone who has it can read the feed, so share it with no one.
   * `${PUBLIC_URL}/api/v1/calendar/<token>.ics`.
   */
  url: string;

  /** The same address as `webcal://...`: opening it offers to subscribe in a calendar app. */
  webcalUrl: string;
}
