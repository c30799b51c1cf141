import { describe, expect, it } from '@jest/globals';
import { LANGUAGES } from '../common/locale.js';
import { MAIL_KINDS } from './mail.types.js';
import { missingTranslations, pickTemplate, renderMail } from './mail.renderer.js';
import { TEMPLATES } from './templates/index.js';

const ctx = { recipientName: 'Emily', mailId: '00000000-0000-4000-8000-000000000001' };

/** One snapshot holding every field any template reads (each template takes what it needs). */
const ANY_KIND_DATA = {
  displayName: 'Emily',
  eventId: '00000000-0000-4000-8000-000000000002',
  registrationId: '00000000-0000-4000-8000-000000000003',
  taskId: '00000000-0000-4000-8000-000000000004',
  requestId: '00000000-0000-4000-8000-000000000005',
  commentId: '00000000-0000-4000-8000-000000000006',
  title: 'World Fan Groups PreParty',
  eventTitle: 'World Fan Groups PreParty',
  groupName: 'Dimash&Dostar',
  startsAt: '2026-06-26T13:00:00.000Z',
  endsAt: '2026-06-26T17:00:00.000Z',
  previousStartsAt: '2026-06-26T11:00:00.000Z',
  previousEndsAt: '2026-06-26T12:00:00.000Z',
  timezone: 'Asia/Almaty',
  venue: 'Astana Arena',
  city: 'Astana',
  location: 'Gate 3',
  description: null,
  checkInCode: 'ABCDEFGHJKMNPQRSTVWXYZ2345',
  position: 3,
  requestType: 'ticket',
  fromStatus: 'open',
  toStatus: 'in_progress',
  actorName: 'Айгерім',
  authorName: 'Асель',
  matchId: '00000000-0000-4000-8000-000000000007',
  role: 'guest',
  otherName: 'Әсел',
  guests: 1,
  checkIn: '2027-06-25',
  checkOut: '2027-06-27',
  pricePerNight: 0,
  currency: null,
  languages: ['ja', 'kk'],
  answer: 'accepted',
  otherEmail: 'host@example.kz',
  address: 'Kabanbay Batyr 10, Astana',
  phone: null,
  note: 'Tea and a quiet room',
  validMinutes: 60,
  secret: { url: 'http://localhost:3000/reset-password?token=abc' },
};

describe('mail templates', () => {
  it('has every kind in en, ru and kk (lists the missing translations)', () => {
    expect(missingTranslations()).toEqual([]);
  });

  it('has a template for every kind and no template without a kind', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...MAIL_KINDS].sort());
  });

  it.each(MAIL_KINDS.flatMap((kind) => LANGUAGES.map((lang) => [kind, lang] as const)))(
    'renders %s in %s with a subject, text and HTML',
    async (kind, language) => {
      const mail = await renderMail(kind, ANY_KIND_DATA, { ...ctx, rowLanguage: language });
      expect(mail.language).toBe(language);
      expect(mail.subject.length).toBeGreaterThan(0);
      expect(mail.text.length).toBeGreaterThan(0);
      expect(mail.html).toContain(`<html lang="${language}">`);
    },
  );
});

describe('renderMail', () => {
  it('escapes the recipient name in HTML and keeps it verbatim in text', async () => {
    const mail = await renderMail('welcome', {}, { ...ctx, recipientName: '<script>x</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.text).toContain('<script>x</script>');
  });

  it("prefers the row's language over the recipient's", async () => {
    const mail = await renderMail('welcome', {}, { ...ctx, rowLanguage: 'kk', userLanguage: 'ru' });
    expect(mail.language).toBe('kk');
    expect(mail.text).toContain('Сәлеметсіз бе');
  });

  it("uses the recipient's language when the row has none", async () => {
    const mail = await renderMail('welcome', {}, { ...ctx, rowLanguage: null, userLanguage: 'ru' });
    expect(mail.language).toBe('ru');
    expect(mail.subject).toBe('Добро пожаловать в Fan Events');
  });

  it('falls back to English for an unknown language', async () => {
    const mail = await renderMail('welcome', {}, { ...ctx, userLanguage: 'de' });
    expect(mail.language).toBe('en');
    expect(mail.subject).toBe('Welcome to Fan Events');
  });

  it('rejects an unknown kind', async () => {
    await expect(renderMail('nope', {}, ctx)).rejects.toThrow('unknown mail kind');
  });
});

describe('pickTemplate', () => {
  it('falls back to the English renderer when a translation is missing', () => {
    const template = TEMPLATES.welcome as Record<string, unknown>;
    const saved = template.kk;
    delete template.kk;
    try {
      expect(pickTemplate('welcome', 'kk')).toBe(TEMPLATES.welcome.en);
      expect(missingTranslations()).toEqual(['welcome.kk']);
    } finally {
      template.kk = saved;
    }
  });
});
