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
import { FanGroupEntity } from './fan-group.entity.js';
import type { GroupRole } from './group-role.js';

@Entity('group_memberships')
@Index('IDX_group_memberships_user', ['userId'])
export class GroupMembershipEntity {
  @PrimaryColumn('uuid')
  groupId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'enum', enum: ['member', 'volunteer', 'organizer'], enumName: 'group_role' })
  role: GroupRole;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;

  @ManyToOne(() => FanGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: Relation<FanGroupEntity>;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;
}
