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

/** Who is at the door: what the scanner shows on a green (or amber) screen. */
export class CheckInAttendeeDto {
  displayName: string;
  country: string;
  /** The registration's e-mail language, else the account's. */
  language: string;
}

export class CheckInResponseDto {
  registrationId: string;
  checkedInAt: string;
  attendee: CheckInAttendeeDto;
}

export class CheckInSummaryDto {
  /** Confirmed registrations. */
  confirmed: number;
  /** Of those, checked in. */
  checkedIn: number;
}
