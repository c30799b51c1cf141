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
import type { Translations } from '../common/translations.js';
import { EventEntity } from '../events/event.entity.js';

/** The texts of a task that organizers may translate. */
export const TASK_TEXT_FIELDS = ['title', 'description', 'location'] as const;
export type TaskTextField = (typeof TASK_TEXT_FIELDS)[number];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

@Entity('volunteer_tasks')
@Index('IDX_volunteer_tasks_event_starts_at', ['eventId', 'startsAt'])
@Check('CHK_volunteer_tasks_times', '"ends_at" > "starts_at"')
// The database itself refuses an over-assigned task, whatever the application does.
@Check(
  'CHK_volunteer_tasks_slots',
  '"volunteers_needed" >= 1 AND "assigned_count" >= 0 AND "assigned_count" <= "volunteers_needed"',
)
export class VolunteerTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  /** Title, description and location in other languages (see common/translations.ts). */
  @Column({ type: 'jsonb', default: {} })
  translations: Translations<TaskTextField>;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'int' })
  volunteersNeeded: number;

  /** Assignees; only the atomic assignment statement and removals move it. */
  @Column({ type: 'int', default: 0 })
  assignedCount: number;

  @Column({ type: 'enum', enum: TASK_STATUSES, enumName: 'volunteer_task_status', default: 'open' })
  status: TaskStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
