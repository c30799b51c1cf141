import type { Language } from '../../common/locale.js';
import { html, layout, raw } from './render-utils.js';
import type { MailTemplate, RenderedMail } from './template.types.js';

/**
 * The host-match e-mails. Before both sides accept, they carry names, the city, dates and
 * price only: never the host's address or phone, never the guest's e-mail. Only
 * `host_match_confirmed` has the other side's contact.
 */
export interface HostMatchMailBase {
  matchId: string;
  requestId: string;
  /** The recipient's side. */
  role: 'host' | 'guest';
  /** The other side's display name. */
  otherName: string;
  groupName: string;
  city: string;
  checkIn: string | null;
  checkOut: string | null;
  guests: number;
}

export interface HostMatchProposedData extends HostMatchMailBase {
  pricePerNight: number | null;
  currency: string | null;
  /** The other side's spoken languages. */
  languages: string[];
}

export interface HostMatchAnsweredData extends HostMatchMailBase {
  answer: 'accepted' | 'declined';
}

export interface HostMatchConfirmedData extends HostMatchMailBase {
  otherEmail: string;
  address: string;
  phone: string | null;
  note: string | null;
}

interface Words {
  hello: (name: string) => string;
  stay: (d: HostMatchMailBase) => string;
  price: (d: HostMatchProposedData) => string;
  languages: string;
  proposedSubject: (d: HostMatchMailBase) => string;
  proposedBody: (d: HostMatchMailBase) => string;
  decide: string;
  acceptedSubject: (d: HostMatchMailBase) => string;
  acceptedBody: (d: HostMatchMailBase) => string;
  declinedSubject: (d: HostMatchMailBase) => string;
  declinedBody: (d: HostMatchMailBase) => string;
  confirmedSubject: (d: HostMatchMailBase) => string;
  confirmedBody: (d: HostMatchMailBase) => string;
  email: string;
  address: string;
  phone: string;
  note: string;
}

const dates = (d: HostMatchMailBase) => `${d.checkIn ?? '?'} – ${d.checkOut ?? '?'}`;

const WORDS: Record<Language, Words> = {
  en: {
    hello: (n) => `Hello ${n},`,
    stay: (d) => `${d.city}, ${dates(d)}, ${d.guests} guest(s)`,
    price: (d) => (d.pricePerNight ? `${d.pricePerNight} ${d.currency} per night` : 'free'),
    languages: 'Languages',
    proposedSubject: (d) =>
      d.role === 'host' ? `Could you host ${d.otherName}?` : `A host for your stay: ${d.otherName}`,
    proposedBody: (d) =>
      d.role === 'host'
        ? `${d.groupName} suggests that you host ${d.otherName}.`
        : `${d.groupName} found you a host: ${d.otherName}.`,
    decide:
      'Open Fan Events to accept or decline. Contact details are shared once both of you accept.',
    acceptedSubject: (d) => `${d.otherName} accepted the stay`,
    acceptedBody: (d) =>
      `${d.otherName} accepted. It is your turn: accept or decline it in Fan Events.`,
    declinedSubject: (d) => `${d.otherName} declined the stay`,
    declinedBody: (d) => `${d.otherName} declined. ${d.groupName} will look for another match.`,
    confirmedSubject: (d) =>
      d.role === 'host'
        ? `You are hosting ${d.otherName}`
        : `Your stay with ${d.otherName} is confirmed`,
    confirmedBody: (d) =>
      `You both accepted. Here is how to reach ${d.otherName}; please get in touch to arrange the arrival.`,
    email: 'E-mail',
    address: 'Address',
    phone: 'Phone',
    note: 'Host’s note',
  },
  ru: {
    hello: (n) => `Здравствуйте, ${n}!`,
    stay: (d) => `${d.city}, ${dates(d)}, гостей: ${d.guests}`,
    price: (d) => (d.pricePerNight ? `${d.pricePerNight} ${d.currency} за ночь` : 'бесплатно'),
    languages: 'Языки',
    proposedSubject: (d) =>
      d.role === 'host'
        ? `Сможете принять ${d.otherName}?`
        : `Для вас нашлось жильё: ${d.otherName}`,
    proposedBody: (d) =>
      d.role === 'host'
        ? `${d.groupName} предлагает вам принять гостя: ${d.otherName}.`
        : `${d.groupName} нашли вам хозяина жилья: ${d.otherName}.`,
    decide:
      'Откройте Fan Events, чтобы принять или отклонить. Контакты откроются, когда согласятся обе стороны.',
    acceptedSubject: (d) => `${d.otherName} согласился(-ась)`,
    acceptedBody: (d) =>
      `${d.otherName} согласился(-ась). Теперь ваша очередь: примите или отклоните предложение в Fan Events.`,
    declinedSubject: (d) => `${d.otherName} отказался(-ась)`,
    declinedBody: (d) => `${d.otherName} отказался(-ась). ${d.groupName} поищут другой вариант.`,
    confirmedSubject: (d) =>
      d.role === 'host'
        ? `Вы принимаете гостя: ${d.otherName}`
        : `Проживание у ${d.otherName} подтверждено`,
    confirmedBody: (d) =>
      `Вы оба согласились. Вот как связаться с ${d.otherName}: договоритесь о приезде.`,
    email: 'E-mail',
    address: 'Адрес',
    phone: 'Телефон',
    note: 'Примечание хозяина',
  },
  kk: {
    hello: (n) => `Сәлеметсіз бе, ${n}!`,
    stay: (d) => `${d.city}, ${dates(d)}, қонақтар: ${d.guests}`,
    price: (d) => (d.pricePerNight ? `түнге ${d.pricePerNight} ${d.currency}` : 'тегін'),
    languages: 'Тілдер',
    proposedSubject: (d) =>
      d.role === 'host'
        ? `${d.otherName} қонаққа қабылдай аласыз ба?`
        : `Сізге тұрғын үй табылды: ${d.otherName}`,
    proposedBody: (d) =>
      d.role === 'host'
        ? `${d.groupName} сізге қонақ қабылдауды ұсынады: ${d.otherName}.`
        : `${d.groupName} сізге үй иесін тапты: ${d.otherName}.`,
    decide:
      'Қабылдау немесе бас тарту үшін Fan Events-ті ашыңыз. Байланыс деректері екі жақ та келіскенде ашылады.',
    acceptedSubject: (d) => `${d.otherName} келісті`,
    acceptedBody: (d) =>
      `${d.otherName} келісті. Енді сіздің кезегіңіз: ұсынысты Fan Events-те қабылдаңыз немесе бас тартыңыз.`,
    declinedSubject: (d) => `${d.otherName} бас тартты`,
    declinedBody: (d) => `${d.otherName} бас тартты. ${d.groupName} басқа нұсқа іздейді.`,
    confirmedSubject: (d) =>
      d.role === 'host'
        ? `Сіз қонақ қабылдайсыз: ${d.otherName}`
        : `${d.otherName} үйінде тұру расталды`,
    confirmedBody: (d) =>
      `Екеуіңіз де келістіңіз. ${d.otherName} байланыс деректері төменде: келу уақытын келісіңіз.`,
    email: 'E-mail',
    address: 'Мекенжай',
    phone: 'Телефон',
    note: 'Үй иесінің ескертпесі',
  },
};

