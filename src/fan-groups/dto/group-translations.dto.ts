import { IsLanguageTexts, IsTranslatedText } from '../../common/translations.js';

/** A group's texts in one language; `null` removes a text in an update. */
export class GroupTextsDto {
  @IsTranslatedText(120)
  name?: string | null;

  @IsTranslatedText(5000)
  description?: string | null;
}

/** `{ kk?, ru?, en? }`; `null` removes a language in an update. */
export class GroupTranslationsDto {
  @IsLanguageTexts(() => GroupTextsDto)
  kk?: GroupTextsDto | null;

  @IsLanguageTexts(() => GroupTextsDto)
  ru?: GroupTextsDto | null;

  @IsLanguageTexts(() => GroupTextsDto)
  en?: GroupTextsDto | null;
}
