import { describe, expect, it } from '@jest/globals';
import { classifySendError, describeSendError, sendErrorCodes } from './mail-errors.js';

const smtp = (responseCode: number, code = 'EMESSAGE') =>
  Object.assign(new Error(`Message failed: ${responseCode} no`), {
    code,
    responseCode,
    response: `${responseCode} 4.7.1 Try again later <fan@example.com>`,
  });

describe('classifySendError', () => {
  it.each([421, 450, 451, 452])('retries an SMTP %i', (status) => {
    expect(classifySendError(smtp(status))).toBe('retry');
  });

  it.each([550, 551, 552, 553, 554])('gives up on an SMTP %i', (status) => {
    expect(classifySendError(smtp(status))).toBe('permanent');
    expect(classifySendError(smtp(status, 'EENVELOPE'))).toBe('permanent');
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED'])(
    'retries a connection error %s',
    (code) => {
      expect(classifySendError(Object.assign(new Error('down'), { code }))).toBe('retry');
    },
  );

  it('retries an authentication failure even with a 5xx: it is our configuration', () => {
    expect(classifySendError(smtp(535, 'EAUTH'))).toBe('retry');
  });

  it('retries errors it does not know', () => {
    expect(classifySendError(new Error('boom'))).toBe('retry');
    expect(classifySendError(undefined)).toBe('retry');
  });
});

describe('describeSendError', () => {
  it('keeps code, status and the server reply, bounded', () => {
    expect(describeSendError(smtp(550))).toBe(
      'EMESSAGE 550 550 4.7.1 Try again later <fan@example.com>',
    );
    expect(describeSendError(smtp(550, 'x'.repeat(1000))).length).toBe(500);
  });

  it('logs codes only, never the reply text', () => {
    expect(sendErrorCodes(smtp(451))).toEqual({ code: 'EMESSAGE', responseCode: 451 });
  });
});
