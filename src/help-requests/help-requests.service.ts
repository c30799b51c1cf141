import { LANGUAGES } from '../common/locale.js';
import type { Translations } from '../common/translations.js';
import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Repository, type SelectQueryBuilder } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { AppConflict } from '../common/app-exception.js';
import { type Page, page, type PaginationQueryDto } from '../common/pagination.js';
import { EventEntity } from '../events/event.entity.js';
import { FanGroupEntity } from '../fan-groups/fan-group.entity.js';
import { GroupAccess } from '../fan-groups/group-access.service.js';
import { GroupMembershipEntity } from '../fan-groups/group-membership.entity.js';
import { type GroupRole, roleAtLeast } from '../fan-groups/group-role.js';
import { MailService } from '../mail/mail.service.js';
import type { MailKind } from '../mail/mail.types.js';
import { type CommentResponseDto, type CreateCommentDto } from './dto/comment.dto.js';
import type { CreateHelpRequestDto } from './dto/create-help-request.dto.js';
import type {
  GroupHelpRequestQueryDto,
  MyHelpRequestQueryDto,
} from './dto/help-request-query.dto.js';
import {
  type GroupHelpRequestDto,
  type HelpRequestListItemDto,
  type HelpRequestResponseDto,
  type SuggestedAssigneeDto,
  toHelpRequestListItem,
  toHelpRequestResponse,
} from './dto/help-request-response.dto.js';
import type { UpdateHelpRequestDto } from './dto/update-help-request.dto.js';
import { HelpRequestCommentEntity } from './help-request-comment.entity.js';
import { HelpRequestHistoryEntity } from './help-request-history.entity.js';
import { checkTransition, type HelpActor, isTerminal } from './help-request-status.js';
import { HelpRequestEntity } from './help-request.entity.js';

const NOT_FOUND = 'Help request not found';

/** Suggested assignees shown per request in the group's inbox. */
const MAX_SUGGESTED = 5;

/**
 * The group's volunteers and organizers who speak at least one language, each with their open
 * requests in the group, fewest first (ties: name, id). `$2` filters on a list of languages
 * (null: everyone who speaks any), `$3` leaves one user out (the requester).
 */
const HELPERS_SQL = `
SELECT u.id, u.display_name, u.spoken_languages, m.role,
       (SELECT count(*)::int FROM help_requests h
         WHERE h.group_id = m.group_id AND h.assignee_id = u.id
           AND h.status IN ('open', 'in_progress')) AS open_assignments
  FROM group_memberships m
  JOIN users u ON u.id = m.user_id AND u.deleted_at IS NULL
 WHERE m.group_id = $1 AND m.role IN ('volunteer', 'organizer')
   AND cardinality(u.spoken_languages) > 0
   AND ($2::varchar[] IS NULL OR u.spoken_languages && $2::varchar[])
   AND ($3::uuid IS NULL OR u.id <> $3::uuid)
 ORDER BY open_assignments, u.display_name, u.id`;

interface HelperRow {
  id: string;
  display_name: string;
  spoken_languages: string[];
  role: 'volunteer' | 'organizer';
  open_assignments: number;
}

/** What an e-mail about a request may carry: ids, names and statuses, never its details. */
interface MailContext {
  requestId: string;
  requestType: HelpRequestEntity['type'];
  groupName: string;
  eventTitle: string | null;
  /** The group's name and the event's title in other languages (see localizeMailData). */
  i18n: Translations<'groupName' | 'eventTitle'>;
}

