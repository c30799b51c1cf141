import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { Translations } from '../common/translations.js';
import { FanGroupEntity } from '../fan-groups/fan-group.entity.js';

/** The texts of an event that organizers may translate. */
export const EVENT_TEXT_FIELDS = ['title', 'description', 'venue'] as const;
export type EventTextField = (typeof EVENT_TEXT_FIELDS)[number];

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const ALLOCATIONS = ['first_come', 'lottery'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

/** Seats set aside for applicants from one country at a lottery draw. */
export interface EventQuota {
  country: string;
  seats: number;
}

@Entity('events')
@Index('IDX_events_status_starts_at', ['status', 'startsAt'])
@Index('IDX_events_group', ['groupId'])
// Seats taken are counted in event_seats (one row per share, CHECK-backed): see seats.ts.
@Check('CHK_events_capacity', '"capacity" >= 1')
@Check('CHK_events_times', '"ends_at" IS NULL OR "ends_at" > "starts_at"')
@Check(
  'CHK_events_lottery',
  `"allocation" = 'first_come' OR ("applications_close_at" IS NOT NULL AND "draw_seed_sha256" IS NOT NULL) OR "status" = 'draft'`,
)
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => FanGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<FanGroupEntity>;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  venue: string | null;

  /** Title, description and venue in other languages (see common/translations.ts). */
  @Column({ type: 'jsonb', default: {} })
  translations: Translations<EventTextField>;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  /** IANA zone, e.g. Asia/Almaty; e-mails show local times in it. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** Seats in all; split over the event's event_seats rows, which count the seats taken. */
  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'boolean', default: true })
  waitlistEnabled: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  registrationClosesAt: Date | null;

  /** `lottery`: applications until applicationsCloseAt, then a draw (src/lottery). */
  @Column({ type: 'enum', enum: ALLOCATIONS, enumName: 'event_allocation', default: 'first_come' })
  allocation: Allocation;

  /** Lottery events: the end of the application window and the time of the draw. */
  @Column({ type: 'timestamptz', nullable: true })
  applicationsCloseAt: Date | null;

  /** Lottery events: seats set aside per country (sum ≤ capacity). */
  @Column({ type: 'jsonb', default: [] })
  quotas: EventQuota[];

  /** The draw's secret seed (64 hex digits), made at publication, revealed only after the draw. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  drawSeed: string | null;

  /** SHA-256 of the seed's bytes: public from publication on (the commitment). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  drawSeedSha256: string | null;

  /** When the draw committed; until then a lottery event past its close time is mid-draw. */
  @Column({ type: 'timestamptz', nullable: true })
  drawnAt: Date | null;

  @Column({ type: 'enum', enum: EVENT_STATUSES, enumName: 'event_status', default: 'draft' })
  status: EventStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
