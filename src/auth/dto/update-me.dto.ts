import { IsOptional } from 'class-validator';
import { IsCountry, IsLanguage, type Language } from '../../common/locale.js';
import { IsText } from '../../common/text.js';

export class UpdateMeDto {
  @IsOptional()
  @IsText(100)
  displayName?: string;

  @IsOptional()
  @IsCountry()
  country?: string;

  @IsOptional()
  @IsLanguage()
  language?: Language;
}
