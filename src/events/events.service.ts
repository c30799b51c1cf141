import { createHash, randomBytes } from 'node:crypto';
import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import { type Page, page } from '../common/pagination.js';
import { FanGroupEntity } from '../fan-groups/fan-group.entity.js';
import { GroupAccess } from '../fan-groups/group-access.service.js';
import type { GroupRole } from '../fan-groups/group-role.js';
import type { CreateEventDto, UpdateEventDto } from './dto/create-event.dto.js';
import type { EventQueryDto, GroupEventQueryDto } from './dto/event-query.dto.js';
import {
  type EventDetailDto,
  type EventResponseDto,
  type GroupEventDto,
  toEventResponse,
} from './dto/event-response.dto.js';
import { EventEntity } from './event.entity.js';
import type { Language } from '../common/locale.js';
import { localizedSql, mergeTranslations } from '../common/translations.js';
import { EventHooks } from './event-hooks.js';
import { confirmedCountSql, eventQueueLock, seatCounts } from './seats.js';
import { MailService } from '../mail/mail.service.js';

export const drawInProgress = () =>
  new AppConflict(
    'DRAW_IN_PROGRESS',
    'Applications are closed and the draw is being made; try again in a moment',
  );

export { eventQueueLock } from './seats.js';

// Waitlisted registrations never touch the event row, so their count is read where needed.
const WAITLIST_COUNT_SQL = `(SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted')`;

/** Counts read beside an event: seats taken (its shares, see seats.ts) and the waitlist. */
interface EventCounts {
  waitlist_count: number;
  confirmed_count: number;
}

const CHECKED_IN_COUNT_SQL = `(SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed' AND r.checked_in_at IS NOT NULL)`;

/** A row of the public list: the texts already in the reader's language. */
interface EventListRow {
  id: string;
  group_id: string;
  title: string;
  description: string | null;
  venue: string | null;
  city: string | null;
  starts_at: Date;
  ends_at: Date | null;
  timezone: string;
  capacity: number;
  confirmed_count: number;
  waitlist_enabled: boolean;
  registration_closes_at: Date | null;
  status: EventEntity['status'];
  allocation: EventEntity['allocation'];
  applications_close_at: Date | null;
  quotas: EventEntity['quotas'];
  draw_seed_sha256: string | null;
  drawn_at: Date | null;
  created_at: Date;
  waitlist_count: number;
  /** Only for events of groups the caller organizes (else null). */
  translations: EventEntity['translations'] | null;
  original_title: string | null;
  original_description: string | null;
  original_venue: string | null;
}

