import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { IsText } from '../../common/text.js';
import { HELP_REQUEST_TYPES, type HelpRequestType } from '../help-request.entity.js';

export const MAX_TICKETS = 100;
export const MAX_GUESTS = 50;
export const MAX_NIGHTS = 90;
export const MAX_BUDGET = 10_000_000;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused), years 2000–2100. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < 2000 || year > 2100) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isCalendarDate(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be a real date written YYYY-MM-DD`,
    },
  });

function nightsBetween(checkIn: string, checkOut: string): number {
  return (Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000;
}

/** checkOut strictly after checkIn, and a stay of at most MAX_NIGHTS. */
const IsAfterCheckIn = () =>
  ValidateBy({
    name: 'isAfterCheckIn',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const checkIn = (args?.object as { checkIn?: unknown }).checkIn;
        // A malformed date is already reported by IsCalendarDate; don't pile on.
        if (!isCalendarDate(value) || !isCalendarDate(checkIn)) return true;
        const nights = nightsBetween(checkIn, value);
        return nights >= 1 && nights <= MAX_NIGHTS;
      },
      defaultMessage: () => `checkOut must be after checkIn, at most ${MAX_NIGHTS} nights later`,
    },
  });

/**
 * Decimal places of a finite number, exponent notation included (1e-12 has 12). class-validator's
 * own `maxDecimalPlaces` splits `toString()` on "." and throws on `1e-12` (no "."), which
 * turned a tiny budget into a 500.
 */
export function decimalPlaces(value: number): number {
  const [mantissa, exponent = '0'] = value.toString().toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** A money amount, ≥ 0 with at most two decimals. */
export const IsBudget = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
  ValidateBy({
    name: 'maxDecimalPlaces',
    validator: {
      // Not a finite number is IsNumber's to report.
      validate: (value: unknown) =>
        typeof value !== 'number' || !Number.isFinite(value) || decimalPlaces(value) <= 2,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must have at most two decimal places`,
    },
  })(target, key);
  Min(0)(target, key);
  Max(MAX_BUDGET)(target, key);
};

/** Required (ISO 4217) as soon as a budget is given: a bare number is ambiguous. */
export const IsCurrencyFor = (budget: string) => (target: object, key: string) => {
  ValidateIf((o: Record<string, unknown>) => o[key] !== undefined || o[budget] !== undefined)(
    target,
    key,
  );
  IsDefined({ message: `${key} is required with ${budget}` })(target, key);
  // The validator accepts `eur`; codes are stored and shown upper case only.
  Matches(/^[A-Z]{3}$/, { message: `${key} must be an upper-case ISO 4217 code such as EUR` })(
    target,
    key,
  );
  IsISO4217CurrencyCode({ message: `${key} must be an ISO 4217 currency code such as EUR` })(
    target,
    key,
  );
};

export class TicketDetailsDto {
  /** Tickets wanted, 1–100. */
  @IsInt()
  @Min(1)
  @Max(MAX_TICKETS)
  quantity: number;

  /** Total budget for all tickets, in `currency`. */
  @IsBudget()
  maxBudget?: number;

  /** ISO 4217, upper case (`EUR`, `JPY`); required with maxBudget. */
  @ApiPropertyOptional({ example: 'JPY' })
  @IsCurrencyFor('maxBudget')
  currency?: string;
}

export class AccommodationDetailsDto {
  /** YYYY-MM-DD. */
  @ApiProperty({ example: '2026-06-25', format: 'date' })
  @IsCalendarDate()
  checkIn: string;

  /** YYYY-MM-DD, after checkIn. */
  @ApiProperty({ example: '2026-06-28', format: 'date' })
  @IsCalendarDate()
  @IsAfterCheckIn()
  checkOut: string;

  /** People to host, 1–50. */
  @IsInt()
  @Min(1)
  @Max(MAX_GUESTS)
  guests: number;

  /** Budget per night, in `currency`. */
  @IsBudget()
  maxBudgetPerNight?: number;

  /** ISO 4217, upper case; required with maxBudgetPerNight. */
  @ApiPropertyOptional({ example: 'EUR' })
  @IsCurrencyFor('maxBudgetPerNight')
  currency?: string;
}

/**
 * The block named after `type` is required; the other one is refused (even as null), so a
 * request never carries details nobody asked for.
 */
const DetailsFor = (type: HelpRequestType, cls: () => new () => object) => {
  return (target: object, key: string) => {
    ValidateIf((o: Record<string, unknown>) => o.type === type || o[key] !== undefined)(
      target,
      key,
    );
    ValidateBy({
      name: 'detailsForType',
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) =>
          (args?.object as { type?: unknown }).type === type,
        defaultMessage: () => `${key} is only allowed when type is "${type}"`,
      },
    })(target, key);
    IsDefined({ message: `${key} is required when type is "${type}"` })(target, key);
    IsObject({ message: `${key} must be an object` })(target, key);
    ValidateNested()(target, key);
    Type(cls)(target, key);
    // Explicit, so the document is complete even where the Swagger CLI plugin does not run.
    ApiPropertyOptional({ type: cls(), description: `Required when type is "${type}"` })(
      target,
      key,
    );
  };
};

export class CreateHelpRequestDto {
  @ApiProperty({ enum: HELP_REQUEST_TYPES })
  @IsIn(HELP_REQUEST_TYPES, { message: `type must be one of ${HELP_REQUEST_TYPES.join(', ')}` })
  type: HelpRequestType;

  /** An event of the same group (the concert, the PreParty). */
  @IsOptional()
  @IsUUID()
  eventId?: string;

  /** What you need, in any language. */
  @IsText(4000)
  message: string;

  /** Required for `type: "ticket"`, refused otherwise. */
  @DetailsFor('ticket', () => TicketDetailsDto)
  ticket?: TicketDetailsDto;

  /** Required for `type: "accommodation"`, refused otherwise. */
  @DetailsFor('accommodation', () => AccommodationDetailsDto)
  accommodation?: AccommodationDetailsDto;
}
