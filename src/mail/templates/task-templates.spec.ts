import { describe, expect, it } from '@jest/globals';
import { LANGUAGES } from '../../common/locale.js';
import type { TaskMailData, TaskRescheduledData } from './task-mail.js';
import { taskAssignedTemplate } from './task-assigned.template.js';
import { taskReminderTemplate } from './task-reminder.template.js';
import { taskRescheduledTemplate } from './task-rescheduled.template.js';
import { taskUnassignedTemplate } from './task-unassigned.template.js';
import type { RenderedMail, TemplateContext } from './template.types.js';

const data: TaskMailData = {
  taskId: '5f0c8a8e-2b1d-4c1e-9a55-3d7c1e0f9b10',
  title: 'Decorate the <dressing> room',
  description: 'Flowers & lights',
  location: 'Backstage, Astana Arena',
  startsAt: '2026-06-26T04:00:00.000Z',
  endsAt: '2026-06-26T06:30:00.000Z',
  eventId: '9a1b2c3d-0000-4000-8000-000000000001',
  eventTitle: 'World Fan Groups PreParty',
  venue: 'Astana Arena',
  timezone: 'Asia/Almaty',
};

const ctx = (language: (typeof LANGUAGES)[number]): TemplateContext => ({
  recipientName: 'Әсел <b>',
  language,
  mailId: 'outbox-1',
});

function icsOf(mail: RenderedMail): string {
  const ics = mail.attachments?.find((a) => a.filename.endsWith('.ics'));
  if (!ics) throw new Error('no .ics attached');
  return String(ics.content);
}

describe('task e-mail templates', () => {
  it('attaches the task as an .ics with its UTC start and end', async () => {
    const mail = await taskAssignedTemplate.en(data, ctx('en'));
    const ics = icsOf(mail);
    expect(ics).toContain('DTSTART:20260626T040000Z');
    expect(ics).toContain('DTEND:20260626T063000Z');
    expect(ics).toContain(`UID:task-${data.taskId}@fanevents`);
    expect(ics).toContain('LOCATION:Backstage\\, Astana Arena');
  });

  it('shows local times in the event zone and escapes HTML', async () => {
    const mail = await taskAssignedTemplate.en(data, ctx('en'));
    expect(mail.subject).toBe('Your volunteer task: Decorate the <dressing> room');
    // 04:00 UTC is 09:00 in Astana (UTC+5).
    expect(mail.text).toContain('09:00');
    expect(mail.text).toContain('Asia/Almaty');
    expect(mail.html).toContain('Decorate the &lt;dressing&gt; room');
    expect(mail.html).toContain('Әсел &lt;b&gt;');
    expect(mail.html).toContain('Flowers &amp; lights');
    expect(mail.html).not.toContain('<dressing>');
  });

  it('renders every task e-mail in en, ru and kk', async () => {
    const moved: TaskRescheduledData = {
      ...data,
      previousStartsAt: '2026-06-25T04:00:00.000Z',
      previousEndsAt: '2026-06-25T06:00:00.000Z',
    };
    const subjects = new Set<string>();
    for (const language of LANGUAGES) {
      const rendered = [
        await taskAssignedTemplate[language]!(data, ctx(language)),
        await taskUnassignedTemplate[language]!(data, ctx(language)),
        await taskRescheduledTemplate[language]!(moved, ctx(language)),
        await taskReminderTemplate[language]!(data, ctx(language)),
      ];
      for (const mail of rendered) {
        expect(mail.subject).toContain(data.title);
        expect(mail.text).toContain('Әсел <b>');
        expect(mail.html).toContain(`lang="${language}"`);
        subjects.add(mail.subject);
      }
      expect(icsOf(rendered[2])).toContain('DTSTART:20260626T040000Z');
      expect(rendered[1].attachments).toBeUndefined();
    }
    // Every language has its own wording.
    expect(subjects.size).toBe(12);
  });

  it('greets in the reader language', async () => {
    expect((await taskReminderTemplate.ru!(data, ctx('ru'))).text).toMatch(/^Здравствуйте/);
    expect((await taskReminderTemplate.kk!(data, ctx('kk'))).text).toMatch(/^Сәлеметсіз бе/);
  });
});
