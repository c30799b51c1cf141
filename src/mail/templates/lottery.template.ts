import type { Language } from '../../common/locale.js';
import { eventDetails, type RegistrationMailData, seatMail, WORDS } from './registration-parts.js';
import { formatInZone, html, layout, raw } from './render-utils.js';
import type { MailTemplate, RenderedMail, TemplateContext } from './template.types.js';

/** The e-mails of a lottery event: the application received, then the draw's outcome. */

export interface ApplicationMailData extends RegistrationMailData {
  /** The end of the application window: the draw's time (ISO, UTC). */
  applicationsCloseAt: string;
  /** The commitment to the draw's seed, so the fan can check the draw later. */
  seedSha256: string | null;
}

interface AppliedWords {
  subject: (title: string) => string;
  intro: string;
  drawAt: string;
  eventTime: string;
  utc: string;
  outcome: string;
  seed: string;
}

const APPLIED: Record<Language, AppliedWords> = {
  en: {
    subject: (t) => `Application received: ${t}`,
    intro:
      'Your application is in. Seats are drawn at random when applications close; the time you applied makes no difference.',
    drawAt: 'The draw',
    eventTime: 'event time',
    utc: 'UTC',
    outcome: 'We will e-mail you the outcome right after the draw.',
    seed: "Fingerprint of the draw's secret seed (SHA-256), published before the draw so anyone can check it afterwards",
  },
  ru: {
    subject: (t) => `Заявка принята: ${t}`,
    intro:
      'Ваша заявка принята. Места разыгрываются случайно после закрытия приёма заявок; время подачи заявки не влияет на результат.',
    drawAt: 'Розыгрыш',
    eventTime: 'время мероприятия',
    utc: 'UTC',
    outcome: 'Результат мы пришлём сразу после розыгрыша.',
    seed: 'Отпечаток секретного зерна розыгрыша (SHA-256), опубликованный заранее, чтобы любой мог проверить розыгрыш',
  },
  kk: {
    subject: (t) => `Өтінім қабылданды: ${t}`,
    intro:
      'Өтініміңіз қабылданды. Орындар өтінім қабылдау аяқталғанда кездейсоқ ойнатылады; өтінім берген уақыт нәтижеге әсер етпейді.',
    drawAt: 'Ұтыс ойыны',
    eventTime: 'іс-шара уақыты',
    utc: 'UTC',
    outcome: 'Нәтижесін ұтыс ойынынан кейін бірден хабарлаймыз.',
    seed: 'Ұтыс ойынының құпия бастапқы мәнінің ізі (SHA-256), кез келген адам кейін тексере алуы үшін алдын ала жарияланған',
  },
};

/** "26 June 2026, 17:00 (Asia/Almaty) = 26 June 2026, 12:00 (UTC)" in the reader's language. */
export function drawTimes(d: ApplicationMailData, language: Language): string {
  const w = APPLIED[language];
  return `${formatInZone(d.applicationsCloseAt, d.timezone, language)} — ${w.eventTime}; ${formatInZone(d.applicationsCloseAt, 'UTC', language)} — ${w.utc}`;
}

function appliedMail(d: ApplicationMailData, ctx: TemplateContext): RenderedMail {
  const w = APPLIED[ctx.language];
  const hello = WORDS[ctx.language].hello(ctx.recipientName);
  const details = eventDetails(d, ctx.language);
  const subject = w.subject(d.title);
  const when = drawTimes(d, ctx.language);
  const seed = d.seedSha256 ? `${w.seed}: ${d.seedSha256}\n` : '';
  return {
    subject,
    text: `${hello}\n\n${w.intro}\n\n${w.drawAt}: ${when}\n${w.outcome}\n\n${details.text}\n${seed}`,
    html: layout(
      ctx.language,
      subject,
      html`<p>${hello}</p>
        <p>${w.intro}</p>
        <p><strong>${w.drawAt}:</strong> ${when}<br />${w.outcome}</p>
        ${raw(details.html)}
        ${d.seedSha256 ? raw(html`<p style="font-size:12px">${w.seed}: <code>${d.seedSha256}</code></p>`) : ''}`,
    ),
  };
}

/** `registration_applied`: the application is in; when the draw is, in both time zones. */
export const registrationAppliedTemplate: MailTemplate<ApplicationMailData> = {
  en: appliedMail,
  ru: appliedMail,
  kk: appliedMail,
};

/** `draw_seated`: drawn for a seat, with the .ics invitation and the check-in QR. */
export const drawSeatedTemplate: MailTemplate<RegistrationMailData> = {
  en: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `You were drawn: your seat for ${d.title}`,
      'The draw is done and you have a seat. Show the QR code below at the entrance.',
    ),
  ru: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `Вам выпало место: ${d.title}`,
      'Розыгрыш проведён, и у вас есть место. Покажите QR-код ниже на входе.',
    ),
  kk: (d, ctx) =>
    seatMail(
      d,
      ctx,
      `Сізге орын түсті: ${d.title}`,
      'Ұтыс ойыны өтті, сізде орын бар. Кіреберісте төмендегі QR-кодты көрсетіңіз.',
    ),
};

function drawWaitlisted(
  d: RegistrationMailData,
  ctx: TemplateContext,
  subject: string,
  intro: string,
) {
  const w = WORDS[ctx.language];
  const details = eventDetails(d, ctx.language);
  return {
    subject,
    text: `${w.hello(ctx.recipientName)}\n\n${intro}\n\n${details.text}`,
    html: layout(
      ctx.language,
      subject,
      html`<p>${w.hello(ctx.recipientName)}</p>
        <p>${intro}</p>
        ${raw(details.html)}`,
    ),
  };
}

/** `draw_waitlisted`: not drawn for a seat; the true place on the waitlist, in drawn order. */
export const drawWaitlistedTemplate: MailTemplate<RegistrationMailData> = {
  en: (d, ctx) =>
    drawWaitlisted(
      d,
      ctx,
      `Draw result: waitlist position ${d.position} for ${d.title}`,
      `The draw is done. You did not get a seat this time: you are on the waitlist, position ${d.position}. If a seat opens, it goes to the next in line and we e-mail you at once.`,
    ),
  ru: (d, ctx) =>
    drawWaitlisted(
      d,
      ctx,
      `Итоги розыгрыша: лист ожидания, позиция ${d.position}, ${d.title}`,
      `Розыгрыш проведён. Места вам пока не выпало: вы в листе ожидания, позиция ${d.position}. Если место освободится, оно перейдёт следующему в очереди, и мы сразу напишем.`,
    ),
  kk: (d, ctx) =>
    drawWaitlisted(
      d,
      ctx,
      `Ұтыс нәтижесі: күту тізімі, реттік нөмір ${d.position}, ${d.title}`,
      `Ұтыс ойыны өтті. Бұл жолы сізге орын түспеді: сіз күту тізіміндесіз, реттік нөміріңіз ${d.position}. Орын босаса, ол кезектегі келесі адамға беріледі және біз бірден хабарлаймыз.`,
    ),
};
