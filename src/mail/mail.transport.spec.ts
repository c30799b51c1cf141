import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedConfigService } from '../config/app-config.js';
import { MailTransport } from './mail.transport.js';

const configWith = (mail: Record<string, unknown>) =>
  ({ get: () => mail }) as unknown as TypedConfigService;

describe('MailTransport without SMTP_URL (dev)', () => {
  it('writes each e-mail as an .eml file named after the outbox id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mail-'));
    const transport = new MailTransport(configWith({ smtpUrl: undefined, dir, concurrency: 4 }));
    await transport.send(
      {
        from: 'Fan Events <no-reply@fanevents.local>',
        to: { name: 'Әйгерім', address: 'aigerim@example.com' },
        subject: 'Fan Events-ке қош келдіңіз',
        text: 'Сәлеметсіз бе, Әйгерім!',
        html: '<p>Сәлеметсіз бе, Әйгерім!</p>',
        messageId: '<abc@fanevents.local>',
      },
      'abc',
    );
    expect(await readdir(dir)).toEqual(['abc.eml']);
    const eml = await readFile(join(dir, 'abc.eml'), 'utf8');
    expect(eml).toContain('Message-ID: <abc@fanevents.local>');
    expect(eml).toContain('multipart/alternative');
    expect(eml).toMatch(/^To: =\?UTF-8\?/m);
    transport.onApplicationShutdown();
  });
});
