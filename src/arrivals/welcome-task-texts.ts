import type { Translations } from '../common/translations.js';

export interface WelcomeHour {
  place: string;
  /** Local date and times in the event's zone: "2027-06-25", "19:00", "20:00". */
  localDate: string;
  from: string;
  to: string;
  timezone: string;
  arrivals: number;
  languages: { language: string; count: number }[];
}

/**
 * A welcome task's texts: English as the plain text, Russian and Kazakh as translations, so
 * each volunteer reads it in their own language. "Welcome at NQZ, 19:00–20:00".
 */
export function welcomeTaskTexts(h: WelcomeHour): {
  title: string;
  description: string;
  translations: Translations<'title' | 'description'>;
} {
  const spoken = h.languages.map((l) => `${l.language} ×${l.count}`).join(', ');
  const when = `${h.from}–${h.to}`;
  const en = {
    title: `Welcome at ${h.place}, ${when}`,
    description:
      `${h.arrivals} fans arrive at ${h.place} on ${h.localDate} between ${h.from} and ${h.to} ` +
      `(${h.timezone}).${spoken ? ` Languages: ${spoken}.` : ''}`,
  };
  return {
    ...en,
    translations: {
      en,
      ru: {
        title: `Встреча в ${h.place}, ${when}`,
        description:
          `Фанатов прибывает в ${h.place}: ${h.arrivals}, ${h.localDate} с ${h.from} до ${h.to} ` +
          `(${h.timezone}).${spoken ? ` Языки: ${spoken}.` : ''}`,
      },
      kk: {
        title: `${h.place}: қарсы алу, ${when}`,
        description:
          `${h.localDate} күні ${h.from}–${h.to} аралығында ${h.place} жеріне ${h.arrivals} фанат ` +
          `келеді (${h.timezone}).${spoken ? ` Тілдер: ${spoken}.` : ''}`,
      },
    },
  };
}
