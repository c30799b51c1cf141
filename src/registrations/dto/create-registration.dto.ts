import { Type } from 'class-transformer';
import { IsDateString, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { IsLanguage, type Language } from '../../common/locale.js';
import { IsText } from '../../common/text.js';
import { ArrivalDto } from './arrival.dto.js';

export class CreateRegistrationDto {
  /** Language of this registration's e-mails; the account's language when absent. */
  @IsOptional()
  @IsLanguage()
  language?: Language;

  /** Arrival date in the event's city, YYYY-MM-DD. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'arrivalDate must be a date as YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'arrivalDate must be a real calendar date' })
  arrivalDate?: string;

  /** A note for the organizers (needs, questions). */
  @IsOptional()
  @IsText(1000)
  note?: string;

  /** How and when you arrive in the event's city (for the organizers' arrivals board). */
  @IsOptional()
  @IsObject({ message: 'arrival must be an object' })
  @ValidateNested()
  @Type(() => ArrivalDto)
  arrival?: ArrivalDto;
}
