import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsDefined,
  IsInt,
  IsISO4217CurrencyCode,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { IsSpokenLanguages } from '../../common/locale.js';
import { PageMetaDto } from '../../common/pagination.js';
import { IsText } from '../../common/text.js';
import {
  IsBudget,
  IsCalendarDate,
  isCalendarDate,
  MAX_NIGHTS,
} from '../../help-requests/dto/create-help-request.dto.js';
import type { HostingOfferEntity } from '../hosting-offer.entity.js';

export const MAX_BEDS = 50;
/** An offer may span a season, longer than one stay. */
export const MAX_OFFER_DAYS = 4 * MAX_NIGHTS;

const dayCount = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** availableTo after availableFrom, within MAX_OFFER_DAYS (when both are in the body). */
const IsAfterFrom = () =>
  ValidateBy({
    name: 'isAfterAvailableFrom',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const from = (args?.object as { availableFrom?: unknown }).availableFrom;
        if (!isCalendarDate(value) || !isCalendarDate(from)) return true;
        const n = dayCount(from, value);
        return n >= 1 && n <= MAX_OFFER_DAYS;
      },
      defaultMessage: () =>
        `availableTo must be after availableFrom, at most ${MAX_OFFER_DAYS} days later`,
    },
  });

/** Required (ISO 4217, upper case) with a price above 0; a free offer needs none. */
const IsPriceCurrency = () => (target: object, key: string) => {
  ValidateIf(
    (o: { currency?: unknown; pricePerNight?: unknown }) =>
      o.currency !== undefined ||
      (typeof o.pricePerNight === 'number' && o.pricePerNight > 0) ||
      (o.pricePerNight !== undefined && typeof o.pricePerNight !== 'number'),
  )(target, key);
  IsDefined({ message: 'currency is required with a pricePerNight above 0' })(target, key);
  Matches(/^[A-Z]{3}$/, { message: 'currency must be an upper-case ISO 4217 code such as KZT' })(
    target,
    key,
  );
  IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 currency code such as KZT' })(
    target,
    key,
  );
};

export class CreateHostingOfferDto {
  /** Where the beds are: "Astana". */
  @IsText(100)
  city: string;

  /** First night a guest may stay, YYYY-MM-DD. */
  @ApiProperty({ example: '2027-06-24', format: 'date' })
  @IsCalendarDate()
  availableFrom: string;

  /** Last day a guest may leave, YYYY-MM-DD (after availableFrom). */
  @ApiProperty({ example: '2027-06-28', format: 'date' })
  @IsCalendarDate()
  @IsAfterFrom()
  availableTo: string;

  /** Beds offered, 1–50. */
  @IsInt()
  @Min(1)
  @Max(MAX_BEDS)
  beds: number;

  /** Languages spoken at home (ISO 639-1); the host's own spoken languages when left out. */
  @IsOptional()
  @IsSpokenLanguages()
  spokenLanguages?: string[];

  /** For organizers and matched guests: "Two beds in the guest room, 15 min from the stadium". */
  @IsOptional()
  @IsText(2000)
  note?: string;

  /** Per night, in `currency`; 0 or left out is free. */
  @IsBudget()
  pricePerNight?: number;

  /** ISO 4217, upper case; required with a pricePerNight above 0. */
  @ApiPropertyOptional({ example: 'KZT' })
  @IsPriceCurrency()
  currency?: string;

  /** Private: only you see it, and your guest once both of you accepted a match. */
  @IsText(500)
  address: string;

  /** Private, like the address. */
  @IsOptional()
  @IsText(50)
  phone?: string;
}

// null is validated like any value (skipNullProperties: false): a required column cannot be
// nulled; `pricePerNight: null` makes the offer free.
export class UpdateHostingOfferDto extends PartialType(CreateHostingOfferDto, {
  skipNullProperties: false,
}) {}

export class HostingOfferHostDto {
  id: string;
  displayName: string;
  country: string;
}

/** An offer; `address` and `phone` are null for everyone but the host. */
export class HostingOfferResponseDto {
  id: string;
  groupId: string;
  hostId: string;
  host: HostingOfferHostDto | null;
  city: string;
  @ApiProperty({ format: 'date' })
  availableFrom: string;
  @ApiProperty({ format: 'date' })
  availableTo: string;
  beds: number;
  bedsTaken: number;
  freeBeds: number;
  spokenLanguages: string[];
  note: string | null;
  pricePerNight: number | null;
  currency: string | null;
  /** Only for the host. */
  address: string | null;
  /** Only for the host. */
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}

export class HostingOfferPageDto extends PageMetaDto {
  items: HostingOfferResponseDto[];
}

export function toHostingOfferResponse(
  o: HostingOfferEntity,
  viewerId: string,
): HostingOfferResponseDto {
  const own = o.hostId === viewerId;
  return {
    id: o.id,
    groupId: o.groupId,
    hostId: o.hostId,
    host: o.host
      ? { id: o.host.id, displayName: o.host.displayName, country: o.host.country }
      : null,
    city: o.city,
    availableFrom: o.availableFrom,
    availableTo: o.availableTo,
    beds: o.beds,
    bedsTaken: o.bedsTaken,
    freeBeds: o.beds - o.bedsTaken,
    spokenLanguages: o.spokenLanguages,
    note: o.note,
    pricePerNight: o.pricePerNight,
    currency: o.currency,
    address: own ? o.address : null,
    phone: own ? o.phone : null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
