import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { EventEntity } from '../events/event.entity.js';

/**
 * An event's waitlist as a line (see src/events/seats.ts): `lastSeq` is the last place number
 * handed out (registrations.waitlist_seq, dense, in the order the line took them), `inLine` how
 * many of those are still waiting. Only the line step (fe_sequence_line, under the event's line
 * lock) adds to it; triggers on `registrations` take a waiting one off when it is promoted,
 * cancelled or deleted, so every path keeps it right in its own transaction.
 */
@Entity('event_lines')
@Check('CHK_event_lines_counts', '"in_line" >= 0 AND "in_line" <= "last_seq"')
export class EventLineEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @OneToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'bigint', default: 0 })
  lastSeq: string;

  @Column({ type: 'int', default: 0 })
  inLine: number;
}
