import {
  CreateDateColumn,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { EventEntity } from '../events/event.entity.js';
import { RegistrationEntity } from './registration.entity.js';

/**
 * Fans who apply to a lottery event together: the draw seats all of them or none. The leader's
 * application defines the party (withdrawing it dissolves the party); friends join with `code`
 * by pointing their own application at it (`registrations.party_id`).
 */
@Entity('parties')
@Index('IDX_parties_event', ['eventId'])
export class PartyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Index('UQ_parties_leader_registration', { unique: true })
  @Column({ type: 'uuid' })
  leaderRegistrationId: string;

  @ManyToOne(() => RegistrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'leader_registration_id' })
  leaderRegistration?: Relation<RegistrationEntity>;

  /** What the leader shares with friends (Crockford base32, unambiguous to read aloud). */
  @Index('UQ_parties_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
