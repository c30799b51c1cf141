import { describe, expect, it, jest } from '@jest/globals';
import { LANGUAGES } from '../../common/locale.js';
import { TEMPLATES } from './index.js';
import type { EventCancelledData, RegistrationMailData } from './registration-parts.js';
import type { MailTemplate, RenderedMail } from './template.types.js';

const data: RegistrationMailData = {
  registrationId: '6f1d2c3b-0000-4000-8000-000000000001',
  eventId: '6f1d2c3b-0000-4000-8000-000000000002',
  title: 'World Fan Groups <PreParty>',
  // 26 June 2026, 18:00 in Asia/Almaty (UTC+5 since March 2024) is 13:00 UTC.
  startsAt: '2026-06-26T13:00:00.000Z',
  endsAt: '2026-06-26T17:00:00.000Z',
  timezone: 'Asia/Almaty',
  venue: 'Barys Arena',
  city: 'Astana',
  checkInCode: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
};

// QR and .ics rendering is CPU work; a loaded CI machine needs more than the default 5 s.
jest.setTimeout(30_000);

const render = (kind: string, d: object, language: (typeof LANGUAGES)[number]) => {
  const template = TEMPLATES[kind as keyof typeof TEMPLATES] as unknown as MailTemplate<object>;
  const fn = template[language] ?? template.en;
  return Promise.resolve<RenderedMail>(
    fn(d, { recipientName: 'Әсел <b>', language, mailId: 'mail-1' }),
  );
};

const ics = (mail: RenderedMail) => {
  const a = mail.attachments?.find((x) => x.filename.endsWith('.ics'));
  return a ? String(a.content) : undefined;
};

describe('registration e-mail templates', () => {
  it.each(['registration_confirmed', 'registration_promoted'])(
    '%s carries an .ics starting at the event’s UTC instant and a QR of the check-in code',
    async (kind) => {
      for (const language of LANGUAGES) {
        const mail = await render(kind, data, language);
        const cal = ics(mail)!;
        expect(cal).toMatch(/DTSTART:20260626T130000Z/);
        expect(cal).toMatch(/DTEND:20260626T170000Z/);
        expect(cal).toContain('UID:registration-6f1d2c3b-0000-4000-8000-000000000001@fanevents');
        const qr = mail.attachments?.find((x) => x.contentType === 'image/png');
        expect(qr?.cid).toBe('checkin-qr');
        expect((qr?.content as Buffer).subarray(1, 4).toString()).toBe('PNG');
        expect(mail.html).toContain('cid:checkin-qr');
        expect(mail.text).toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
        // Local time in the event's zone: 18:00, not 13:00.
        expect(mail.text).toContain('18:00');
        expect(mail.text).toContain('Asia/Almaty');
        // Names and titles are escaped in HTML.
        expect(mail.html).toContain('Әсел &lt;b&gt;');
        expect(mail.html).toContain('World Fan Groups &lt;PreParty&gt;');
        expect(mail.html).not.toContain('<PreParty>');
      }
    },
  );

  it('speaks the reader’s language', async () => {
    expect((await render('registration_confirmed', data, 'en')).subject).toMatch(
      /^You are registered/,
    );
    expect((await render('registration_confirmed', data, 'ru')).subject).toMatch(
      /^Вы зарегистрированы/,
    );
    expect((await render('registration_confirmed', data, 'kk')).subject).toMatch(
      /^Сіз тіркелдіңіз/,
    );
    expect((await render('registration_promoted', data, 'ru')).text).toContain('Здравствуйте');
    expect((await render('event_cancelled', data, 'kk')).subject).toMatch(/^Тоқтатылды/);
    expect((await render('registration_confirmed', data, 'ru')).text).toContain('июня 2026');
  });

  it('tells a waitlisted fan the position, without a code or invitation', async () => {
    const { checkInCode: _code, ...rest } = data;
    for (const language of LANGUAGES) {
      const mail = await render('registration_waitlisted', { ...rest, position: 7 }, language);
      expect(mail.text).toContain('7');
      expect(mail.attachments ?? []).toEqual([]);
      expect(mail.text).not.toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    }
  });

  it('announces a cancellation with the event’s local time', async () => {
    const d: EventCancelledData = {
      eventId: data.eventId,
      title: data.title,
      startsAt: data.startsAt,
      timezone: data.timezone,
    };
    const mail = await render('event_cancelled', d, 'en');
    expect(mail.subject).toBe('Cancelled: World Fan Groups <PreParty>');
    expect(mail.text).toContain('26 June 2026');
    expect(mail.text).toContain('18:00');
  });

  it('has every registration kind in every language', () => {
    for (const kind of [
      'registration_confirmed',
      'registration_waitlisted',
      'registration_promoted',
      'event_cancelled',
    ]) {
      for (const language of LANGUAGES) {
        const template = TEMPLATES[kind as keyof typeof TEMPLATES] as Record<string, unknown>;
        expect(typeof template[language]).toBe('function');
      }
    }
  });
});
