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
import { FanGroupEntity } from '../fan-groups/fan-group.entity.js';

/** numeric comes back from pg as a string; prices are small enough for a JS number. */
const money = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * A group member's offer of beds to fans coming from elsewhere. `address` and `phone` are the
 * host's private contact: shown to the host, and to a guest only once both accepted a match.
 * Accepted matches take beds (`beds_taken`) for the whole offer; the CHECK is the last word on
 * over-taking, whatever the concurrency.
 */
@Entity('hosting_offers')
@Index('IDX_hosting_offers_group_from', ['groupId', 'availableFrom'])
@Index('IDX_hosting_offers_host', ['hostId'])
@Check('CHK_hosting_offers_beds', '"beds" >= 1 AND "beds_taken" >= 0 AND "beds_taken" <= "beds"')
@Check('CHK_hosting_offers_dates', '"available_to" > "available_from"')
@Check('CHK_hosting_offers_price', '"price_per_night" IS NULL OR "price_per_night" >= 0')
export class HostingOfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => FanGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<FanGroupEntity>;

  @Column({ type: 'uuid' })
  hostId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'host_id' })
  host?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 100 })
  city: string;

  /** First night a guest may stay (YYYY-MM-DD). */
  @Column({ type: 'date' })
  availableFrom: string;

  /** Last day a guest may leave (YYYY-MM-DD): the nights are availableFrom … availableTo − 1. */
  @Column({ type: 'date' })
  availableTo: string;

  @Column({ type: 'int' })
  beds: number;

  /** Beds taken by accepted matches; only the atomic accept and releases move it. */
  @Column({ type: 'int', default: 0 })
  bedsTaken: number;

  /** ISO 639-1 codes the host speaks (the account's when not given). */
  @Column({ type: 'varchar', array: true, length: 2, default: '{}' })
  spokenLanguages: string[];

  /** Shown to organizers and the guests of this offer's matches. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  /** Per night, in `currency`; 0 (or none) is free. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: money })
  pricePerNight: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  /** Private: the host, and a guest after both accepted. */
  @Column({ type: 'varchar', length: 500 })
  address: string;

  /** Private, like the address. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  phone: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
