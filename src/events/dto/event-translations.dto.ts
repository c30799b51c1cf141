import { IsLanguageTexts, IsTranslatedText } from '../../common/translations.js';

/** An event's texts in one language; `null` removes a text in an update. */
export class EventTextsDto {
  @IsTranslatedText(200)
  title?: string | null;

  @IsTranslatedText(10_000)
  description?: string | null;

  @IsTranslatedText(200)
  venue?: string | null;
}

/** `{ kk?, ru?, en? }`; `null` removes a language in an update. */
export class EventTranslationsDto {
  @IsLanguageTexts(() => EventTextsDto)
  kk?: EventTextsDto | null;

  @IsLanguageTexts(() => EventTextsDto)
  ru?: EventTextsDto | null;

  @IsLanguageTexts(() => EventTextsDto)
  en?: EventTextsDto | null;
}
