import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { EventEntity } from './event.entity.js';

/**
 * One share of an event's seats (see seats.ts for the design): the event's capacity is split
 * over SEAT_SHARDS rows, so that registrations taking seats lock different rows and commit side
 * by side. Kept by triggers on `events` (created with the event, rebalanced when its capacity
 * changes); only seats.ts moves `taken`.
 */
@Entity('event_seats')
// The database itself refuses an overbooked share, whatever the application does; the shares'
// capacities always add up to the event's (trigger TR_events_seats_capacity).
@Check('CHK_event_seats_taken', '"capacity" >= 0 AND "taken" >= 0 AND "taken" <= "capacity"')
export class EventSeatEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @PrimaryColumn({ type: 'smallint' })
  shard: number;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'int', default: 0 })
  taken: number;
}
