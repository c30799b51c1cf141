/** The Bull queue that carries outbox ids to the workers. */
export const MAIL_QUEUE = 'mail';

/** What a mail job carries: the outbox id, never personal data. */
export interface MailJobData {
  id: string;
}

/** Rows the relay moves to Bull per round trip. */
export const RELAY_BATCH = 1000;

/** How long an `addBulk` may take before the relay gives up and leaves the rows pending. */
export const QUEUE_ADD_TIMEOUT_MS = 3000;