/** Greeting, paragraphs and labelled details as plain text and escaped HTML. */
function compose(
  language: Language,
  recipientName: string,
  subject: string,
  paragraphs: string[],
  details: [string, string | null][],
): RenderedMail {
  const w = WORDS[language];
  const shown = details.filter((d): d is [string, string] => d[1] !== null && d[1] !== '');
  const text = [
    w.hello(recipientName),
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...shown.map(([label, value]) => `${label}: ${value}`),
  ].join('\n');
  const body =
    html`<p>${w.hello(recipientName)}</p>` +
    paragraphs.map((p) => html`<p>${p}</p>`).join('') +
    (shown.length
      ? html`<ul>
          ${raw(shown.map(([label, value]) => html`<li>${label}: ${value}</li>`).join(''))}
        </ul>`
      : '');
  return { subject, text: `${text}\n`, html: layout(language, subject, body) };
}

const each = <D>(
  render: (w: Words, d: D, language: Language, recipientName: string) => RenderedMail,
): MailTemplate<D> => ({
  en: (d, { recipientName }) => render(WORDS.en, d, 'en', recipientName),
  ru: (d, { recipientName }) => render(WORDS.ru, d, 'ru', recipientName),
  kk: (d, { recipientName }) => render(WORDS.kk, d, 'kk', recipientName),
});

export const hostMatchProposedTemplate = each<HostMatchProposedData>((w, d, lang, name) =>
  compose(
    lang,
    name,
    w.proposedSubject(d),
    [w.proposedBody(d), `${w.stay(d)}, ${w.price(d)}`, w.decide],
    [[w.languages, d.languages.join(', ')]],
  ),
);

export const hostMatchAnsweredTemplate = each<HostMatchAnsweredData>((w, d, lang, name) =>
  d.answer === 'accepted'
    ? compose(lang, name, w.acceptedSubject(d), [w.acceptedBody(d), w.stay(d)], [])
    : compose(lang, name, w.declinedSubject(d), [w.declinedBody(d), w.stay(d)], []),
);

export const hostMatchConfirmedTemplate = each<HostMatchConfirmedData>((w, d, lang, name) =>
  compose(
    lang,
    name,
    w.confirmedSubject(d),
    [w.confirmedBody(d), w.stay(d)],
    [
      [w.email, d.otherEmail],
      [w.address, d.address],
      [w.phone, d.phone],
      [w.note, d.note],
    ],
  ),
);
