import { describe, expect, it } from '@jest/globals';
import { mailLinks, withLinks } from './mail-links.js';
import { localizeMailData, renderMail } from './mail.renderer.js';

const ids = {
  eventId: '00000000-0000-4000-8000-000000000002',
  requestId: '00000000-0000-4000-8000-000000000005',
};

describe('mailLinks', () => {
  it('points every kind at its web page under PUBLIC_URL', () => {
    const url = (kind: Parameters<typeof mailLinks>[0], data: Record<string, unknown> = ids) =>
      mailLinks(kind, data, 'en', 'https://fans.example.org/').map((l) => l.url);
    expect(url('welcome')).toEqual(['https://fans.example.org/']);
    expect(url('registration_confirmed')).toEqual([
      'https://fans.example.org/me/registrations',
      `https://fans.example.org/events/${ids.eventId}`,
    ]);
    expect(url('help_request_status')).toEqual([
      `https://fans.example.org/me/help/${ids.requestId}`,
    ]);
    expect(url('help_request_assigned')).toEqual([
      `https://fans.example.org/manage/help/${ids.requestId}`,
    ]);
    expect(url('help_request_comment', { ...ids, audience: 'assignee' })).toEqual([
      `https://fans.example.org/manage/help/${ids.requestId}`,
    ]);
    expect(url('task_reminder')).toEqual(['https://fans.example.org/me/tasks']);
    expect(url('host_match_confirmed', { ...ids, role: 'guest' })).toEqual([
      `https://fans.example.org/me/help/${ids.requestId}`,
    ]);
  });

  it('labels links in the e-mail’s language and escapes them in HTML', () => {
    const [link] = mailLinks('task_assigned', {}, 'kk', 'http://localhost:3000');
    expect(link).toEqual({ label: 'Менің тапсырмаларым', url: 'http://localhost:3000/me/tasks' });
    const mail = withLinks({ text: 'Hi\n', html: '<body><p>Hi</p></body>' }, [
      { label: 'A & B', url: 'http://x/?a=1&b=2' },
    ]);
    expect(mail.html).toBe(
      '<body><p>Hi</p><p><a href="http://x/?a=1&amp;b=2">A &amp; B</a></p></body>',
    );
    expect(mail.text).toBe('Hi\n\nA & B: http://x/?a=1&b=2\n');
  });
});

describe('organizer text in the e-mail’s language', () => {
  it('replaces the fields the snapshot translates, else keeps the plain text', () => {
    const data = { title: 'Party', venue: 'Arena', i18n: { kk: { title: 'Кеш' } } };
    expect(localizeMailData(data, 'kk')).toMatchObject({ title: 'Кеш', venue: 'Arena' });
    expect(localizeMailData(data, 'ru')).toBe(data);
  });

  it('renders a registration e-mail with the translated title and the links', async () => {
    const mail = await renderMail(
      'registration_waitlisted',
      {
        ...ids,
        registrationId: '00000000-0000-4000-8000-000000000003',
        title: 'World Fan Groups PreParty',
        startsAt: '2026-06-26T13:00:00.000Z',
        endsAt: null,
        timezone: 'Asia/Almaty',
        venue: 'Barys Arena',
        city: 'Astana',
        position: 2,
        i18n: { ru: { title: 'Всемирная вечеринка фан-групп' } },
      },
      {
        recipientName: 'Ольга',
        mailId: '00000000-0000-4000-8000-000000000001',
        userLanguage: 'ru',
        publicUrl: 'https://fans.example.org',
      },
    );
    expect(mail.subject).toBe('Вы в листе ожидания: Всемирная вечеринка фан-групп');
    expect(mail.text).toContain('Мои регистрации: https://fans.example.org/me/registrations');
    expect(mail.html).toContain(`href="https://fans.example.org/events/${ids.eventId}"`);
  });
});
