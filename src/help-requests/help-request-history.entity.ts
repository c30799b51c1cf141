import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import type { HelpRequestStatus } from './help-request-status.js';
import { HelpRequestEntity } from './help-request.entity.js';

export const HELP_HISTORY_ACTIONS = ['created', 'status', 'assigned', 'unassigned'] as const;
export type HelpHistoryAction = (typeof HELP_HISTORY_ACTIONS)[number];

/** One change of a help request: who did what, when. Append-only. */
@Entity('help_request_history')
@Index('IDX_help_request_history_request_at', ['requestId', 'at'])
export class HelpRequestHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => HelpRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<HelpRequestEntity>;

  /** Null once the acting account is gone; the entry itself stays. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: Relation<UserEntity>;

  @Column({ type: 'enum', enum: HELP_HISTORY_ACTIONS, enumName: 'help_history_action' })
  action: HelpHistoryAction;

  // varchar, not the help_request_status enum: TypeORM would create that type a second time.
  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: HelpRequestStatus | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  toStatus: HelpRequestStatus | null;

  /** For `assigned` / `unassigned`: the new and the previous assignee. */
  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: Relation<UserEntity>;

  @Column({ type: 'uuid', nullable: true })
  previousAssigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previous_assignee_id' })
  previousAssignee?: Relation<UserEntity>;

  // clock_timestamp, not now(): entries written in one transaction (assign + start) keep their order.
  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;
}
