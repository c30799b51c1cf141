import type { MailKind } from '../mail.types.js';
import { eventCancelledTemplate } from './event-cancelled.template.js';
import { registrationConfirmedTemplate } from './registration-confirmed.template.js';
import { registrationPromotedTemplate } from './registration-promoted.template.js';
import { registrationWaitlistedTemplate } from './registration-waitlisted.template.js';
import type { MailTemplate } from './template.types.js';
import { welcomeTemplate } from './welcome.template.js';

/** Every kind's template; add a kind to MAIL_KINDS and its template here. */
export const TEMPLATES: Record<MailKind, MailTemplate<never>> = {
  welcome: welcomeTemplate,
  registration_confirmed: registrationConfirmedTemplate,
  registration_waitlisted: registrationWaitlistedTemplate,
  registration_promoted: registrationPromotedTemplate,
  event_cancelled: eventCancelledTemplate,
};
