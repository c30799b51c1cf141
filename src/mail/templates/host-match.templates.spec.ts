import { describe, expect, it } from '@jest/globals';
import { LANGUAGES } from '../../common/locale.js';
import {
  hostMatchAnsweredTemplate,
  hostMatchConfirmedTemplate,
  hostMatchProposedTemplate,
} from './host-match.templates.js';

const base = {
  matchId: 'm1',
  requestId: 'r1',
  otherName: 'Әсел <b>',
  groupName: 'Dimash&Dostar',
  city: 'Astana',
  checkIn: '2027-06-25',
  checkOut: '2027-06-27',
  guests: 1,
};
const ctx = (language: (typeof LANGUAGES)[number]) => ({
  recipientName: '佐藤さくら',
  mailId: 'x',
  language,
});

describe('host match e-mails', () => {
  it.each(LANGUAGES)('proposes in %s with the stay and price, escaped, no contact', (lang) => {
    const mail = hostMatchProposedTemplate[lang]!(
      { ...base, role: 'guest', pricePerNight: 5000, currency: 'KZT', languages: ['ja'] },
      ctx(lang),
    ) as { subject: string; text: string; html: string };
    expect(mail.text).toContain('2027-06-25');
    expect(mail.text).toContain('5000 KZT');
    expect(mail.text).toContain('ja');
    expect(mail.html).toContain('Әсел &lt;b&gt;');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain(`lang="${lang}"`);
  });

  it.each(LANGUAGES)('tells the other side of an answer in %s', (lang) => {
    const accepted = hostMatchAnsweredTemplate[lang]!(
      { ...base, role: 'host', answer: 'accepted' },
      ctx(lang),
    ) as { subject: string };
    const declined = hostMatchAnsweredTemplate[lang]!(
      { ...base, role: 'host', answer: 'declined' },
      ctx(lang),
    ) as { subject: string };
    expect(accepted.subject).not.toEqual(declined.subject);
  });

  it.each(LANGUAGES)('gives the contact once confirmed, in %s', (lang) => {
    const mail = hostMatchConfirmedTemplate[lang]!(
      {
        ...base,
        role: 'guest',
        otherEmail: 'host@example.kz',
        address: 'Kabanbay Batyr 10 & 12',
        phone: '+7 701 000 00 00',
        note: 'Tea',
      },
      ctx(lang),
    ) as { text: string; html: string };
    expect(mail.text).toContain('host@example.kz');
    expect(mail.text).toContain('Kabanbay Batyr 10 & 12');
    expect(mail.text).toContain('+7 701 000 00 00');
    expect(mail.html).toContain('Kabanbay Batyr 10 &amp; 12');
  });
});
