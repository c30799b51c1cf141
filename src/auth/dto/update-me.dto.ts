import {
  IsCountry,
  IsLanguage,
  IsSpokenLanguages,
  type Language,
} from '../../common/locale.js';
import { IsOmittable } from '../../common/optional.js';
import { IsText } from '../../common/text.js';

/** Fields left out stay as they are; `null` is refused (each of them is required). */
export class UpdateMeDto {
  @IsOmittable()
  @IsText(100)
  displayName?: string;

  @IsOmittable()
  @IsCountry()
  country?: string;

  @IsOmittable()
  @IsLanguage()
  language?: Language;

  /** Languages you speak (ISO 639-1), e.g. `["ja", "en"]`; `[]` clears them. Up to 10. */
  @IsOmittable()
  @IsSpokenLanguages()
  spokenLanguages?: string[];
}
