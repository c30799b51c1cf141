import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';

export const IDEMPOTENCY_STATES = ['in_progress', 'done'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/**
 * An `Idempotency-Key` a user sent with a creating request, and the first answer to it, so a
 * retry replays that answer instead of acting twice. Scoped per user; purged after 24 h.
 */
@Entity('idempotency_keys')
@Index('IDX_idempotency_keys_expires_at', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** sha256 of the route and the validated body: another body under the same key is 422. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({
    type: 'enum',
    enum: IDEMPOTENCY_STATES,
    enumName: 'idempotency_state',
    default: 'in_progress',
  })
  state: IdempotencyState;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
