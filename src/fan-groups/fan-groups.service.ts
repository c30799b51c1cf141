import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, In, Repository } from 'typeorm';
import type { Language } from '../common/locale.js';
import { mergeTranslations } from '../common/translations.js';
import { UserEntity } from '../auth/user.entity.js';
import { AppConflict } from '../common/app-exception.js';
import { type Page, page } from '../common/pagination.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import type { CreateFanGroupDto, UpdateFanGroupDto } from './dto/create-fan-group.dto.js';
import type {
  FanGroupQueryDto,
  MemberQueryDto,
  MyGroupsQueryDto,
} from './dto/fan-group-query.dto.js';
import {
  type FanGroupResponseDto,
  type MyGroupDto,
  toFanGroupResponse,
} from './dto/fan-group-response.dto.js';
import type { MemberResponseDto, MembershipResponseDto } from './dto/membership.dto.js';
import { FanGroupEntity } from './fan-group.entity.js';
import { GroupAccess } from './group-access.service.js';
import { GroupMembershipEntity } from './group-membership.entity.js';
import { GROUP_ROLES, type GroupRole, roleAtLeast } from './group-role.js';
import { slugify } from './slug.js';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class FanGroupsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(FanGroupEntity) private readonly groups: Repository<FanGroupEntity>,
    @InjectRepository(GroupMembershipEntity)
    private readonly memberships: Repository<GroupMembershipEntity>,
    private readonly access: GroupAccess,
  ) {}

  async create(
    userId: string,
    dto: CreateFanGroupDto,
    language: Language | null = null,
  ): Promise<FanGroupResponseDto> {
    const base = slugify(dto.name);
    // A taken slug gets a short random suffix; a handful of tries is plenty.
    for (let attempt = 0; ; attempt++) {
      const slug = attempt === 0 ? base : `${base.slice(0, 52)}-${randomBytes(3).toString('hex')}`;
      try {
        const group = await this.dataSource.transaction(async (manager) => {
          const created = await manager.save(
            manager.create(FanGroupEntity, {
              name: dto.name,
              slug,
              description: dto.description ?? null,
              translations: mergeTranslations({}, dto.translations),
              country: dto.country ?? null,
              city: dto.city ?? null,
              languages: dto.languages ?? [],
              autoAssignHelp: dto.autoAssignHelp ?? false,
            }),
          );
          await manager.insert(GroupMembershipEntity, {
            groupId: created.id,
            userId,
            role: 'organizer',
          });
          return created;
        });
        return toFanGroupResponse(group, 1, { language, organizer: true });
      } catch (err) {
        if (attempt < 5 && isUniqueViolation(err, 'UQ_fan_groups_slug')) continue;
        throw err;
      }
    }
  }

  /** Public list in the reader's language; search matches the name in any language, or the city. */
  async list(
    query: FanGroupQueryDto,
    language: Language | null = null,
    userId?: string,
  ): Promise<Page<FanGroupResponseDto>> {
    const qb = this.groups
      .createQueryBuilder('g')
      .addSelect(
        (sub) =>
          sub.select('count(*)::int').from(GroupMembershipEntity, 'm').where('m.group_id = g.id'),
        'member_count',
      )
      .orderBy('g.name', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (query.search) {
      qb.where(
        `(g.name ILIKE :q ESCAPE '\\' OR g.city ILIKE :q ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM jsonb_each(g.translations) t
                      WHERE t.value ->> 'name' ILIKE :q ESCAPE '\\'))`,
        { q: `%${escapeLike(query.search)}%` },
      );
    }
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const counts = new Map(
      (raw as { g_id: string; member_count: number }[]).map((r) => [r.g_id, r.member_count]),
    );
    const organizes = await this.organizedAmong(
      userId,
      entities.map((g) => g.id),
    );
    return page(
      entities.map((g) =>
        toFanGroupResponse(g, counts.get(g.id) ?? 0, {
          language,
          organizer: organizes.has(g.id),
        }),
      ),
      total,
      query,
    );
  }

  async get(
    groupId: string,
    language: Language | null = null,
    userId?: string,
  ): Promise<FanGroupResponseDto> {
    return this.withMemberCount(await this.groups.findOneBy({ id: groupId }), language, userId);
  }

  /** The group whose page address (`/groups/:slug`) carries this slug. */
  async getBySlug(
    slug: string,
    language: Language | null = null,
    userId?: string,
  ): Promise<FanGroupResponseDto> {
    return this.withMemberCount(await this.groups.findOneBy({ slug }), language, userId);
  }

  private async withMemberCount(
    group: FanGroupEntity | null,
    language: Language | null,
    userId: string | undefined,
  ): Promise<FanGroupResponseDto> {
    if (!group) throw new NotFoundException('Fan group not found');
    const [memberCount, organizes] = await Promise.all([
      this.memberships.countBy({ groupId: group.id }),
      this.organizedAmong(userId, [group.id]),
    ]);
    return toFanGroupResponse(group, memberCount, {
      language,
      organizer: organizes.has(group.id),
    });
  }

  /** Which of these groups the caller organizes (they see every language's texts). */
  private async organizedAmong(
    userId: string | undefined,
    groupIds: string[],
  ): Promise<Set<string>> {
    if (!userId || groupIds.length === 0) return new Set();
    const rows = await this.memberships.find({
      select: { groupId: true },
      where: { userId, groupId: In(groupIds), role: 'organizer' },
    });
    return new Set(rows.map((r) => r.groupId));
  }

  /**
   * The caller's groups with their role in each: organizer first, then volunteer, then
   * member, each by name. One query for the page (member counts by subquery), one for the total.
   */
  async listMine(
    userId: string,
    query: MyGroupsQueryDto,
    language: Language | null = null,
  ): Promise<Page<MyGroupDto>> {
    const qb = this.groups
      .createQueryBuilder('g')
      .innerJoin(GroupMembershipEntity, 'mine', 'mine.group_id = g.id AND mine.user_id = :userId', {
        userId,
      })
      .addSelect('mine.role', 'my_role')
      .addSelect(
        (sub) =>
          sub.select('count(*)::int').from(GroupMembershipEntity, 'm').where('m.group_id = g.id'),
        'member_count',
      )
      .orderBy("array_position(ARRAY['organizer','volunteer','member']::group_role[], mine.role)")
      .addOrderBy('g.name', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (query.role) qb.andWhere('mine.role = :role', { role: query.role });
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const extra = new Map(
      (raw as { g_id: string; my_role: GroupRole; member_count: number }[]).map((r) => [r.g_id, r]),
    );
    return page(
      entities.map((g) => ({
        group: toFanGroupResponse(g, extra.get(g.id)!.member_count, {
          language,
          organizer: extra.get(g.id)!.my_role === 'organizer',
        }),
        role: extra.get(g.id)!.my_role,
      })),
      total,
      query,
    );
  }

  async edit(
    userId: string,
    groupId: string,
    dto: UpdateFanGroupDto,
    language: Language | null = null,
  ): Promise<FanGroupResponseDto> {
    await this.access.require(groupId, userId, 'organizer');
    const group = await this.groups.findOneByOrFail({ id: groupId });
    if (dto.name !== undefined) group.name = dto.name;
    if (dto.description !== undefined) group.description = dto.description;
    if (dto.country !== undefined) group.country = dto.country;
    if (dto.city !== undefined) group.city = dto.city;
    if (dto.languages !== undefined) group.languages = dto.languages;
    if (dto.translations !== undefined) {
      // null drops every translation; an object is merged (see mergeTranslations).
      group.translations = dto.translations
        ? mergeTranslations(group.translations, dto.translations)
        : {};
    }
    if (dto.autoAssignHelp !== undefined) group.autoAssignHelp = dto.autoAssignHelp;
    await this.groups.save(group);
    return this.get(groupId, language, userId);
  }

  async join(userId: string, groupId: string): Promise<MembershipResponseDto> {
    if (!(await this.groups.existsBy({ id: groupId }))) {
      throw new NotFoundException('Fan group not found');
    }
    const result = await this.memberships
      .createQueryBuilder()
      .insert()
      .values({ groupId, userId, role: 'member' })
      .orIgnore()
      .execute();
    if (result.identifiers.length === 0 || (result.raw as unknown[]).length === 0) {
      throw new AppConflict('ALREADY_MEMBER', 'You are already a member of this group');
    }
    return { groupId, userId, role: 'member' };
  }

  async members(
    userId: string,
    groupId: string,
    query: MemberQueryDto,
  ): Promise<Page<MemberResponseDto>> {
    await this.access.require(groupId, userId, 'member');
    const qb = this.memberships
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
      .where('m.group_id = :groupId', { groupId });
    if (query.minRole) {
      qb.andWhere('m.role IN (:...roles)', {
        roles: GROUP_ROLES.filter((r) => roleAtLeast(r, query.minRole!)),
      });
    }
    if (query.search) {
      qb.andWhere("u.display_name ILIKE :q ESCAPE '\\'", { q: `%${escapeLike(query.search)}%` });
    }
    const rows = qb
      .clone()
      .select([
        'm.user_id AS "userId"',
        'u.display_name AS "displayName"',
        'u.country AS "country"',
      ])
      .addSelect('m.role', 'role')
      .orderBy("array_position(ARRAY['organizer','volunteer','member']::group_role[], m.role)")
      .addOrderBy('m.joined_at', 'ASC')
      .addOrderBy('m.user_id', 'ASC')
      .limit(query.limit)
      .offset(query.offset)
      .getRawMany<MemberResponseDto>();
    const [items, total] = await Promise.all([rows, qb.getCount()]);
    return page(items, total, query);
  }

  async setRole(
    actorId: string,
    groupId: string,
    userId: string,
    role: GroupRole,
  ): Promise<MembershipResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockGroup(manager, groupId);
      // Checked under the lock: an organizer demoted a moment ago may no longer act as one.
      await this.access.require(groupId, actorId, 'organizer', manager);
      // A share lock waits for an account deletion in flight and then sees it deleted.
      const user = await manager.findOne(UserEntity, {
        where: { id: userId },
        lock: { mode: 'pessimistic_read' },
      });
      if (!user || user.deletedAt) throw new NotFoundException('User not found');
      const current = await manager.findOneBy(GroupMembershipEntity, { groupId, userId });
      if (current?.role === 'organizer' && role !== 'organizer') {
        await this.assertNotLastOrganizer(manager, groupId);
      }
      await manager.upsert(GroupMembershipEntity, { groupId, userId, role }, ['groupId', 'userId']);
    });
    return { groupId, userId, role };
  }

  async removeMember(actorId: string, groupId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockGroup(manager, groupId);
      if (actorId !== userId) await this.access.require(groupId, actorId, 'organizer', manager);
      const current = await manager.findOneBy(GroupMembershipEntity, { groupId, userId });
      if (!current) throw new NotFoundException('Not a member of this group');
      if (current.role === 'organizer') await this.assertNotLastOrganizer(manager, groupId);
      await manager.delete(GroupMembershipEntity, { groupId, userId });
    });
  }

  /** Serialises role changes of one group, so two organizers cannot both step down at once. */
  private async lockGroup(manager: EntityManager, groupId: string): Promise<void> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM fan_groups WHERE id = $1 FOR UPDATE',
      [groupId],
    );
    if (rows.length === 0) throw new NotFoundException('Fan group not found');
  }

  private async assertNotLastOrganizer(manager: EntityManager, groupId: string): Promise<void> {
    const organizers = await manager.countBy(GroupMembershipEntity, { groupId, role: 'organizer' });
    if (organizers <= 1) {
      throw new AppConflict('LAST_ORGANIZER', 'A group must keep at least one organizer');
    }
  }
}
