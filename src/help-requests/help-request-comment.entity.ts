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
import { HelpRequestEntity } from './help-request.entity.js';

@Entity('help_request_comments')
// The thread is read oldest first, per request.
@Index('IDX_help_request_comments_request_created', ['requestId', 'createdAt'])
// A user's own comments across requests: their data export and account deletion.
@Index('IDX_help_request_comments_author', ['authorId'])
export class HelpRequestCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => HelpRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<HelpRequestEntity>;

  /** Null once the author's account is gone; the thread keeps its shape. */
  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 4000 })
  body: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
