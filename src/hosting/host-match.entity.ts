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
import { UserEntity } from '../auth/user.entity.js';
import { HelpRequestEntity } from '../help-requests/help-request.entity.js';
import { HostingOfferEntity } from './hosting-offer.entity.js';

/**
 * `proposed` → `accepted` (host and guest both accepted; beds taken) | `declined` (either side)
 * | `withdrawn` (the request was matched elsewhere or closed, or an account went away).
 */
export const HOST_MATCH_STATUSES = ['proposed', 'accepted', 'declined', 'withdrawn'] as const;
export type HostMatchStatus = (typeof HOST_MATCH_STATUSES)[number];
export const MATCH_SIDES = ['host', 'guest'] as const;
export type MatchSide = (typeof MATCH_SIDES)[number];

/** An accommodation request paired with a hosting offer, accepted or declined by each side. */
@Entity('host_matches')
// One live proposal per offer and request; one accepted match per request.
@Index('UQ_host_matches_live', ['offerId', 'requestId'], {
  unique: true,
  where: `"status" IN ('proposed', 'accepted')`,
})
@Index('UQ_host_matches_accepted_request', ['requestId'], {
  unique: true,
  where: `"status" = 'accepted'`,
})
@Index('IDX_host_matches_request', ['requestId'])
@Check('CHK_host_matches_guests', '"guests" >= 1')
export class HostMatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  offerId: string;

  @ManyToOne(() => HostingOfferEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'offer_id' })
  offer?: Relation<HostingOfferEntity>;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => HelpRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<HelpRequestEntity>;

  /** The organizer or assignee who proposed it; null once their account is gone. */
  @Column({ type: 'uuid', nullable: true })
  proposedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by_id' })
  proposedBy?: Relation<UserEntity>;

  /** Beds this match takes when accepted (the request's guests when proposed). */
  @Column({ type: 'int' })
  guests: number;

  @Column({
    type: 'enum',
    enum: HOST_MATCH_STATUSES,
    enumName: 'host_match_status',
    default: 'proposed',
  })
  status: HostMatchStatus;

  @Column({ type: 'timestamptz', nullable: true })
  hostAcceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  guestAcceptedAt: Date | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  declinedBy: MatchSide | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
