import type { Language } from '../../common/locale.js';

export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType: string;
  /** Set to reference an inline image from the HTML as `cid:<cid>`. */
  cid?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface TemplateContext {
  /** The recipient's display name (escape it in HTML). */
  recipientName: string;
  language: Language;
  /** The outbox id: stable across retries (ics UID, Message-ID). */
  mailId: string;
}

export type Render<D> = (data: D, ctx: TemplateContext) => RenderedMail | Promise<RenderedMail>;

/**
 * One template per kind, one renderer per language. A missing language falls back to `en`
 * (and a unit test lists every gap).
 */
export type MailTemplate<D = Record<string, unknown>> = { en: Render<D> } & Partial<
  Record<Exclude<Language, 'en'>, Render<D>>
>;
