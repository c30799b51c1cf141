import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

export class CheckInDto {
  /** The check-in code from the attendee's QR image (case-insensitive). */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @IsString()
  @Matches(/^[A-Z0-9]{8,64}$/, { message: 'code must be 8–64 letters or digits' })
  code: string;
}

export class CheckInResponseDto {
  registrationId: string;
  checkedInAt: string;
}
