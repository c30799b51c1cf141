import {
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

export const OUTBOX_STATUSES = ['pending', 'queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One e-mail to send. Written in the same transaction as the change it reports, so the two
 * commit together; the relay moves it to Bull, the worker sends it once and marks it sent.
 */
@Entity('mail_outbox')
@Index('IDX_mail_outbox_status_due', ['status', 'dueAt'])
@Index('IDX_mail_outbox_user', ['userId'])
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Template name: `welcome`, `registration_confirmed`, ... */
  @Column({ type: 'varchar', length: 60 })
  kind: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** Overrides the user's language (a registration may ask for another one). */
  @Column({ type: 'varchar', length: 2, nullable: true })
  language: string | null;

  /** Template variables, captured when the change committed. */
  @Column({ type: 'jsonb', default: {} })
  data: Record<string, unknown>;

  /** One e-mail per cause: a second enqueue with the same key is ignored. */
  @Index('UQ_mail_outbox_dedupe_key', { unique: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  dedupeKey: string | null;

  @Column({
    type: 'enum',
    enum: OUTBOX_STATUSES,
    enumName: 'mail_outbox_status',
    default: 'pending',
  })
  status: OutboxStatus;

  /** Not sent before this time (reminders). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  dueAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
