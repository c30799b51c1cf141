import type { Language } from '../common/locale.js';

/** Every kind of e-mail; each has a template in en, ru and kk under ./templates. */
export const MAIL_KINDS = [
  'welcome',
  'task_assigned',
  'task_unassigned',
  'task_rescheduled',
  'task_reminder',
  'help_request_status',
  'help_request_assigned',
  'help_request_comment',
  'registration_confirmed',
  'registration_waitlisted',
  'registration_promoted',
  'event_cancelled',
  'host_match_proposed',
  'host_match_answered',
  'host_match_confirmed',
  'password_reset',
  'registration_applied',
  'draw_seated',
  'draw_waitlisted',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * A data key whose value must not outlive the e-mail (a one-time link): the outbox erases it
 * from the row once the e-mail is sent or given up.
 */
export const SECRET_DATA_KEY = 'secret';

export interface EnqueueMail {
  kind: MailKind;
  userId: string;
  /** Template variables; ids and display data only, rendered when sent. */
  data?: Record<string, unknown>;
  language?: Language | null;
  /** Defaults to now. */
  dueAt?: Date;
  /** One e-mail per cause: a second enqueue with the same key does nothing. */
  dedupeKey?: string;
}
