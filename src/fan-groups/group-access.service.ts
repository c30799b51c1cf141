import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { FanGroupEntity } from './fan-group.entity.js';
import { GroupMembershipEntity } from './group-membership.entity.js';
import { type GroupRole, roleAtLeast } from './group-role.js';

/** The one place that answers "may this user do X in this group" for every module. */
@Injectable()
export class GroupAccess {
  constructor(
    @InjectRepository(GroupMembershipEntity)
    private readonly memberships: Repository<GroupMembershipEntity>,
    @InjectRepository(FanGroupEntity) private readonly groups: Repository<FanGroupEntity>,
  ) {}

  /**
   * The caller's role in the group, or null (also for anonymous callers). Pass the
   * transaction's `manager` to read it under a lock the transaction already holds.
   */
  async roleOf(
    groupId: string,
    userId: string | undefined,
    manager?: EntityManager,
  ): Promise<GroupRole | null> {
    if (!userId) return null;
    const row = await (manager?.getRepository(GroupMembershipEntity) ?? this.memberships).findOne({
      select: { role: true },
      where: { groupId, userId },
    });
    return row?.role ?? null;
  }

  async has(
    groupId: string,
    userId: string | undefined,
    min: GroupRole,
    manager?: EntityManager,
  ): Promise<boolean> {
    return roleAtLeast(await this.roleOf(groupId, userId, manager), min);
  }

  /**
   * Requires at least `min` in a group the caller already knows exists (groups are public):
   * 404 if the group does not exist, 403 if the role is too low.
   */
  async require(
    groupId: string,
    userId: string,
    min: GroupRole,
    manager?: EntityManager,
  ): Promise<GroupRole> {
    const role = await this.roleOf(groupId, userId, manager);
    if (roleAtLeast(role, min)) return role!;
    const groups = manager?.getRepository(FanGroupEntity) ?? this.groups;
    if (!(await groups.existsBy({ id: groupId }))) {
      throw new NotFoundException('Fan group not found');
    }
    throw new ForbiddenException(`Only a group ${min} may do this`);
  }
}
