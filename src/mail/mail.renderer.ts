import { LANGUAGES, type Language } from '../common/locale.js';
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
  },
): Promise<RenderedMail & { language: Language }> {
  if (!isMailKind(kind)) throw new UnknownMailKindError(`unknown mail kind ${kind}`);
  const wanted = toLanguage(ctx.rowLanguage) ?? toLanguage(ctx.userLanguage) ?? 'en';
  // Dates and numbers follow the text: an English fallback is formatted in English too.
  const language = (TEMPLATES[kind] as Record<string, unknown>)[wanted] ? wanted : 'en';
  const rendered = await pickTemplate(kind, language)(data, {
    recipientName: ctx.recipientName,
    mailId: ctx.mailId,
    language,
  });
  return { ...rendered, language };
}
