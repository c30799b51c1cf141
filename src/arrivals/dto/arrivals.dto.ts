import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsText } from '../../common/text.js';

export const BUCKETS = ['hour', 'day'] as const;
export type Bucket = (typeof BUCKETS)[number];

export class ArrivalsQueryDto {
  /** Group arrivals per local hour (default) or day, in the event's time zone. */
  @ApiPropertyOptional({ enum: BUCKETS, default: 'hour' })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket: Bucket = 'hour';
}

export class LanguageCountDto {
  /** ISO 639-1. */
  language: string;
  count: number;
}

export class ArrivalBucketDto {
  /** Where they arrive ("NQZ"), or null when the fans did not say. */
  place: string | null;
  /** The bucket's start and end, UTC. */
  @ApiProperty({ format: 'date-time' })
  start: string;
  @ApiProperty({ format: 'date-time' })
  end: string;
  /** The bucket in the event's zone: "2027-06-25". */
  @ApiProperty({ format: 'date' })
  localDate: string;
  /** "23:00" (hour buckets) or "00:00" (day buckets). */
  localTime: string;
  arrivals: number;
  /** Spoken languages of the arriving fans, most spoken first. */
  languages: LanguageCountDto[];
}

export class ArrivalBoardDto {
  eventId: string;
  timezone: string;
  @ApiProperty({ enum: BUCKETS })
  bucket: Bucket;
  /** Active registrations (confirmed or waitlisted) with an arrival. */
  total: number;
  items: ArrivalBucketDto[];
}

export class CreateWelcomeTasksDto {
  /** The place to welcome fans at, as fans give it ("NQZ"; case does not matter). */
  @IsText(50)
  place: string;

  /** An hour needs at least this many arrivals there to get a task. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  minArrivals: number;

  /** Volunteers each task asks for. */
  @IsInt()
  @Min(1)
  @Max(100)
  volunteersPerTask: number;
}

export class WelcomeTaskDto {
  taskId: string;
  title: string;
  @ApiProperty({ format: 'date-time' })
  startsAt: string;
  @ApiProperty({ format: 'date-time' })
  endsAt: string;
  arrivals: number;
  /** false when an earlier run made it. */
  created: boolean;
}

export class WelcomeTasksResultDto {
  /** Tasks made by this call. */
  created: number;
  /** Every busy hour's task, earlier runs' included, by start. */
  tasks: WelcomeTaskDto[];
}
