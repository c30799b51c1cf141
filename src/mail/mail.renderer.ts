import { LANGUAGES, type Language } from '../common/locale.js';
import { mailLinks, withLinks } from './mail-links.js';
import { MAIL_KINDS, type MailKind } from './mail.types.js';
import { TEMPLATES } from './templates/index.js';
import type { Render, RenderedMail, TemplateContext } from './templates/template.types.js';

export const isMailKind = (kind: string): kind is MailKind =>
  (MAIL_KINDS as readonly string[]).includes(kind);

export const toLanguage = (value: string | null | undefined): Language | undefined =>
  (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : undefined;

/** The template of `kind` in `language`, or its English one when that translation is missing. */
export function pickTemplate(kind: MailKind, language: Language): Render<Record<string, unknown>> {
  const template = TEMPLATES[kind] as Partial<Record<Language, Render<Record<string, unknown>>>>;
  const render = template[language] ?? template.en;
  if (!render) throw new Error(`mail template ${kind} has no English version`);
  return render;
}

/** Every (kind, language) pair without its own translation, for the test that lists gaps. */
export function missingTranslations(): string[] {
  return MAIL_KINDS.flatMap((kind) =>
    LANGUAGES.filter((lang) => !(TEMPLATES[kind] as Record<string, unknown>)[lang]).map(
      (lang) => `${kind}.${lang}`,
    ),
  );
}

export class UnknownMailKindError extends Error {}

/**
 * Renders one outbox row: the row's language (a registration may ask for another one), else the
 * recipient's, else English.
 */
export async function renderMail(
  kind: string,
  data: Record<string, unknown>,
  ctx: Omit<TemplateContext, 'language'> & {
    rowLanguage?: string | null;
    userLanguage?: string | null;
    /** Where the web app is served (PUBLIC_URL): every link starts with it. */
    publicUrl?: string;
  },
): Promise<RenderedMail & { language: Language }> {
  if (!isMailKind(kind)) throw new UnknownMailKindError(`unknown mail kind ${kind}`);
  const wanted = toLanguage(ctx.rowLanguage) ?? toLanguage(ctx.userLanguage) ?? 'en';
  // Dates and numbers follow the text: an English fallback is formatted in English too.
  const language = (TEMPLATES[kind] as Record<string, unknown>)[wanted] ? wanted : 'en';
  const localized = localizeMailData(data, language);
  const rendered = await pickTemplate(kind, language)(localized, {
    recipientName: ctx.recipientName,
    mailId: ctx.mailId,
    language,
  });
  const links = mailLinks(kind, data, language, ctx.publicUrl ?? DEFAULT_PUBLIC_URL);
  return { ...withLinks(rendered, links), language };
}

const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/**
 * Organizer-written text in the mail's language: the snapshot may carry `i18n`, keyed by
 * language, with texts under the data's own field names (`title`, `eventTitle`, `venue`…); each
 * replaces the plain text it names, the rest stays as the organizer wrote it.
 */
export function localizeMailData(
  data: Record<string, unknown>,
  language: Language,
): Record<string, unknown> {
  const i18n = data.i18n as Record<string, Record<string, unknown> | null> | null | undefined;
  const texts = i18n && typeof i18n === 'object' ? i18n[language] : undefined;
  if (!texts || typeof texts !== 'object') return data;
  const out = { ...data };
  for (const [field, text] of Object.entries(texts)) {
    if (typeof text === 'string' && text !== '') out[field] = text;
  }
  return out;
}

/**
 * An event's translations as a registration e-mail's `i18n` (its data names the event's title
 * `title` and its venue `venue`; the description is not in those e-mails).
 */
export function eventMailTexts(
  translations: Partial<Record<Language, Partial<Record<string, string>>>>,
): Partial<Record<Language, Record<string, string>>> {
  const out: Partial<Record<Language, Record<string, string>>> = {};
  for (const lang of LANGUAGES) {
    const { title, venue } = translations[lang] ?? {};
    const texts = { ...(title ? { title } : {}), ...(venue ? { venue } : {}) };
    if (Object.keys(texts).length > 0) out[lang] = texts;
  }
  return out;
}
