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
import { EventEntity } from '../events/event.entity.js';
import { FanGroupEntity } from '../fan-groups/fan-group.entity.js';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from './help-request-status.js';

export const HELP_REQUEST_TYPES = ['ticket', 'accommodation'] as const;
export type HelpRequestType = (typeof HELP_REQUEST_TYPES)[number];

/** numeric comes back from pg as a string; budgets are small enough for a JS number. */
const money = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/**
 * A fan's request for help with tickets or accommodation. The type-specific details live in
 * typed columns (not jsonb) so the database itself refuses a ticket request with check-in
 * dates or an accommodation request without them (until retention erases them).
 */
@Entity('help_requests')
// Organizers' list: by group, filtered by status / type / assignee, newest first.
@Index('IDX_help_requests_group_status_created', ['groupId', 'status', 'createdAt'])
@Index('IDX_help_requests_group_assignee', ['groupId', 'assigneeId'])
@Index('IDX_help_requests_requester_created', ['requesterId', 'createdAt'])
@Index('IDX_help_requests_assignee', ['assigneeId'])
@Index('IDX_help_requests_event', ['eventId'])
// IS NOT NULL spelled out: a comparison with NULL is unknown, and CHECK lets unknown pass.
@Check(
  'CHK_help_requests_ticket',
  `"details_erased_at" IS NOT NULL OR "type" <> 'ticket' OR ("ticket_quantity" IS NOT NULL AND "ticket_quantity" BETWEEN 1 AND 100 AND "check_in" IS NULL AND "check_out" IS NULL AND "guests" IS NULL AND "max_budget_per_night" IS NULL)`,
)
@Check(
  'CHK_help_requests_accommodation',
  `"details_erased_at" IS NOT NULL OR "type" <> 'accommodation' OR ("check_in" IS NOT NULL AND "check_out" IS NOT NULL AND "guests" IS NOT NULL AND "check_out" > "check_in" AND "guests" >= 1 AND "ticket_quantity" IS NULL AND "max_budget" IS NULL)`,
)
@Check(
  'CHK_help_requests_budget',
  `("max_budget" IS NULL OR "max_budget" >= 0) AND ("max_budget_per_night" IS NULL OR "max_budget_per_night" >= 0)`,
)
export class HelpRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => FanGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<FanGroupEntity>;

  @Column({ type: 'uuid' })
  requesterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requester_id' })
  requester?: Relation<UserEntity>;

  /** The concert or party the help is for; kept (as null) if the event row ever goes. */
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @ManyToOne(() => EventEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'enum', enum: HELP_REQUEST_TYPES, enumName: 'help_request_type' })
  type: HelpRequestType;

  @Column({ type: 'varchar', length: 4000 })
  message: string;

  @Column({ type: 'int', nullable: true })
  ticketQuantity: number | null;

  /** Budget for all tickets, in `currency`. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: money })
  maxBudget: number | null;

  /** YYYY-MM-DD. */
  @Column({ type: 'date', nullable: true })
  checkIn: string | null;

  @Column({ type: 'date', nullable: true })
  checkOut: string | null;

  @Column({ type: 'int', nullable: true })
  guests: number | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: money })
  maxBudgetPerNight: number | null;

  /** ISO 4217 code of either budget. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({
    type: 'enum',
    enum: HELP_REQUEST_STATUSES,
    enumName: 'help_request_status',
    default: 'open',
  })
  status: HelpRequestStatus;

  /** An organizer or volunteer of the group; set by organizers. */
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<UserEntity>;

  /**
   * Set when the retention job (RETENTION_DAYS after the event) wipes the message and details;
   * the type-specific checks above only bind while the details are still there.
   */
  @Column({ type: 'timestamptz', nullable: true })
  detailsErasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
