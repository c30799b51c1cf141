import {
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
import { UserEntity } from '../auth/user.entity.js';
import { EventEntity } from '../events/event.entity.js';
import { PartyEntity } from './party.entity.js';

/** `applied`: a lottery application waiting for the draw (no seat, no place in line yet). */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'applied'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

@Entity('registrations')
// One active registration (or application) per user and event.
@Index('UQ_registrations_active', ['eventId', 'userId'], {
  unique: true,
  // Every status but cancelled (confirmed, waitlisted, applied), written without naming
  // `applied` so the migration that adds that enum value can build it in its transaction.
  where: `"status" <> 'cancelled'`,
})
@Index('IDX_registrations_party', ['partyId'])
@Index('IDX_registrations_event_status_created', ['eventId', 'status', 'createdAt'])
// The line: waitlisted registrations in the order the line took them (positions are derived).
@Index('IDX_registrations_line', ['eventId', 'waitlistSeq'], { where: `"status" = 'waitlisted'` })
// Waitlisted registrations the line has not taken yet (a few, for an instant; see seats.ts).
@Index('IDX_registrations_line_pending', ['eventId', 'createdAt'], {
  where: `"status" = 'waitlisted' AND "waitlist_seq" IS NULL`,
})
@Index('IDX_registrations_user', ['userId'])
export class RegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** The party this application was made with (lottery events), if any. */
  @Column({ type: 'uuid', nullable: true })
  partyId: string | null;

  @ManyToOne(() => PartyEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'party_id' })
  party?: Relation<PartyEntity>;

  @Column({ type: 'enum', enum: REGISTRATION_STATUSES, enumName: 'registration_status' })
  status: RegistrationStatus;

  /** Language for this registration's e-mails; the user's own when null. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: string | null;

  /** Arrival date (YYYY-MM-DD); erased RETENTION_DAYS after the event. */
  @Column({ type: 'date', nullable: true })
  arrivalDate: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  /** Unguessable, shown only to the owner, encoded as a QR image in the confirmation. */
  @Index('UQ_registrations_check_in_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  checkInCode: string;

  @Column({ type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  /**
   * Place number in the event's line (event_lines.last_seq at the time), given once the
   * registration is waitlisted and committed; the waitlist is served in this order.
   */
  @Column({ type: 'bigint', nullable: true })
  waitlistSeq: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
