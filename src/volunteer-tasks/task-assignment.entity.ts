import {
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { VolunteerTaskEntity } from './volunteer-task.entity.js';

/** The exclusion constraint that refuses overlapping assignments of one volunteer. */
export const ASSIGNMENT_OVERLAP_CONSTRAINT = 'EXC_task_assignments_no_overlap';

@Entity('task_assignments')
@Index('IDX_task_assignments_user', ['userId'])
// One volunteer cannot be in two places at once, whatever the concurrency: the database
// refuses a second assignment whose time range overlaps one the volunteer already holds.
// (btree_gist provides `=` on uuid inside a GiST index; the migration creates the extension.)
@Exclusion(ASSIGNMENT_OVERLAP_CONSTRAINT, `USING gist ("user_id" WITH =, "during" WITH &&)`)
export class TaskAssignmentEntity {
  @PrimaryColumn('uuid')
  taskId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => VolunteerTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<VolunteerTaskEntity>;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** Who made the assignment: an organizer, or the volunteer when signing up. */
  @Column({ type: 'uuid', nullable: true })
  assignedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assigned_by' })
  assigner?: Relation<UserEntity>;

  /**
   * The task's [startsAt, endsAt) copied here so the exclusion constraint can see it; kept in
   * sync when the task is rescheduled, and emptied when the task is cancelled (frees the slot).
   */
  @Column({ type: 'tstzrange' })
  during: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
