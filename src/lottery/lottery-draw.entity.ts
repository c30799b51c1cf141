import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { EventEntity, type EventQuota } from '../events/event.entity.js';
import { RegistrationEntity } from '../registrations/registration.entity.js';

/** The record of a lottery event's draw: what it was run with, written in its transaction. */
@Entity('lottery_draws')
export class LotteryDrawEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @OneToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'varchar', length: 64 })
  algorithm: string;

  /** The revealed seed (64 hex digits). */
  @Column({ type: 'varchar', length: 64 })
  seed: string;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'jsonb' })
  quotas: EventQuota[];

  @Column({ type: 'int' })
  applications: number;

  @Column({ type: 'int' })
  seated: number;

  /** When the draw's transaction started and when it finished its work (just before commit). */
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  drawnAt: Date;
}

export const DRAW_OUTCOMES = ['quota', 'general', 'waitlist'] as const;

/** One application in a draw, in drawn order: its lot, country and outcome at the draw. */
@Entity('lottery_draw_entries')
@Index('UQ_lottery_draw_entries_registration', ['registrationId'], { unique: true })
export class LotteryDrawEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => LotteryDrawEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  draw?: Relation<LotteryDrawEntity>;

  /** 1 = drawn first. */
  @PrimaryColumn({ type: 'int' })
  rank: number;

  @Column({ type: 'uuid' })
  registrationId: string;

  @ManyToOne(() => RegistrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id' })
  registration?: Relation<RegistrationEntity>;

  /** The registration id of the lot (the party leader's; its own when alone). */
  @Column({ type: 'uuid' })
  lot: string;

  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ type: 'enum', enum: DRAW_OUTCOMES, enumName: 'lottery_draw_outcome' })
  outcome: (typeof DRAW_OUTCOMES)[number];
}
