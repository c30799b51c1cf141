import { PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
} from 'class-validator';
import { IsCountry, LANGUAGES } from '../../common/locale.js';
import { IsOmittable } from '../../common/optional.js';
import { IsText } from '../../common/text.js';
import { IsTranslations } from '../../common/translations.js';
import { GroupTranslationsDto } from './group-translations.dto.js';

export class CreateFanGroupDto {
  /** "Dimash&Dostar", "Сарыарқа фан-клубы", "ディマシュ・ジャパン". */
  @IsText(120)
  name: string;

  @IsOptional()
  @IsText(5000)
  description?: string;

  /** Name and description in kk, ru and en; the fields above are the plain text. */
  @IsTranslations(() => GroupTranslationsDto)
  translations?: GroupTranslationsDto | null;

  @IsOptional()
  @IsCountry()
  country?: string;

  @IsOptional()
  @IsText(100)
  city?: string;

  /** Languages the group speaks. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(LANGUAGES, { each: true })
  languages?: string[];

  /**
   * Assign each new help request to the first suggested assignee: a volunteer or organizer who
   * speaks one of the requester's spoken languages, fewest open requests first. Default false.
   */
  @IsOmittable()
  @IsBoolean()
  autoAssignHelp?: boolean;
}

// null is validated like any value (skipNullProperties: false): a required column cannot be nulled.
export class UpdateFanGroupDto extends PartialType(CreateFanGroupDto, {
  skipNullProperties: false,
}) {}
