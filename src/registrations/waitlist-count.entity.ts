import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EventEntity } from '../events/event.entity.js';

/**
 * How many registrations of an event are waitlisted, split over a few slots (the sum is the
 * count). Kept by triggers on `registrations` (see the WaitlistCounts migration), so every
 * path that waitlists, promotes, cancels or deletes a registration keeps it right, in the same
 * transaction. It exists for the registration hot path: the 201 and the waitlist e-mail tell
 * the registrant's position, and counting the waitlisted rows instead is O(n) per
 * registration (a 10,000-long line made that the slowest part of the statement). Slots, one
 * per database backend (pid modulo the slot count), keep concurrent registrants off each
 * other's counter row; a single row would serialize them on its lock until each commit.
 * Positions themselves stay derived (FIFO by created_at, id); only their total is kept here.
 */
@Entity('event_waitlist_counts')
export class WaitlistCountEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @PrimaryColumn({ type: 'smallint' })
  slot: number;

  /** This slot's share of the count; may be negative (a promotion on another backend). */
  @Column({ type: 'int', default: 0 })
  waitlisted: number;
}
