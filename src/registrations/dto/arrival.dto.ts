import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, ValidateBy } from 'class-validator';
import { IsText } from '../../common/text.js';
import { ARRIVAL_MODES, type ArrivalMode } from '../registration-arrival.entity.js';

/** An ISO 8601 instant with its offset (`Z` or `+05:00`), years 2000–2100. */
export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return false;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return false;
  const year = new Date(t).getUTCFullYear();
  return year >= 2000 && year <= 2100;
}

export class ArrivalDto {
  /** When the fan arrives, an instant with its offset: `2027-06-25T18:40:00Z`. */
  @ApiProperty({ example: '2027-06-25T13:40:00Z', format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date and time' })
  @ValidateBy({
    name: 'isInstant',
    validator: {
      validate: isInstant,
      defaultMessage: () => 'at must carry its UTC offset (Z or +05:00), years 2000–2100',
    },
  })
  at: string;

  @ApiProperty({ enum: ARRIVAL_MODES })
  @IsIn(ARRIVAL_MODES, { message: `by must be one of ${ARRIVAL_MODES.join(', ')}` })
  by: ArrivalMode;

  /** Where the fan comes from: "Tokyo". */
  @ApiPropertyOptional({ example: 'Tokyo' })
  @IsOptional()
  @IsText(100)
  from?: string;

  /** Flight or train number: "KC 922". */
  @ApiPropertyOptional({ example: 'KC 922' })
  @IsOptional()
  @IsText(20)
  reference?: string;

  /** Where: an airport or station code or name ("NQZ"). */
  @ApiPropertyOptional({ example: 'NQZ' })
  @IsOptional()
  @IsText(50)
  place?: string;
}

export class ArrivalResponseDto {
  registrationId: string;
  eventId: string;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty({ enum: ARRIVAL_MODES })
  by: ArrivalMode;
  from: string | null;
  reference: string | null;
  place: string | null;
}
