import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import { type Page, page, type PaginationQueryDto } from '../common/pagination.js';
import type { TypedConfigService } from '../config/app-config.js';
import { PG, pgError } from '../database/pg-errors.js';
import type { EventEntity } from '../events/event.entity.js';
import { EventHooks } from '../events/event-hooks.js';
import { EventsService } from '../events/events.service.js';
import { GroupAccess } from '../fan-groups/group-access.service.js';
import { GroupMembershipEntity } from '../fan-groups/group-membership.entity.js';
import { type GroupRole, roleAtLeast } from '../fan-groups/group-role.js';
import { MailService } from '../mail/mail.service.js';
import type { TaskMailData, TaskRescheduledData } from '../mail/templates/task-mail.js';
import { LANGUAGES, type Language } from '../common/locale.js';
import { mergeTranslations } from '../common/translations.js';
import type { CreateTaskDto, UpdateTaskDto } from './dto/create-task.dto.js';
import type { MyTasksQueryDto, OpenTasksQueryDto } from './dto/my-tasks-query.dto.js';
import {
  type AssignmentResponseDto,
  type CandidateState,
  type MyTaskResponseDto,
  type OpenTaskResponseDto,
  type TaskCandidateDto,
  type TaskClashDto,
  type TaskAssigneeDto,
  type TaskResponseDto,
  type TaskView,
  toMyTaskResponse,
  toTaskResponse,
} from './dto/task-response.dto.js';
import { ASSIGNMENT_OVERLAP_CONSTRAINT, TaskAssignmentEntity } from './task-assignment.entity.js';
import { VolunteerTaskEntity } from './volunteer-task.entity.js';

/** The outbox dedupe key of a volunteer's reminder: one reminder per task and volunteer. */
export const reminderKey = (taskId: string, userId: string) => `task-reminder:${taskId}:${userId}`;

/** When a reminder is due: the lead time before start, or at once if that moment has passed. */
export function reminderDueAt(startsAt: Date, leadMs: number, now = new Date()): Date {
  const due = new Date(startsAt.getTime() - leadMs);
  return due < now ? now : due;
}

// The slot is taken and the assignment written in one statement: the conditional UPDATE locks
// the task row, so concurrent sign-ups queue on it and re-check the count after each commit.
const ASSIGN_SQL = `
WITH slot AS (
  UPDATE volunteer_tasks
     SET assigned_count = assigned_count + 1, updated_at = now()
   WHERE id = $1 AND status = 'open' AND assigned_count < volunteers_needed
  RETURNING id, starts_at, ends_at
)
INSERT INTO task_assignments (task_id, user_id, assigned_by, during)
SELECT id, $2, $3, tstzrange(starts_at, ends_at, '[)') FROM slot
RETURNING task_id, user_id, assigned_by, created_at`;

// Another assignment of one of these volunteers whose range overlaps [start, end).
const OVERLAP_SQL = `
SELECT a.user_id, t.id, t.title, t.starts_at, t.ends_at
  FROM task_assignments a
  JOIN volunteer_tasks t ON t.id = a.task_id
 WHERE a.user_id = ANY($1::uuid[]) AND a.task_id <> $2
   AND a.during && tstzrange($3, $4, '[)')
 ORDER BY t.starts_at
 LIMIT 1`;

/**
 * The first other task of a user whose assignment overlaps task `t` in time, as JSON
 * `{taskId, title, startsAt, endsAt}` (or null): the rule of OVERLAP_SQL and the exclusion
 * constraint (`during &&`; a cancelled task's range is empty and overlaps nothing).
 */
const CLASH_SQL = (t: string, user: string) => `
SELECT json_build_object('taskId', ot.id, 'title', ot.title,
    'startsAt', to_char(ot.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'endsAt', to_char(ot.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  FROM task_assignments oa
  JOIN volunteer_tasks ot ON ot.id = oa.task_id
 WHERE oa.user_id = ${user} AND oa.task_id <> ${t}.id
   AND oa.during && tstzrange(${t}.starts_at, ${t}.ends_at, '[)')
 ORDER BY ot.starts_at, ot.id
 LIMIT 1`;

// Rows the relay has not handed to a sender yet can still be moved or withdrawn.
const UNSENT = `status IN ('pending', 'queued')`;

interface Overlap {
  user_id: string;
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
}

