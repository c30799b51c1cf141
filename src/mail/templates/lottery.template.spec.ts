import { describe, expect, it, jest } from '@jest/globals';
import { LANGUAGES } from '../../common/locale.js';
import { TEMPLATES } from './index.js';
import type { ApplicationMailData } from './lottery.template.js';
import type { MailTemplate, RenderedMail } from './template.types.js';

jest.setTimeout(30_000);

const data: ApplicationMailData = {
  registrationId: '6f1d2c3b-0000-4000-8000-000000000001',
  eventId: '6f1d2c3b-0000-4000-8000-000000000002',
  title: 'World Fan Groups <PreParty>',
  startsAt: '2026-06-26T13:00:00.000Z',
  endsAt: null,
  timezone: 'Asia/Almaty',
  venue: 'Barys Arena',
  city: 'Astana',
  // 1 June 2026, 15:00 in Astana (UTC+5) is 10:00 UTC.
  applicationsCloseAt: '2026-06-01T10:00:00.000Z',
  seedSha256: 'ab'.repeat(32),
};

const render = (kind: string, d: object, language: (typeof LANGUAGES)[number]) => {
  const template = TEMPLATES[kind as keyof typeof TEMPLATES] as unknown as MailTemplate<object>;
  return Promise.resolve<RenderedMail>(
    template[language]!(d, { recipientName: 'Sakura <b>', language, mailId: 'm' }),
  );
};

describe('lottery e-mail templates', () => {
  it('tells when the draw is in the event zone and in UTC, in each language', async () => {
    for (const language of LANGUAGES) {
      const mail = await render('registration_applied', data, language);
      expect(mail.text).toContain('15:00 (Asia/Almaty)');
      expect(mail.text).toContain('10:00 (UTC)');
      expect(mail.text).toContain('ab'.repeat(32));
      expect(mail.html).toContain('Sakura &lt;b&gt;');
    }
    expect((await render('registration_applied', data, 'ru')).subject).toMatch(/^Заявка принята/);
    expect((await render('registration_applied', data, 'kk')).text).toContain('маусым');
  });

  it('sends a seat with the .ics and the QR code, and a waitlist place with its position', async () => {
    const seated = await render('draw_seated', { ...data, checkInCode: 'CODE123' }, 'en');
    expect(seated.attachments?.map((a) => a.filename).sort()).toEqual([
      'check-in.png',
      'invite.ics',
    ]);
    const waitlisted = await render('draw_waitlisted', { ...data, position: 42 }, 'kk');
    expect(waitlisted.subject).toContain('42');
    expect(waitlisted.text).toContain('42');
  });
});
