import { ApiProperty } from '@nestjs/swagger';
import { QuotaDto } from '../../events/dto/create-event.dto.js';
import { DRAW_OUTCOMES } from '../lottery-draw.entity.js';

/** One application in drawn order. */
export class DrawEntryDto {
  registrationId: string;
  /** 1 = drawn first. */
  rank: number;
  /** The registration id the application was drawn with: the party leader's, or its own. */
  lot: string;
  /** The lot's country (the party leader's), which decides its quota. */
  country: string;
  @ApiProperty({ enum: DRAW_OUTCOMES })
  outcome: (typeof DRAW_OUTCOMES)[number];
}

/**
 * A lottery event's draw, public. Before the draw only the commitment (`seedSha256`); after it
 * also the seed and the drawn order, so anyone can recompute it (`npm run verify-draw`).
 */
export class DrawResponseDto {
  eventId: string;
  /** The shuffle's name; its definition is in the README ("Verifying a draw"). */
  algorithm: string;
  /** SHA-256 (hex) of the seed's 32 bytes, fixed when the event was published. */
  seedSha256: string | null;
  applicationsCloseAt: string | null;
  drawnAt: string | null;
  /** 64 hex digits; null until the draw. */
  seed: string | null;
  /** What the draw was run with. */
  capacity: number | null;
  quotas: QuotaDto[] | null;
  applications: number | null;
  seated: number | null;
  /** Registration ids in drawn order; null until the draw. */
  order: string[] | null;
  entries: DrawEntryDto[] | null;
}
