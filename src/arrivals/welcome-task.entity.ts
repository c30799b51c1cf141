import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { EventEntity } from '../events/event.entity.js';
import { VolunteerTaskEntity } from '../volunteer-tasks/volunteer-task.entity.js';

/**
 * Which welcome task was made for which hour and place of an event's arrivals, so the action
 * creates each one once however often it runs. A deleted task frees its hour.
 */
@Entity('arrival_welcome_tasks')
export class WelcomeTaskEntity {
  @PrimaryColumn('uuid')
  eventId: string;

  @ManyToOne(() => EventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<EventEntity>;

  /** The place, lower-cased: "nqz". */
  @PrimaryColumn({ type: 'varchar', length: 50 })
  placeKey: string;

  @PrimaryColumn({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'uuid' })
  taskId: string;

  @ManyToOne(() => VolunteerTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Relation<VolunteerTaskEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
