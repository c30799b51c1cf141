import { IsLanguageTexts, IsTranslatedText } from '../../common/translations.js';

/** A task's texts in one language; `null` removes a text in an update. */
export class TaskTextsDto {
  @IsTranslatedText(200)
  title?: string | null;

  @IsTranslatedText(10_000)
  description?: string | null;

  @IsTranslatedText(200)
  location?: string | null;
}

/** `{ kk?, ru?, en? }`; `null` removes a language in an update. */
export class TaskTranslationsDto {
  @IsLanguageTexts(() => TaskTextsDto)
  kk?: TaskTextsDto | null;

  @IsLanguageTexts(() => TaskTextsDto)
  ru?: TaskTextsDto | null;

  @IsLanguageTexts(() => TaskTextsDto)
  en?: TaskTextsDto | null;
}
