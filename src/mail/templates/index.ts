import type { MailKind } from '../mail.types.js';
import { helpRequestAssignedTemplate } from './help-request-assigned.template.js';
import { helpRequestCommentTemplate } from './help-request-comment.template.js';
import { helpRequestStatusTemplate } from './help-request-status.template.js';
import { eventCancelledTemplate } from './event-cancelled.template.js';
import { passwordResetTemplate } from './password-reset.template.js';
import {
  drawSeatedTemplate,
  drawWaitlistedTemplate,
  registrationAppliedTemplate,
} from './lottery.template.js';
import { registrationConfirmedTemplate } from './registration-confirmed.template.js';
import { registrationPromotedTemplate } from './registration-promoted.template.js';
import { registrationWaitlistedTemplate } from './registration-waitlisted.template.js';
import {
  hostMatchAnsweredTemplate,
  hostMatchConfirmedTemplate,
  hostMatchProposedTemplate,
} from './host-match.templates.js';
import type { MailTemplate } from './template.types.js';
import { taskAssignedTemplate } from './task-assigned.template.js';
import { taskReminderTemplate } from './task-reminder.template.js';
import { taskRescheduledTemplate } from './task-rescheduled.template.js';
import { taskUnassignedTemplate } from './task-unassigned.template.js';
import { welcomeTemplate } from './welcome.template.js';

/** Every kind's template; add a kind to MAIL_KINDS and its template here. */
export const TEMPLATES: Record<MailKind, MailTemplate<never>> = {
  welcome: welcomeTemplate,
  task_assigned: taskAssignedTemplate,
  task_unassigned: taskUnassignedTemplate,
  task_rescheduled: taskRescheduledTemplate,
  task_reminder: taskReminderTemplate,
  help_request_status: helpRequestStatusTemplate,
  help_request_assigned: helpRequestAssignedTemplate,
  help_request_comment: helpRequestCommentTemplate,
  registration_confirmed: registrationConfirmedTemplate,
  registration_waitlisted: registrationWaitlistedTemplate,
  registration_promoted: registrationPromotedTemplate,
  event_cancelled: eventCancelledTemplate,
  host_match_proposed: hostMatchProposedTemplate,
  host_match_answered: hostMatchAnsweredTemplate,
  host_match_confirmed: hostMatchConfirmedTemplate,
  password_reset: passwordResetTemplate,
  registration_applied: registrationAppliedTemplate,
  draw_seated: drawSeatedTemplate,
  draw_waitlisted: drawWaitlistedTemplate,
};
