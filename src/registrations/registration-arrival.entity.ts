import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { EventEntity } from '../events/event.entity.js';
import { RegistrationEntity } from './registration.entity.js';

export const ARRIVAL_MODES = ['plane', 'train', 'bus', 'car'] as const;
export type ArrivalMode = (typeof ARRIVAL_MODES)[number];

/**
 * How and when a registrant arrives in the event's city (one per registration), for the
 * arrivals board and the welcome tasks. Personal data: erased RETENTION_DAYS after the event,
 * deleted with the account. Kept beside the registration row, not in it, so the registration
 * hot path stays one statement and a registration without arrival pays nothing.
 */
@Entity('registration_arrivals')
@Index('IDX_registration_arrivals_event_at', ['eventId', 'at'])
@Index('IDX_registration_arrivals_user', ['userId'])
export class RegistrationArrivalEntity {
  @PrimaryColumn('uuid')
  registrationId: string;

  @OneToOne(() => RegistrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id' })
  registration?: Relation<RegistrationEntity>;

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

  @Column({ type: 'timestamptz' })
  at: Date;

  /** API `by`. */
  @Column({ type: 'enum', enum: ARRIVAL_MODES, enumName: 'arrival_mode' })
  mode: ArrivalMode;

  /** API `from`: where the fan comes from ("Tokyo", "Almaty"). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  origin: string | null;

  /** Flight or train number. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reference: string | null;

  /** Where they arrive: an airport or station code ("NQZ"), or a name. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  place: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
