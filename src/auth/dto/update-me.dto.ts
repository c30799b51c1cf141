import { IsCountry, IsLanguage, type Language } from '../../common/locale.js';
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
}
