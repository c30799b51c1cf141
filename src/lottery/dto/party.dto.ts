import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

export class JoinPartyDto {
  /** The code the party's leader shared (case and dashes do not matter). */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase().replace(/[\s-]/g, '') : value,
  )
  @Matches(/^[0-9A-HJKMNP-TV-Z]{8}$/, { message: 'code must be the 8-character party code' })
  code: string;
}

export class PartyMemberDto {
  userId: string;
  displayName: string;
  country: string;
  /** True for the party's leader. */
  leader: boolean;
}

/** A party as its members see it. */
export class PartyResponseDto {
  id: string;
  eventId: string;
  /** Share it with friends: they join with POST /parties/join. */
  code: string;
  /** The leader's country: the quota the party draws from. */
  country: string;
  /** The leader first. */
  members: PartyMemberDto[];
  size: number;
  /** The leader and up to six friends. */
  maxSize: number;
  createdAt: string;
}