@Injectable()
export class HelpRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(HelpRequestEntity)
    private readonly requests: Repository<HelpRequestEntity>,
    @InjectRepository(HelpRequestHistoryEntity)
    private readonly history: Repository<HelpRequestHistoryEntity>,
    @InjectRepository(HelpRequestCommentEntity)
    private readonly comments: Repository<HelpRequestCommentEntity>,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(FanGroupEntity) private readonly groups: Repository<FanGroupEntity>,
    private readonly access: GroupAccess,
    private readonly mail: MailService,
  ) {}

  async create(
    userId: string,
    groupId: string,
    dto: CreateHelpRequestDto,
  ): Promise<HelpRequestResponseDto> {
    const group = await this.groups.findOne({
      select: { id: true, name: true, autoAssignHelp: true },
      where: { id: groupId },
    });
    if (!group) throw new NotFoundException('Fan group not found');
    if (dto.eventId) await this.assertEventOfGroup(dto.eventId, groupId, userId);
    let mailed = false;
    const id = await this.dataSource.transaction(async (manager) => {
      const assigneeId = group.autoAssignHelp
        ? await this.pickAssignee(manager, groupId, userId)
        : null;
      const saved = await manager.save(
        manager.create(HelpRequestEntity, {
          groupId,
          requesterId: userId,
          eventId: dto.eventId ?? null,
          type: dto.type,
          message: dto.message,
          ticketQuantity: dto.ticket?.quantity ?? null,
          maxBudget: dto.ticket?.maxBudget ?? null,
          checkIn: dto.accommodation?.checkIn ?? null,
          checkOut: dto.accommodation?.checkOut ?? null,
          guests: dto.accommodation?.guests ?? null,
          maxBudgetPerNight: dto.accommodation?.maxBudgetPerNight ?? null,
          currency: dto.ticket?.currency ?? dto.accommodation?.currency ?? null,
          status: 'open',
          assigneeId,
        }),
      );
      await this.addHistory(manager, {
        requestId: saved.id,
        actorId: userId,
        action: 'created',
        toStatus: 'open',
      });
      if (assigneeId) {
        // The group assigned it (no acting person): the e-mail names the group.
        const entry = await this.addHistory(manager, {
          requestId: saved.id,
          actorId: null,
          action: 'assigned',
          assigneeId,
        });
        await this.enqueue(
          manager,
          'help_request_assigned',
          assigneeId,
          { ...(await this.mailContext(manager, saved)), actorName: group.name },
          `help_request_assigned:${entry.id}`,
        );
        mailed = true;
      }
      return saved.id;
    });
    if (mailed) this.mail.kick();
    return this.load(id, userId);
  }

  /**
   * The first suggested assignee for a new request of `requesterId`: a volunteer or organizer
   * of the group who speaks one of the requester's languages, fewest open requests first.
   * Auto-assignments of one group queue on a transaction lock, so each sees the counts the
   * previous one left and requests spread over the speakers. The pick's membership is
   * share-locked: a concurrent demotion waits for this assignment, or this sees it.
   */
  private async pickAssignee(
    manager: EntityManager,
    groupId: string,
    requesterId: string,
  ): Promise<string | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `help-auto-assign:${groupId}`,
    ]);
    const [requester] = await manager.query<{ spoken_languages: string[] }[]>(
      'SELECT spoken_languages FROM users WHERE id = $1',
      [requesterId],
    );
    const languages = requester?.spoken_languages ?? [];
    if (languages.length === 0) return null;
    const [first] = await manager.query<HelperRow[]>(`${HELPERS_SQL} LIMIT 1`, [
      groupId,
      languages,
      requesterId,
    ]);
    if (!first) return null;
    await this.assertAssignable(manager, groupId, first.id);
    return first.id;
  }

  async get(userId: string, requestId: string): Promise<HelpRequestResponseDto> {
    const request = await this.requests.findOneBy({ id: requestId });
    if (!request || (await this.actorsOf(request, userId)).size === 0) {
      throw new NotFoundException(NOT_FOUND);
    }
    return this.load(requestId, userId);
  }

  /** Organizers see every request of the group, volunteers those assigned to them. */
  async listForGroup(
    userId: string,
    groupId: string,
    query: GroupHelpRequestQueryDto,
  ): Promise<Page<GroupHelpRequestDto>> {
    const role = await this.access.require(groupId, userId, 'volunteer');
    const qb = this.listQuery(query).where('r.group_id = :groupId', { groupId });
    if (role !== 'organizer') qb.andWhere('r.assignee_id = :userId', { userId });
    if (query.type) qb.andWhere('r.type = :type', { type: query.type });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.eventId) qb.andWhere('r.event_id = :eventId', { eventId: query.eventId });
    if (query.requesterLanguage) {
      qb.andWhere('requester.language = :language', { language: query.requesterLanguage });
    }
    if (query.assigneeId) {
      qb.andWhere('r.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    }
    const [items, total] = await qb.getManyAndCount();
    const roles = new Map([[groupId, role]]);
    // One query for the page: the group's helpers, matched to each requester in memory.
    const helpers = items.length
      ? await this.dataSource.query<HelperRow[]>(HELPERS_SQL, [groupId, null, null])
      : [];
    return page(
      items.map((r): GroupHelpRequestDto => {
        const wanted = r.requester?.spokenLanguages ?? [];
        const suggestedAssignees = helpers
          .filter((h) => h.id !== r.requesterId)
          .map(
            (h): SuggestedAssigneeDto => ({
              id: h.id,
              displayName: h.display_name,
              role: h.role,
              sharedLanguages: wanted.filter((l) => h.spoken_languages.includes(l)),
              openAssignments: h.open_assignments,
            }),
          )
          .filter((h) => h.sharedLanguages.length > 0)
          .slice(0, MAX_SUGGESTED);
        return { ...toHelpRequestListItem(r, actorsFor(r, userId, roles)), suggestedAssignees };
      }),
      total,
      query,
    );
  }

  async listMine(
    userId: string,
    query: MyHelpRequestQueryDto,
  ): Promise<Page<HelpRequestListItemDto>> {
    const qb = this.listQuery(query).where('r.requester_id = :userId', { userId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const [items, total] = await qb.getManyAndCount();
    // The requester may also staff the group (an organizer asking their own group).
    const groupIds = [...new Set(items.map((r) => r.groupId))];
    const memberships =
      groupIds.length === 0
        ? []
        : await this.dataSource.getRepository(GroupMembershipEntity).find({
            select: { groupId: true, role: true },
            where: { userId, groupId: In(groupIds) },
          });
    const roles = new Map(memberships.map((m) => [m.groupId, m.role]));
    return page(
      items.map((r) => toHelpRequestListItem(r, actorsFor(r, userId, roles))),
      total,
      query,
    );
  }

  /**
   * Assignment and status changes, under a row lock so that two callers (a volunteer resolving,
   * the requester cancelling) cannot both move the same request.
   */
  async edit(
    userId: string,
    requestId: string,
    dto: UpdateHelpRequestDto,
  ): Promise<HelpRequestResponseDto> {
    if (dto.assigneeId === undefined && dto.status === undefined) {
      throw new BadRequestException('Nothing to change: give assigneeId and/or status');
    }
    const changed = await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(HelpRequestEntity, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw new NotFoundException(NOT_FOUND);
      const actors = await this.actorsOf(request, userId);
      if (actors.size === 0) throw new NotFoundException(NOT_FOUND);

      const mails: { kind: MailKind; to: string; data: Record<string, unknown>; key: string }[] =
        [];
      const assign = dto.assigneeId !== undefined && dto.assigneeId !== request.assigneeId;
      if (dto.assigneeId !== undefined) {
        if (!actors.has('organizer')) {
          throw new ForbiddenException('Only a group organizer may assign a help request');
        }
        if (assign && isTerminal(request.status)) {
          throw new AppConflict(
            'REQUEST_CLOSED',
            `A ${request.status} help request cannot be reassigned`,
          );
        }
      }
      if (assign && dto.assigneeId) {
        await this.assertAssignable(manager, request.groupId, dto.assigneeId);
      }
      if (dto.status !== undefined) {
        const verdict = checkTransition(request.status, dto.status, actors);
        if (verdict === 'forbidden') {
          throw new ForbiddenException(this.forbiddenStatusMessage(actors));
        }
        if (verdict === 'invalid') {
          throw new AppConflict(
            'INVALID_TRANSITION',
            `A help request cannot go from ${request.status} to ${dto.status}`,
            { from: request.status, to: dto.status },
          );
        }
      }

      if (assign) {
        const previous = request.assigneeId;
        request.assigneeId = dto.assigneeId ?? null;
        const entry = await this.addHistory(manager, {
          requestId,
          actorId: userId,
          action: request.assigneeId ? 'assigned' : 'unassigned',
          assigneeId: request.assigneeId,
          previousAssigneeId: previous,
        });
        // No mail to an organizer who takes the request themselves: they know.
        if (request.assigneeId && request.assigneeId !== userId) {
          mails.push({
            kind: 'help_request_assigned',
            to: request.assigneeId,
            data: {},
            key: `help_request_assigned:${entry.id}`,
          });
        }
      }
      if (dto.status !== undefined) {
        const from = request.status;
        request.status = dto.status;
        const entry = await this.addHistory(manager, {
          requestId,
          actorId: userId,
          action: 'status',
          fromStatus: from,
          toStatus: dto.status,
        });
        mails.push({
          kind: 'help_request_status',
          to: request.requesterId,
          data: { fromStatus: from, toStatus: dto.status },
          key: `help_request_status:${entry.id}`,
        });
      }
      if (!assign && dto.status === undefined) return false;
      // The lock is held: a plain UPDATE of the two fields that change.
      await manager.update(
        HelpRequestEntity,
        { id: requestId },
        { assigneeId: request.assigneeId, status: request.status },
      );
      if (mails.length > 0) {
        const context = await this.mailContext(manager, request);
        const actorName = await this.displayName(manager, userId);
        for (const m of mails) {
          await this.enqueue(manager, m.kind, m.to, { ...context, ...m.data, actorName }, m.key);
        }
      }
      return mails.length > 0;
    });
    if (changed) this.mail.kick();
    return this.load(requestId, userId);
  }

  async addComment(
    userId: string,
    requestId: string,
    dto: CreateCommentDto,
  ): Promise<CommentResponseDto> {
    const request = await this.requests.findOneBy({ id: requestId });
    if (!request || (await this.actorsOf(request, userId)).size === 0) {
      throw new NotFoundException(NOT_FOUND);
    }
    const { commentId, mailed } = await this.dataSource.transaction(async (manager) => {
      const comment = await manager.save(
        manager.create(HelpRequestCommentEntity, { requestId, authorId: userId, body: dto.body }),
      );
      // The requester hears about others' comments; the assignee about the requester's.
      let to: string | null = null;
      if (userId !== request.requesterId) {
        to = request.requesterId;
      } else if (
        request.assigneeId &&
        request.assigneeId !== userId &&
        (await this.access.has(request.groupId, request.assigneeId, 'volunteer'))
      ) {
        to = request.assigneeId;
      }
      if (!to) return { commentId: comment.id, mailed: false };
      const data = {
        ...(await this.mailContext(manager, request)),
        commentId: comment.id,
        authorName: await this.displayName(manager, userId),
        // Which page the e-mail links to: the fan's request, or the organizers' workflow.
        audience: to === request.requesterId ? 'requester' : 'assignee',
      };
      await this.enqueue(
        manager,
        'help_request_comment',
        to,
        data,
        `help_request_comment:${comment.id}:${to}`,
      );
      return { commentId: comment.id, mailed: true };
    });
    if (mailed) this.mail.kick();
    const saved = await this.commentQuery()
      .where('c.id = :commentId', { commentId })
      .getOneOrFail();
    return toCommentResponse(saved);
  }

  async listComments(
    userId: string,
    requestId: string,
    query: PaginationQueryDto,
  ): Promise<Page<CommentResponseDto>> {
    const request = await this.requests.findOneBy({ id: requestId });
    if (!request || (await this.actorsOf(request, userId)).size === 0) {
      throw new NotFoundException(NOT_FOUND);
    }
    const [items, total] = await this.commentQuery()
      .where('c.request_id = :requestId', { requestId })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset)
      .getManyAndCount();
    return page(items.map(toCommentResponse), total, query);
  }

  /**
   * The caller's parts in this request. The assignee only counts while still a volunteer or
   * organizer of the group: someone demoted or removed loses access with the role.
   */
  async actorsOf(request: HelpRequestEntity, userId: string): Promise<Set<HelpActor>> {
    const role = await this.access.roleOf(request.groupId, userId);
    return actorsFor(request, userId, new Map([[request.groupId, role]]));
  }

  /**
   * The event must be one of this group's that the requester can see; an unknown id, another
   * group's event and a draft hidden from the requester all get the same 400, so nothing
   * leaks about events the caller may not know.
   */
  private async assertEventOfGroup(eventId: string, groupId: string, userId: string) {
    const event = await this.events.findOne({
      select: { id: true, groupId: true, status: true },
      where: { id: eventId },
    });
    const visible =
      event &&
      event.groupId === groupId &&
      (event.status !== 'draft' || (await this.access.has(groupId, userId, 'member')));
    if (!visible) throw new BadRequestException('eventId must be an event of this fan group');
    if (event.status === 'cancelled') {
      throw new AppConflict('EVENT_CANCELLED', 'The event is cancelled');
    }
  }

  /** 400 (not 409): the body names someone who cannot take the request, whatever its state. */
  private async assertAssignable(manager: EntityManager, groupId: string, assigneeId: string) {
    // FOR SHARE: a concurrent demotion waits for this assignment, or this sees its result.
    const membership = await manager.findOne(GroupMembershipEntity, {
      select: { role: true, groupId: true, userId: true },
      where: { groupId, userId: assigneeId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!roleAtLeast(membership?.role, 'volunteer')) {
      throw new BadRequestException('assigneeId must be an organizer or volunteer of the group');
    }
  }

  private forbiddenStatusMessage(actors: Set<HelpActor>): string {
    if (actors.has('organizer')) return 'Only the requester may cancel a help request';
    if (actors.has('assignee')) {
      return 'The assignee may start or resolve a help request; declining is for organizers';
    }
    return 'The requester may only cancel a help request';
  }

  private async addHistory(
    manager: EntityManager,
    entry: Partial<HelpRequestHistoryEntity> & Pick<HelpRequestHistoryEntity, 'requestId'>,
  ): Promise<HelpRequestHistoryEntity> {
    return manager.save(
      manager.create(HelpRequestHistoryEntity, {
        actorId: null,
        fromStatus: null,
        toStatus: null,
        assigneeId: null,
        previousAssigneeId: null,
        ...entry,
      }),
    );
  }

  private async mailContext(
    manager: EntityManager,
    request: HelpRequestEntity,
  ): Promise<MailContext> {
    const group = await manager.findOne(FanGroupEntity, {
      select: { id: true, name: true, translations: true },
      where: { id: request.groupId },
    });
    const event = request.eventId
      ? await manager.findOne(EventEntity, {
          select: { id: true, title: true, translations: true },
          where: { id: request.eventId },
        })
      : null;
    const i18n: MailContext['i18n'] = {};
    for (const lang of LANGUAGES) {
      const texts = {
        ...(group?.translations[lang]?.name ? { groupName: group.translations[lang].name } : {}),
        ...(event?.translations[lang]?.title ? { eventTitle: event.translations[lang].title } : {}),
      };
      if (Object.keys(texts).length > 0) i18n[lang] = texts;
    }
    return {
      requestId: request.id,
      requestType: request.type,
      groupName: group?.name ?? '',
      eventTitle: event?.title ?? null,
      i18n,
    };
  }

  private async displayName(manager: EntityManager, userId: string): Promise<string> {
    const user = await manager.findOne(UserEntity, {
      select: { id: true, displayName: true },
      where: { id: userId },
    });
    return user?.displayName ?? '';
  }

  /** One outbox row in the recipient's language; a deleted account gets nothing. */
  private async enqueue(
    manager: EntityManager,
    kind: MailKind,
    userId: string,
    data: Record<string, unknown>,
    dedupeKey: string,
  ): Promise<void> {
    const user = await manager.findOne(UserEntity, {
      select: { id: true, language: true, deletedAt: true },
      where: { id: userId },
    });
    if (!user || user.deletedAt) return;
    await this.mail.enqueue(manager, {
      kind,
      userId,
      language: user.language as 'en' | 'ru' | 'kk',
      data,
      dedupeKey,
    });
  }

  /** The request as `userId` sees it (with the moves they may make). */
  private async load(requestId: string, userId: string): Promise<HelpRequestResponseDto> {
    const request = await this.withPeople(this.requests.createQueryBuilder('r'))
      .where('r.id = :requestId', { requestId })
      .getOne();
    if (!request) throw new NotFoundException(NOT_FOUND);
    const actors = await this.actorsOf(request, userId);
    const history = await this.history.find({
      where: { requestId },
      order: { at: 'ASC', id: 'ASC' },
    });
    return toHelpRequestResponse(request, history, actors);
  }

  private listQuery(query: PaginationQueryDto): SelectQueryBuilder<HelpRequestEntity> {
    return this.withPeople(this.requests.createQueryBuilder('r'))
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
  }

  private withPeople(
    qb: SelectQueryBuilder<HelpRequestEntity>,
  ): SelectQueryBuilder<HelpRequestEntity> {
    return qb
      .leftJoin('r.requester', 'requester')
      .addSelect([
        'requester.id',
        'requester.displayName',
        'requester.country',
        'requester.language',
        'requester.spokenLanguages',
      ])
      .leftJoin('r.assignee', 'assignee')
      .addSelect([
        'assignee.id',
        'assignee.displayName',
        'assignee.country',
        'assignee.spokenLanguages',
      ]);
  }

  private commentQuery(): SelectQueryBuilder<HelpRequestCommentEntity> {
    return this.comments
      .createQueryBuilder('c')
      .leftJoin('c.author', 'author')
      .addSelect(['author.id', 'author.displayName']);
  }
}

/**
 * The caller's parts in a request, given their role in its group. The assignee only counts
 * while still a volunteer or organizer of the group: someone demoted or removed loses access
 * with the role.
 */
function actorsFor(
  request: HelpRequestEntity,
  userId: string,
  roles: ReadonlyMap<string, GroupRole | null>,
): Set<HelpActor> {
  const actors = new Set<HelpActor>();
  const role = roles.get(request.groupId) ?? null;
  if (request.requesterId === userId) actors.add('requester');
  if (role === 'organizer') actors.add('organizer');
  if (request.assigneeId === userId && roleAtLeast(role, 'volunteer')) actors.add('assignee');
  return actors;
}

export function toCommentResponse(c: HelpRequestCommentEntity): CommentResponseDto {
  return {
    id: c.id,
    requestId: c.requestId,
    author: c.author ? { id: c.author.id, displayName: c.author.displayName } : null,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
  };
}
