/** What to do with an e-mail whose send failed. */
export type SendFailure = 'retry' | 'permanent';

interface SmtpErrorShape {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** nodemailer error codes that are about our side or the connection, never the message. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EPROTOCOL',
]);

/**
 * SMTP 4xx and connection trouble are temporary: retry with backoff. A 5xx reply is the server's
 * final word about this message (unknown mailbox, rejected content): retrying cannot help.
 * Authentication failures retry even on 535, since they are a configuration problem that an
 * operator fixes without losing the mail.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = (err ?? {}) as SmtpErrorShape;
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return 'retry';
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  if (status !== undefined && status >= 500 && status < 600) return 'permanent';
  return 'retry';
}

/** A short reason for the outbox row: code, SMTP status and the server's reply, bounded. */
export function describeSendError(err: unknown): string {
  const e = (err ?? {}) as SmtpErrorShape;
  const parts = [
    typeof e.code === 'string' ? e.code : undefined,
    typeof e.responseCode === 'number' ? String(e.responseCode) : undefined,
    typeof e.response === 'string'
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(err),
  ].filter(Boolean);
  return parts.join(' ').slice(0, 500);
}

/** Log-safe fields of a send error: codes only, no reply text (it may quote an address). */
export function sendErrorCodes(err: unknown): { code?: string; responseCode?: number } {
  const e = (err ?? {}) as SmtpErrorShape;
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
  };
}
