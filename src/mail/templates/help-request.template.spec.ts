import { describe, expect, it } from '@jest/globals';
import { LANGUAGES } from '../../common/locale.js';
import { helpRequestAssignedTemplate } from './help-request-assigned.template.js';
import { helpRequestCommentTemplate } from './help-request-comment.template.js';
import { helpRequestStatusTemplate } from './help-request-status.template.js';
import type { MailTemplate, RenderedMail } from './template.types.js';

const base = {
  requestId: '6f1c1d7e-0000-4000-8000-000000000001',
  requestType: 'accommodation' as const,
  groupName: 'Dimash&Dostar <b>',
  eventTitle: 'World Fan Groups PreParty',
};
const cases: [string, MailTemplate<never>, Record<string, unknown>][] = [
  [
    'help_request_status',
    helpRequestStatusTemplate,
    { ...base, fromStatus: 'open', toStatus: 'in_progress', actorName: 'Әсел' },
  ],
  ['help_request_assigned', helpRequestAssignedTemplate, { ...base, actorName: 'Айгерім' }],
  [
    'help_request_comment',
    helpRequestCommentTemplate,
    { ...base, commentId: 'c1', authorName: '佐藤さくら' },
  ],
];

describe('help request e-mail templates', () => {
  describe.each(cases)('%s', (_kind, template, data) => {
    it.each(LANGUAGES)('renders in %s with text, HTML and escaped names', async (language) => {
      const render = template[language];
      expect(render).toBeDefined();
      const mail: RenderedMail = await render!(data as never, {
        recipientName: 'Ольга <script>',
        language,
        mailId: 'm1',
      });
      expect(mail.subject.length).toBeGreaterThan(0);
      expect(mail.text).toContain('Ольга <script>');
      expect(mail.text).toContain('World Fan Groups PreParty');
      expect(mail.html).toContain('Ольга &lt;script&gt;');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('Dimash&amp;Dostar &lt;b&gt;');
      expect(mail.html).toContain(`lang="${language}"`);
    });
  });

  it('names the new status in the reader’s language', async () => {
    const data = { ...base, fromStatus: 'in_progress', toStatus: 'resolved', actorName: 'A' };
    const ctx = { recipientName: 'R', mailId: 'm' };
    const en = await helpRequestStatusTemplate.en(data, { ...ctx, language: 'en' });
    const ru = await helpRequestStatusTemplate.ru!(data, { ...ctx, language: 'ru' });
    const kk = await helpRequestStatusTemplate.kk!(data, { ...ctx, language: 'kk' });
    expect(en.subject).toContain('resolved');
    expect(ru.subject).toContain('решён');
    expect(kk.subject).toContain('шешілді');
  });
});