@Injectable()
export class EventsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(FanGroupEntity) private readonly groups: Repository<FanGroupEntity>,
    private readonly access: GroupAccess,
    private readonly hooks: EventHooks,
    private readonly mail: MailService,
  ) {}

  async create(
    userId: string,
    groupId: string,
    dto: CreateEventDto,
    language: Language | null = null,
  ): Promise<EventResponseDto> {
    await this.access.require(groupId, userId, 'organizer');
    this.assertTimes(dto.startsAt, dto.endsAt ?? null, dto.registrationClosesAt ?? null);
    const draft = this.events.create({
      groupId,
      title: dto.title,
      description: dto.description ?? null,
      venue: dto.venue ?? null,
      city: dto.city ?? null,
      startsAt: dto.startsAt,
      endsAt: dto.endsAt ?? null,
      timezone: dto.timezone,
      capacity: dto.capacity,
      waitlistEnabled: dto.waitlistEnabled ?? true,
      registrationClosesAt: dto.registrationClosesAt ?? null,
      translations: mergeTranslations({}, dto.translations),
      status: 'draft',
      allocation: 'first_come',
      applicationsCloseAt: null,
      quotas: [],
    });
    this.applyAllocation(draft, dto);
    this.assertAllocation(draft, true);
    const event = await this.events.save(draft);
    return toEventResponse(event, 0, 0, { language, organizer: true });
  }

  /**
   * Published events, soonest first: the public hot path, so one statement with selected
   * columns. The texts are picked in SQL in the reader's language; `translations` and the
   * original texts only for events of groups the caller organizes.
   */
  async listPublic(
    query: EventQueryDto,
    language: Language | null = null,
    userId?: string,
  ): Promise<Page<EventResponseDto>> {
    // The filters' placeholders follow the list's own two ($1 language, $2 caller).
    const values: unknown[] = [];
    const conditions: ((n: (i: number) => string) => string)[] = [];
    const add = (condition: (p: string) => string, value: unknown) => {
      const i = values.push(value) - 1;
      conditions.push((n) => condition(n(i)));
    };
    if (query.groupId) add((p) => `e.group_id = ${p}`, query.groupId);
    if (query.city) add((p) => `lower(e.city) = lower(${p})`, query.city);
    if (query.from) add((p) => `e.starts_at >= ${p}`, query.from);
    if (query.to) add((p) => `e.starts_at < ${p}`, query.to);
    const filter = (first: number) =>
      [`e.status = 'published'`, ...conditions.map((c) => c((i) => `$${first + i}`))].join(' AND ');
    // Anonymous callers skip the organizer check entirely ($2 IS NULL short-circuits).
    const organizes = `($2::uuid IS NOT NULL AND EXISTS (
        SELECT 1 FROM group_memberships m
         WHERE m.group_id = e.group_id AND m.user_id = $2::uuid AND m.role = 'organizer'))`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<EventListRow[]>(
        `SELECT e.id, e.group_id,
           ${localizedSql('e', 'title', 'title', '$1')} AS title,
           ${localizedSql('e', 'description', 'description', '$1')} AS description,
           ${localizedSql('e', 'venue', 'venue', '$1')} AS venue,
           e.city, e.starts_at, e.ends_at, e.timezone, e.capacity, ${confirmedCountSql('e')} AS confirmed_count,
           e.waitlist_enabled, e.registration_closes_at, e.status, e.created_at,
           e.allocation, e.applications_close_at, e.quotas, e.draw_seed_sha256, e.drawn_at,
           ${WAITLIST_COUNT_SQL} AS waitlist_count,
           CASE WHEN ${organizes} THEN e.translations END AS translations,
           CASE WHEN ${organizes} THEN e.title END AS original_title,
           CASE WHEN ${organizes} THEN e.description END AS original_description,
           CASE WHEN ${organizes} THEN e.venue END AS original_venue
         FROM events e
         WHERE ${filter(3)}
         ORDER BY e.starts_at ASC, e.id ASC
         LIMIT ${Number(query.limit)} OFFSET ${Number(query.offset)}`,
        [language, userId ?? null, ...values],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM events e WHERE ${filter(1)}`,
        values,
      ),
    ]);
    return page(rows.map(toListedEvent), total, query);
  }

  /**
   * A group's events with live counts. Everyone sees the published ones; the group's
   * organizers also drafts and cancelled ones, drafts first. Then by start.
   */
  async listForGroup(
    groupId: string,
    userId: string | undefined,
    query: GroupEventQueryDto,
    language: Language | null = null,
  ): Promise<Page<GroupEventDto>> {
    const [exists, role] = await Promise.all([
      this.groups.existsBy({ id: groupId }),
      this.access.roleOf(groupId, userId),
    ]);
    if (!exists) throw new NotFoundException('Fan group not found');
    const qb = this.withWaitlistCount(this.events.createQueryBuilder('e'))
      .addSelect(CHECKED_IN_COUNT_SQL, 'checked_in_count')
      .where('e.group_id = :groupId', { groupId })
      .orderBy(`CASE WHEN e.status = 'draft' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('e.starts_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(query.limit)
      .offset(query.offset);
    if (role !== 'organizer') qb.andWhere(`e.status = 'published'`);
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.from) qb.andWhere('e.starts_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.starts_at < :to', { to: query.to });
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const counts = new Map(
      (raw as (EventCounts & { e_id: string; checked_in_count: number })[]).map((r) => [r.e_id, r]),
    );
    return page(
      entities.map((e) => ({
        ...toEventResponse(e, counts.get(e.id)!.waitlist_count, counts.get(e.id)!.confirmed_count, {
          language,
          organizer: role === 'organizer',
        }),
        checkedInCount: counts.get(e.id)!.checked_in_count,
      })),
      total,
      query,
    );
  }

  /**
   * An event the caller may see (published, or any of their group's), in the reader's
   * language, with the caller's own registration (`viewer`) and, for organizers, every
   * language's texts.
   */
  async getVisible(
    eventId: string,
    userId: string | undefined,
    language: Language | null = null,
  ): Promise<EventDetailDto> {
    const { entities, raw } = await this.withWaitlistCount(this.events.createQueryBuilder('e'))
      .where('e.id = :eventId', { eventId })
      .getRawAndEntities();
    const event = entities[0];
    const role = event ? await this.access.roleOf(event.groupId, userId) : null;
    if (!event || (event.status !== 'published' && !role)) {
      throw new NotFoundException('Event not found');
    }
    const counts = raw[0] as EventCounts;
    const viewer = userId ? await this.hooks.viewerOf(eventId, userId) : null;
    return {
      ...toEventResponse(event, counts.waitlist_count, counts.confirmed_count, {
        language,
        organizer: role === 'organizer',
      }),
      viewer,
    };
  }

  /**
   * The event, for a caller who needs at least `min` in its group. What the caller may not see
   * is 404 (another group's draft); what they see but may not do is 403.
   */
  async findForRole(eventId: string, userId: string, min: GroupRole): Promise<EventEntity> {
    const event = await this.events.findOneBy({ id: eventId });
    if (!event) throw new NotFoundException('Event not found');
    const role = await this.access.roleOf(event.groupId, userId);
    if (!role && event.status !== 'published') throw new NotFoundException('Event not found');
    if (!(await this.access.has(event.groupId, userId, min))) {
      throw new ForbiddenException(`Only a group ${min} may do this`);
    }
    return event;
  }

  async edit(
    userId: string,
    eventId: string,
    dto: UpdateEventDto,
    language: Language | null = null,
  ): Promise<EventDetailDto> {
    await this.findForRole(eventId, userId, 'organizer');
    await this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, eventId);
      if (event.status === 'cancelled') {
        throw new AppConflict('INVALID_TRANSITION', 'A cancelled event cannot be changed');
      }
      const raised = dto.capacity !== undefined && dto.capacity > event.capacity;
      if (dto.capacity !== undefined) {
        // Under the exclusive queue lock: no registration is taking a seat meanwhile.
        const { taken } = await seatCounts(manager, eventId);
        if (dto.capacity < taken) {
          throw new AppConflict(
            'CAPACITY_BELOW_CONFIRMED',
            `Capacity cannot go below the ${taken} confirmed registrations`,
          );
        }
      }
      this.applyAllocation(event, dto);
      if (dto.title !== undefined) event.title = dto.title;
      if (dto.description !== undefined) event.description = dto.description;
      if (dto.venue !== undefined) event.venue = dto.venue;
      if (dto.city !== undefined) event.city = dto.city;
      if (dto.startsAt !== undefined) event.startsAt = dto.startsAt;
      if (dto.endsAt !== undefined) event.endsAt = dto.endsAt;
      if (dto.timezone !== undefined) event.timezone = dto.timezone;
      if (dto.capacity !== undefined) event.capacity = dto.capacity;
      if (dto.waitlistEnabled !== undefined) event.waitlistEnabled = dto.waitlistEnabled;
      if (dto.registrationClosesAt !== undefined) {
        event.registrationClosesAt = dto.registrationClosesAt;
      }
      if (dto.translations !== undefined) {
        // null drops every translation; an object is merged (see mergeTranslations).
        event.translations = dto.translations
          ? mergeTranslations(event.translations, dto.translations)
          : {};
      }
      this.assertTimes(event.startsAt, event.endsAt, event.registrationClosesAt);
      this.assertAllocation(event, dto.applicationsCloseAt !== undefined);
      await manager.save(event);
      if (raised) await this.hooks.runCapacityRaised(manager, event);
    });
    // Promotion e-mails were written to the outbox by the hooks; now they are committed.
    this.mail.kick();
    return this.getVisible(eventId, userId, language);
  }

  async publish(
    userId: string,
    eventId: string,
    language: Language | null = null,
  ): Promise<EventDetailDto> {
    await this.findForRole(eventId, userId, 'organizer');
    await this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, eventId);
      if (event.status !== 'draft') {
        throw new AppConflict('INVALID_TRANSITION', `A ${event.status} event cannot be published`);
      }
      if (event.allocation === 'lottery') {
        if (!event.applicationsCloseAt || event.applicationsCloseAt <= new Date()) {
          throw new AppConflict(
            'APPLICATIONS_CLOSED',
            'applicationsCloseAt has passed: set a later one before publishing',
          );
        }
        // Commit–reveal: the seed is fixed now and only its hash is shown until the draw.
        const seed = randomBytes(32);
        event.drawSeed = seed.toString('hex');
        event.drawSeedSha256 = createHash('sha256').update(seed).digest('hex');
      }
      event.status = 'published';
      event.publishedAt = new Date();
      await manager.save(event);
    });
    return this.getVisible(eventId, userId, language);
  }

  /** Cancels the event; hooks e-mail every active registrant in the same transaction. */
  async cancel(
    userId: string,
    eventId: string,
    language: Language | null = null,
  ): Promise<EventDetailDto> {
    await this.findForRole(eventId, userId, 'organizer');
    await this.dataSource.transaction(async (manager) => {
      const event = await this.lock(manager, eventId);
      if (event.status === 'cancelled') {
        throw new AppConflict('INVALID_TRANSITION', 'The event is already cancelled');
      }
      event.status = 'cancelled';
      event.cancelledAt = new Date();
      await manager.save(event);
      await this.hooks.runCancelled(manager, event);
    });
    this.mail.kick();
    return this.getVisible(eventId, userId, language);
  }

  /**
   * Locks the event for a change that must not race registrations: first its queue lock (see
   * `lockQueue`), then the row. Everything that takes both takes them in this order.
   */
  async lock(manager: EntityManager, eventId: string): Promise<EventEntity> {
    await this.lockQueue(manager, eventId);
    const event = await manager.findOne(EventEntity, {
      where: { id: eventId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!event) throw new NotFoundException('Event not found');
    return event;
  }

  /**
   * The event's queue lock, exclusively, for the transaction: taken by whatever frees seats or
   * changes the event (cancel, promote, update, publish). Registrations take it shared, so
   * they run side by side but a promotion waits for those in flight and sees them: a freed
   * seat never misses a waitlisted fan. Lottery applications and party changes take it shared
   * too, and the draw exclusively, so the draw sees every application that got in.
   */
  async lockQueue(
    manager: EntityManager,
    eventId: string,
    mode: 'exclusive' | 'shared' = 'exclusive',
  ): Promise<void> {
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await manager.query(`SELECT ${fn}(hashtextextended($1, 0))`, [eventQueueLock(eventId)]);
  }

  /**
   * The queue lock, shared, for a lottery application or a party change. A draw holds it
   * exclusively for its whole transaction (seconds for a big one): rather than wait for it,
   * a change that finds the event mid-draw is answered 409 DRAW_IN_PROGRESS at once.
   */
  async lockQueueUnlessDrawing(manager: EntityManager, eventId: string): Promise<void> {
    const [{ got }] = await manager.query<{ got: boolean }[]>(
      'SELECT pg_try_advisory_xact_lock_shared(hashtextextended($1, 0)) AS got',
      [eventQueueLock(eventId)],
    );
    if (got) return;
    const [state] = await manager.query<{ mid_draw: boolean }[]>(
      `SELECT (allocation = 'lottery' AND drawn_at IS NULL AND applications_close_at <= clock_timestamp())
         AS mid_draw
       FROM events WHERE id = $1`,
      [eventId],
    );
    if (state?.mid_draw) throw drawInProgress();
    await this.lockQueue(manager, eventId, 'shared');
  }

  private withWaitlistCount(qb: SelectQueryBuilder<EventEntity>): SelectQueryBuilder<EventEntity> {
    return qb
      .addSelect(WAITLIST_COUNT_SQL, 'waitlist_count')
      .addSelect(confirmedCountSql('e'), 'confirmed_count');
  }

  /** The lottery fields of a create or update body, which only a draft accepts. */
  private applyAllocation(event: EventEntity, dto: UpdateEventDto): void {
    const touched =
      dto.allocation !== undefined ||
      dto.applicationsCloseAt !== undefined ||
      dto.quotas !== undefined;
    if (!touched) return;
    if (event.status !== 'draft') {
      throw new AppConflict(
        'NOT_DRAFT',
        'allocation, applicationsCloseAt and quotas can change only while the event is a draft',
      );
    }
    if (dto.allocation !== undefined) event.allocation = dto.allocation;
    if (dto.applicationsCloseAt !== undefined) event.applicationsCloseAt = dto.applicationsCloseAt;
    if (dto.quotas !== undefined) {
      event.quotas = dto.quotas.map((q) => ({ country: q.country, seats: q.seats }));
    }
    if (event.allocation === 'first_come') {
      if (dto.applicationsCloseAt !== undefined || (dto.quotas?.length ?? 0) > 0) {
        throw new BadRequestException(
          'applicationsCloseAt and quotas are for lottery events (allocation: "lottery")',
        );
      }
      event.applicationsCloseAt = null;
      event.quotas = [];
    }
  }

  /**
   * A lottery event's rules: a close time (in the future when set now), before the event
   * starts; one quota per country, their seats within capacity.
   */
  private assertAllocation(event: EventEntity, closeTimeSet: boolean): void {
    if (event.allocation !== 'lottery') return;
    const close = event.applicationsCloseAt;
    if (!close) throw new BadRequestException('a lottery event needs applicationsCloseAt');
    if (closeTimeSet && close <= new Date()) {
      throw new BadRequestException('applicationsCloseAt must be in the future');
    }
    if (close >= event.startsAt) {
      throw new BadRequestException('applicationsCloseAt must be before startsAt');
    }
    const countries = new Set(event.quotas.map((q) => q.country));
    if (countries.size !== event.quotas.length) {
      throw new BadRequestException('quotas must name each country once');
    }
    const seats = event.quotas.reduce((sum, q) => sum + q.seats, 0);
    if (seats > event.capacity) {
      throw new BadRequestException(
        `quotas reserve ${seats} seats, more than the capacity of ${event.capacity}`,
      );
    }
  }

  private assertTimes(startsAt: Date, endsAt: Date | null, closesAt: Date | null): void {
    if (endsAt && endsAt <= startsAt) {
      throw new BadRequestException('endsAt must be after startsAt');
    }
    if (closesAt && closesAt > (endsAt ?? startsAt)) {
      throw new BadRequestException('registrationClosesAt must not be after the event');
    }
  }
}

function toListedEvent(r: EventListRow): EventResponseDto {
  return {
    id: r.id,
    groupId: r.group_id,
    title: r.title,
    description: r.description,
    venue: r.venue,
    city: r.city,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at?.toISOString() ?? null,
    timezone: r.timezone,
    capacity: r.capacity,
    confirmedCount: r.confirmed_count,
    waitlistCount: r.waitlist_count,
    waitlistEnabled: r.waitlist_enabled,
    registrationClosesAt: r.registration_closes_at?.toISOString() ?? null,
    status: r.status,
    allocation: r.allocation,
    applicationsCloseAt: r.applications_close_at?.toISOString() ?? null,
    quotas: r.quotas,
    drawSeedSha256: r.draw_seed_sha256,
    drawnAt: r.drawn_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    ...(r.translations
      ? {
          translations: r.translations,
          original: {
            title: r.original_title!,
            description: r.original_description,
            venue: r.original_venue,
          },
        }
      : {}),
  };
}
