import { IsOmittable } from '../../common/optional.js';
import { IsCountry, IsLanguage, type Language } from '../../common/locale.js';
import { IsText } from '../../common/text.js';

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