interface Recipient {
  user_id: string;
  language: Language;
}

@Injectable()
export class VolunteerTasksService implements OnModuleInit {
  private readonly reminderLeadMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(VolunteerTaskEntity)
    private readonly tasks: Repository<VolunteerTaskEntity>,
    private readonly events: EventsService,
    private readonly access: GroupAccess,
    private readonly hooks: EventHooks,
    private readonly mail: MailService,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.reminderLeadMs = config.get('mail.reminderLeadMinutes', { infer: true }) * 60_000;
  }

  onModuleInit(): void {
    this.hooks.onCancelled((manager, event) => this.cancelTasksOfEvent(manager, event));
  }

  async create(
    userId: string,
    eventId: string,
    dto: CreateTaskDto,
    language: Language | null = null,
  ): Promise<TaskResponseDto> {
    await this.events.findForRole(eventId, userId, 'organizer');
    assertTimes(dto.startsAt, dto.endsAt);
    const task = await this.dataSource.transaction(async (manager) => {
      // KEY SHARE waits for a concurrent cancellation (which locks the row FOR UPDATE) but
      // not for registrations, which only update non-key columns.
      const [event] = await manager.query<{ status: string }[]>(
        'SELECT status FROM events WHERE id = $1 FOR KEY SHARE',
        [eventId],
      );
      if (!event) throw new NotFoundException('Event not found');
      if (event.status === 'cancelled') throw eventCancelled();
      return manager.save(
        manager.create(VolunteerTaskEntity, {
          eventId,
          title: dto.title,
          description: dto.description ?? null,
          location: dto.location ?? null,
          translations: mergeTranslations({}, dto.translations),
          startsAt: dto.startsAt,
          endsAt: dto.endsAt,
          volunteersNeeded: dto.volunteersNeeded,
          status: 'open',
        }),
      );
    });
    return toTaskResponse(task, [], { language, organizer: true });
  }

  /** The event's tasks by start time, each with its assignees (two queries for the page). */
  async listForEvent(
    userId: string,
    eventId: string,
    query: PaginationQueryDto,
    language: Language | null = null,
  ): Promise<Page<TaskResponseDto>> {
    const event = await this.events.findForRole(eventId, userId, 'volunteer');
    const organizer = await this.access.has(event.groupId, userId, 'organizer');
    const [tasks, total] = await this.tasks.findAndCount({
      where: { eventId },
      order: { startsAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const assignees = await this.assigneesOf(tasks.map((t) => t.id));
    return page(
      tasks.map((t) => toTaskResponse(t, assignees.get(t.id) ?? [], { language, organizer })),
      total,
      query,
    );
  }

  async edit(
    userId: string,
    taskId: string,
    dto: UpdateTaskDto,
    language: Language | null = null,
  ): Promise<TaskResponseDto> {
    const { event, role } = await this.loadTask(taskId, userId);
    requireRole(role, 'organizer');
    if (event.status === 'cancelled') throw eventCancelled();
    let moved: { startsAt: Date; endsAt: Date } | undefined;
    try {
      await this.dataSource.transaction(async (manager) => {
        const task = await this.lockTask(manager, taskId);
        if (task.status === 'cancelled') throw eventCancelled();
        if (dto.volunteersNeeded !== undefined && dto.volunteersNeeded < task.assignedCount) {
          throw new AppConflict(
            'SLOTS_BELOW_ASSIGNED',
            `volunteersNeeded cannot go below the ${task.assignedCount} assigned volunteers`,
          );
        }
        const startsAt = dto.startsAt ?? task.startsAt;
        const endsAt = dto.endsAt ?? task.endsAt;
        assertTimes(startsAt, endsAt);
        const previous = { startsAt: task.startsAt, endsAt: task.endsAt };
        const rescheduled =
          startsAt.getTime() !== task.startsAt.getTime() ||
          endsAt.getTime() !== task.endsAt.getTime();
        if (dto.title !== undefined) task.title = dto.title;
        if (dto.description !== undefined) task.description = dto.description;
        if (dto.location !== undefined) task.location = dto.location;
        if (dto.volunteersNeeded !== undefined) task.volunteersNeeded = dto.volunteersNeeded;
        if (dto.translations !== undefined) {
          // null drops every translation; an object is merged (see mergeTranslations).
          task.translations = dto.translations
            ? mergeTranslations(task.translations, dto.translations)
            : {};
        }
        task.startsAt = startsAt;
        task.endsAt = endsAt;
        if (rescheduled) moved = { startsAt, endsAt };
        await manager.save(task);
        if (rescheduled) await this.reschedule(manager, task, event, previous);
      });
    } catch (err) {
      if (moved && pgError(err)?.code === PG.EXCLUSION_VIOLATION) {
        throw await this.rescheduleOverlap(taskId, moved.startsAt, moved.endsAt, err);
      }
      throw err;
    }
    this.mail.kick();
    return this.getTask(taskId, { language, organizer: true });
  }

  /** An organizer puts a volunteer or organizer of the group on the task. */
  async assign(callerId: string, taskId: string, userId: string): Promise<AssignmentResponseDto> {
    const { role } = await this.loadTask(taskId, callerId);
    requireRole(role, 'organizer');
    return this.addAssignment(taskId, userId, callerId);
  }

  /** A volunteer takes a slot. */
  async signUp(userId: string, taskId: string): Promise<AssignmentResponseDto> {
    const { role } = await this.loadTask(taskId, userId);
    requireRole(role, 'volunteer');
    return this.addAssignment(taskId, userId, userId);
  }

  /** An organizer removes anyone; a volunteer removes themselves. */
  async unassign(callerId: string, taskId: string, userId: string): Promise<void> {
    const { event, role } = await this.loadTask(taskId, callerId);
    if (callerId !== userId) requireRole(role, 'organizer');
    if (event.status === 'cancelled') throw eventCancelled();
    await this.dataSource.transaction(async (manager) => {
      const task = await this.lockTask(manager, taskId);
      if (task.status === 'cancelled') throw eventCancelled();
      if (task.status === 'done') {
        throw new AppConflict('TASK_NOT_OPEN', 'A done task keeps its assignees');
      }
      const [removed] = await modifyReturning<Recipient>(
        manager,
        `DELETE FROM task_assignments a USING users u
          WHERE a.task_id = $1 AND a.user_id = $2 AND u.id = a.user_id
        RETURNING a.user_id, u.language`,
        [taskId, userId],
      );
      if (!removed) throw new NotFoundException('Assignment not found');
      await manager.query(
        `UPDATE volunteer_tasks SET assigned_count = assigned_count - 1, updated_at = now()
          WHERE id = $1`,
        [taskId],
      );
      // No reminder for a task the volunteer no longer has.
      await manager.query(`DELETE FROM mail_outbox WHERE dedupe_key = $1 AND ${UNSENT}`, [
        reminderKey(taskId, userId),
      ]);
      await this.mail.enqueue(manager, {
        kind: 'task_unassigned',
        userId,
        language: removed.language,
        data: { ...taskMailData(task, event) },
      });
    });
    this.mail.kick();
  }

  /** An assignee or organizer marks the task done; pending reminders are withdrawn. */
  async complete(
    callerId: string,
    taskId: string,
    language: Language | null = null,
  ): Promise<TaskResponseDto> {
    const { event, role } = await this.loadTask(taskId, callerId);
    if (!roleAtLeast(role, 'organizer')) {
      const assigned = await this.dataSource
        .getRepository(TaskAssignmentEntity)
        .existsBy({ taskId, userId: callerId });
      if (!assigned) {
        throw new ForbiddenException('Only an assignee or a group organizer may complete a task');
      }
    }
    if (event.status === 'cancelled') throw eventCancelled();
    await this.dataSource.transaction(async (manager) => {
      const task = await this.lockTask(manager, taskId);
      if (task.status === 'cancelled') throw eventCancelled();
      if (task.status === 'done') {
        throw new AppConflict('INVALID_TRANSITION', 'The task is already done');
      }
      task.status = 'done';
      await manager.save(task);
      await this.dropUnsentReminders(manager, [taskId]);
    });
    return this.getTask(taskId, { language, organizer: roleAtLeast(role, 'organizer') });
  }

  /** The caller's assigned tasks in every group, by start time, with their events. */
  async listMine(
    userId: string,
    query: MyTasksQueryDto,
    language: Language | null = null,
  ): Promise<Page<MyTaskResponseDto>> {
    const qb = this.tasks
      .createQueryBuilder('t')
      .innerJoin(TaskAssignmentEntity, 'a', 'a.task_id = t.id AND a.user_id = :userId', {
        userId,
      })
      .innerJoinAndSelect('t.event', 'e')
      .orderBy('t.starts_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (query.from) qb.where('t.starts_at >= :from', { from: query.from });
    const [tasks, total] = await qb.getManyAndCount();
    return page(
      tasks.map((t) => toMyTaskResponse(t, t.event!, language)),
      total,
      query,
    );
  }

  /**
   * Tasks the caller could sign up for: open, with a free slot, not yet started, of published
   * events of groups where the caller is a volunteer or organizer, and not already theirs. Each
   * carries the caller's own task it would overlap (`clashesWith`), or is left out with
   * `hideClashing`. By start time.
   */
  async listOpen(
    userId: string,
    query: OpenTasksQueryDto,
    language: Language | null = null,
  ): Promise<Page<OpenTaskResponseDto>> {
    const qb = this.tasks
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.event', 'e', `e.status = 'published'`)
      .innerJoin(
        GroupMembershipEntity,
        'gm',
        `gm.group_id = e.group_id AND gm.user_id = :userId AND gm.role IN ('volunteer', 'organizer')`,
        { userId },
      )
      .addSelect(`(${CLASH_SQL('t', ':userId')})`, 'clash')
      .where(`t.status = 'open' AND t.assigned_count < t.volunteers_needed`)
      .andWhere('t.starts_at >= :from', { from: query.from ?? new Date() })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM task_assignments mine WHERE mine.task_id = t.id AND mine.user_id = :userId)',
      )
      .orderBy('t.starts_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (query.hideClashing) qb.andWhere(`NOT EXISTS (${CLASH_SQL('t', ':userId')})`);
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const clashes = new Map(
      (raw as { t_id: string; clash: TaskClashDto | null }[]).map((r) => [r.t_id, r.clash]),
    );
    return page(
      entities.map((t) => ({
        ...toMyTaskResponse(t, t.event!, language),
        clashesWith: clashes.get(t.id) ?? null,
      })),
      total,
      query,
    );
  }

  /**
   * The assignment picker (organizers): every volunteer and organizer of the task's group with
   * whether they are on it, would clash with another of their tasks, or are free. One query.
   */
  async candidates(
    callerId: string,
    taskId: string,
    query: PaginationQueryDto,
  ): Promise<Page<TaskCandidateDto>> {
    const { role } = await this.loadTask(taskId, callerId);
    requireRole(role, 'organizer');
    const rows = await this.dataSource.query<
      {
        user_id: string;
        display_name: string;
        country: string;
        role: GroupRole;
        state: CandidateState;
        clash: TaskClashDto | null;
        total: number;
      }[]
    >(
      `SELECT x.*, count(*) OVER ()::int AS total FROM (
         SELECT gm.user_id, u.display_name, u.country, gm.role, c.clash,
           CASE WHEN a.user_id IS NOT NULL THEN 'assigned'
                WHEN c.clash IS NOT NULL THEN 'clash'
                ELSE 'available' END AS state
           FROM volunteer_tasks t
           JOIN events e ON e.id = t.event_id
           JOIN group_memberships gm
             ON gm.group_id = e.group_id AND gm.role IN ('volunteer', 'organizer')
           JOIN users u ON u.id = gm.user_id AND u.deleted_at IS NULL
           LEFT JOIN task_assignments a ON a.task_id = t.id AND a.user_id = gm.user_id
           LEFT JOIN LATERAL (SELECT (${CLASH_SQL('t', 'gm.user_id')}) AS clash) c ON true
          WHERE t.id = $1
       ) x
       ORDER BY array_position(ARRAY['available', 'clash', 'assigned'], x.state),
         x.display_name, x.user_id
       LIMIT $2 OFFSET $3`,
      [taskId, query.limit, query.offset],
    );
    const total =
      rows[0]?.total ??
      (
        await this.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM volunteer_tasks t
             JOIN events e ON e.id = t.event_id
             JOIN group_memberships gm
               ON gm.group_id = e.group_id AND gm.role IN ('volunteer', 'organizer')
             JOIN users u ON u.id = gm.user_id AND u.deleted_at IS NULL
            WHERE t.id = $1`,
          [taskId],
        )
      )[0].n;
    return page(
      rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        country: r.country,
        role: r.role,
        state: r.state,
        clashesWith: r.state === 'clash' ? r.clash : null,
      })),
      total,
      query,
    );
  }

  private async addAssignment(
    taskId: string,
    userId: string,
    assignedBy: string,
  ): Promise<AssignmentResponseDto> {
    let result: AssignmentResponseDto;
    try {
      result = await this.dataSource.transaction(async (manager) => {
        // FOR SHARE: a concurrent demotion waits until this assignment has committed.
        const [member] = await manager.query<{ role: GroupRole; language: Language }[]>(
          `SELECT gm.role, u.language
             FROM volunteer_tasks t
             JOIN events e ON e.id = t.event_id
             JOIN group_memberships gm ON gm.group_id = e.group_id AND gm.user_id = $2
             JOIN users u ON u.id = gm.user_id AND u.deleted_at IS NULL
            WHERE t.id = $1
              FOR SHARE OF gm`,
          [taskId, userId],
        );
        if (!member || !roleAtLeast(member.role, 'volunteer')) {
          throw new AppConflict(
            'NOT_A_VOLUNTEER',
            'Only a volunteer or organizer of the group can be assigned to a task',
          );
        }
        // Friendly answers for the common case; under concurrency the primary key and the
        // exclusion constraint decide, and their errors are mapped the same way below.
        const current = await manager.findOneByOrFail(VolunteerTaskEntity, { id: taskId });
        if (await manager.existsBy(TaskAssignmentEntity, { taskId, userId })) {
          throw alreadyAssigned();
        }
        const overlap = await this.findOverlap(
          manager,
          [userId],
          taskId,
          current.startsAt,
          current.endsAt,
        );
        if (overlap) throw overlapsTask(overlap);

        const [row] = await manager.query<
          { task_id: string; user_id: string; assigned_by: string; created_at: Date }[]
        >(ASSIGN_SQL, [taskId, userId, assignedBy]);
        if (!row) {
          const task = await manager.findOneByOrFail(VolunteerTaskEntity, { id: taskId });
          if (task.status === 'cancelled') throw eventCancelled();
          if (task.status === 'done') {
            throw new AppConflict('TASK_NOT_OPEN', 'The task is already done');
          }
          throw new AppConflict(
            'TASK_FULL',
            `All ${task.volunteersNeeded} volunteer slots of this task are taken`,
          );
        }
        // Our UPDATE holds the task row, so this read sees the times the assignment copied.
        const task = await manager.findOneOrFail(VolunteerTaskEntity, {
          where: { id: taskId },
          relations: { event: true },
        });
        const data = taskMailData(task, task.event!);
        await this.mail.enqueue(manager, {
          kind: 'task_assigned',
          userId,
          language: member.language,
          data: { ...data },
        });
        await this.mail.enqueue(manager, {
          kind: 'task_reminder',
          userId,
          language: member.language,
          data: { ...data },
          dueAt: reminderDueAt(task.startsAt, this.reminderLeadMs),
          dedupeKey: reminderKey(taskId, userId),
        });
        return {
          taskId: row.task_id,
          userId: row.user_id,
          assignedBy: row.assigned_by,
          createdAt: new Date(row.created_at).toISOString(),
        };
      });
    } catch (err) {
      throw await this.assignmentConflict(err, taskId, userId);
    }
    this.mail.kick();
    return result;
  }

  /** Turns the constraint errors of a lost race into the answers of the friendly checks. */
  private async assignmentConflict(err: unknown, taskId: string, userId: string): Promise<unknown> {
    if (err instanceof HttpException) return err;
    const pg = pgError(err);
    // The assignment's primary key is the only unique index this transaction can hit (the
    // outbox insert ignores its duplicates).
    if (pg?.code === PG.UNIQUE_VIOLATION) {
      return alreadyAssigned();
    }
    if (pg?.code === PG.EXCLUSION_VIOLATION && pg.constraint === ASSIGNMENT_OVERLAP_CONSTRAINT) {
      const task = await this.tasks.findOneBy({ id: taskId });
      if (!task) return new NotFoundException('Task not found');
      if (await this.dataSource.getRepository(TaskAssignmentEntity).existsBy({ taskId, userId })) {
        return alreadyAssigned();
      }
      const overlap = await this.findOverlap(
        this.dataSource.manager,
        [userId],
        taskId,
        task.startsAt,
        task.endsAt,
      );
      return overlap
        ? overlapsTask(overlap)
        : new AppConflict('OVERLAPS_TASK', 'The volunteer has another task at that time');
    }
    return err;
  }

  private async rescheduleOverlap(
    taskId: string,
    startsAt: Date,
    endsAt: Date,
    err: unknown,
  ): Promise<unknown> {
    const userIds = (
      await this.dataSource.getRepository(TaskAssignmentEntity).find({
        select: { userId: true },
        where: { taskId },
      })
    ).map((a) => a.userId);
    const overlap = await this.findOverlap(
      this.dataSource.manager,
      userIds,
      taskId,
      startsAt,
      endsAt,
    );
    return overlap ? overlapsTask(overlap) : err;
  }

  /**
   * Moves the assignees' ranges (the exclusion constraint re-checks them), tells each assignee
   * and moves their pending reminder, all in the rescheduling transaction.
   */
  private async reschedule(
    manager: EntityManager,
    task: VolunteerTaskEntity,
    event: EventEntity,
    previous: { startsAt: Date; endsAt: Date },
  ): Promise<void> {
    const recipients = await manager.query<Recipient[]>(
      `SELECT a.user_id, u.language FROM task_assignments a JOIN users u ON u.id = a.user_id
        WHERE a.task_id = $1 ORDER BY a.created_at`,
      [task.id],
    );
    if (recipients.length === 0) return;
    const overlap = await this.findOverlap(
      manager,
      recipients.map((r) => r.user_id),
      task.id,
      task.startsAt,
      task.endsAt,
    );
    if (overlap) throw overlapsTask(overlap);
    await manager.query(
      `UPDATE task_assignments SET during = tstzrange($2, $3, '[)') WHERE task_id = $1`,
      [task.id, task.startsAt, task.endsAt],
    );
    const data = taskMailData(task, event);
    const rescheduled: TaskRescheduledData = {
      ...data,
      previousStartsAt: previous.startsAt.toISOString(),
      previousEndsAt: previous.endsAt.toISOString(),
    };
    for (const r of recipients) {
      await this.mail.enqueue(manager, {
        kind: 'task_rescheduled',
        userId: r.user_id,
        language: r.language,
        data: { ...rescheduled },
      });
    }
    // The reminder follows the task; one already handed to the sender has gone out.
    await manager.query(
      `UPDATE mail_outbox SET due_at = $2, data = $3::jsonb, updated_at = now()
        WHERE dedupe_key = ANY($1::varchar[]) AND status = 'pending'`,
      [
        recipients.map((r) => reminderKey(task.id, r.user_id)),
        reminderDueAt(task.startsAt, this.reminderLeadMs),
        JSON.stringify(data),
      ],
    );
  }

  /**
   * Hook run inside the event's cancellation: its open tasks are cancelled, their assignees'
   * time is freed (an empty range overlaps nothing) and their reminders withdrawn.
   */
  private async cancelTasksOfEvent(manager: EntityManager, event: EventEntity): Promise<void> {
    const rows = await modifyReturning<{ id: string }>(
      manager,
      `UPDATE volunteer_tasks SET status = 'cancelled', updated_at = now()
        WHERE event_id = $1 AND status = 'open' RETURNING id`,
      [event.id],
    );
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE task_assignments SET during = 'empty' WHERE task_id = ANY($1::uuid[])`,
      [ids],
    );
    await this.dropUnsentReminders(manager, ids);
  }

  private async dropUnsentReminders(manager: EntityManager, taskIds: string[]): Promise<void> {
    await manager.query(
      `DELETE FROM mail_outbox o USING task_assignments a
        WHERE a.task_id = ANY($1::uuid[])
          AND o.dedupe_key = 'task-reminder:' || a.task_id || ':' || a.user_id
          AND o.${UNSENT}`,
      [taskIds],
    );
  }

  private async findOverlap(
    manager: EntityManager,
    userIds: string[],
    taskId: string,
    startsAt: Date,
    endsAt: Date,
  ): Promise<Overlap | undefined> {
    const [row] = await manager.query<Overlap[]>(OVERLAP_SQL, [userIds, taskId, startsAt, endsAt]);
    return row;
  }

  /**
   * The task and its event, for a caller who may know it exists: unknown tasks and tasks of
   * another group's unpublished event are 404.
   */
  private async loadTask(
    taskId: string,
    userId: string,
  ): Promise<{ task: VolunteerTaskEntity; event: EventEntity; role: GroupRole | null }> {
    const task = await this.tasks.findOne({ where: { id: taskId }, relations: { event: true } });
    if (!task) throw new NotFoundException('Task not found');
    const event = task.event!;
    const role = await this.access.roleOf(event.groupId, userId);
    if (!role && event.status !== 'published') throw new NotFoundException('Task not found');
    return { task, event, role };
  }

  private async lockTask(manager: EntityManager, taskId: string): Promise<VolunteerTaskEntity> {
    const task = await manager.findOne(VolunteerTaskEntity, {
      where: { id: taskId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!task) throw new NotFoundException('Task not found');
    return task;
  }

  private async getTask(taskId: string, view: TaskView): Promise<TaskResponseDto> {
    const task = await this.tasks.findOneByOrFail({ id: taskId });
    const assignees = await this.assigneesOf([taskId]);
    return toTaskResponse(task, assignees.get(taskId) ?? [], view);
  }

  private async assigneesOf(taskIds: string[]): Promise<Map<string, TaskAssigneeDto[]>> {
    const byTask = new Map<string, TaskAssigneeDto[]>();
    if (taskIds.length === 0) return byTask;
    const rows = await this.dataSource.query<
      { task_id: string; user_id: string; display_name: string }[]
    >(
      `SELECT a.task_id, a.user_id, u.display_name
         FROM task_assignments a JOIN users u ON u.id = a.user_id
        WHERE a.task_id = ANY($1::uuid[])
        ORDER BY a.created_at, a.user_id`,
      [taskIds],
    );
    for (const r of rows) {
      const list = byTask.get(r.task_id) ?? [];
      list.push({ userId: r.user_id, displayName: r.display_name });
      byTask.set(r.task_id, list);
    }
    return byTask;
  }
}

/** The task as the e-mails show it, captured when the change commits. */
export function taskMailData(task: VolunteerTaskEntity, event: EventEntity): TaskMailData {
  return {
    taskId: task.id,
    title: task.title,
    description: task.description,
    location: task.location,
    startsAt: task.startsAt.toISOString(),
    endsAt: task.endsAt.toISOString(),
    eventId: event.id,
    eventTitle: event.title,
    venue: event.venue,
    timezone: event.timezone,
    i18n: taskMailTranslations(task, event),
  };
}

/** The task's and its event's texts in other languages, under the mail data's field names. */
function taskMailTranslations(
  task: VolunteerTaskEntity,
  event: EventEntity,
): NonNullable<TaskMailData['i18n']> {
  const out: NonNullable<TaskMailData['i18n']> = {};
  for (const lang of LANGUAGES) {
    const t = task.translations?.[lang] ?? {};
    const e = event.translations?.[lang] ?? {};
    const texts: Record<string, string> = {};
    for (const [field, text] of Object.entries({
      title: t.title,
      description: t.description,
      location: t.location,
      eventTitle: e.title,
      venue: e.venue,
    })) {
      if (typeof text === 'string') texts[field] = text;
    }
    if (Object.keys(texts).length > 0) out[lang] = texts;
  }
  return out;
}

/** TypeORM answers an UPDATE or DELETE sent through `query()` as `[rows, affectedCount]`. */
async function modifyReturning<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const [rows] = await manager.query<[T[], number]>(sql, params);
  return rows;
}

function assertTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt) throw new BadRequestException('endsAt must be after startsAt');
}

function requireRole(role: GroupRole | null, min: GroupRole): void {
  if (!roleAtLeast(role, min)) throw new ForbiddenException(`Only a group ${min} may do this`);
}

function eventCancelled(): AppConflict {
  return new AppConflict('EVENT_CANCELLED', 'The event is cancelled; its tasks cannot change');
}

function alreadyAssigned(): AppConflict {
  return new AppConflict('ALREADY_ASSIGNED', 'The volunteer is already assigned to this task');
}

function overlapsTask(other: Overlap): AppConflict {
  return new AppConflict(
    'OVERLAPS_TASK',
    `The volunteer already has the task "${other.title}" at an overlapping time`,
    {
      taskId: other.id,
      title: other.title,
      userId: other.user_id,
      startsAt: new Date(other.starts_at).toISOString(),
      endsAt: new Date(other.ends_at).toISOString(),
    },
  );
}
