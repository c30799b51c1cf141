/**
 * The caller's own registration as `GET /events/:eventId` shows it. Registrations know how to
 * find it; events only ask (through EventHooks), so events does not depend on registrations.
 */
// `applied`: a lottery application waiting for the draw.
export const VIEWER_STATUSES = ['confirmed', 'waitlisted', 'applied'] as const;
export type ViewerStatus = (typeof VIEWER_STATUSES)[number];

export interface EventViewer {
  registrationId: string;
  status: ViewerStatus;
  waitlistPosition: number | null;
  checkInCode: string | null;
}

export type ViewerLookup = (eventId: string, userId: string) => Promise<EventViewer | null>;
