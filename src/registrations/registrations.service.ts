import {
  ForbiddenException,
  HttpException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { type AuthUser, BAD_TOKEN_MESSAGE } from '../auth/auth.decorators.js';
import { ACTIVE_SESSION_SQL } from '../auth/session-sql.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import { type Page, page } from '../common/pagination.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import { preparedQuery } from '../database/prepared-query.js';
import type { Language } from '../common/locale.js';
import { localizedSql } from '../common/translations.js';
import type { EventEntity } from '../events/event.entity.js';
import type { EventViewer } from '../events/event-viewer.js';
import { drawInProgress, EventsService } from '../events/events.service.js';
import { releaseSeats, takeSeats } from '../events/seats.js';
import { GroupAccess } from '../fan-groups/group-access.service.js';
import { MailService } from '../mail/mail.service.js';
import { newCheckInCode } from './check-in-code.js';
import { CHECK_IN_BY_CODE_SQL, CHECK_IN_BY_ID_SQL, type CheckInRow } from './check-in-sql.js';
import type { CheckInResponseDto, CheckInSummaryDto } from './dto/check-in.dto.js';
import type { CreateRegistrationDto } from './dto/create-registration.dto.js';
import type { RegistrationQueryDto } from './dto/registration-query.dto.js';
import {
  type EventRegistrationDto,
  type MyRegistrationDto,
  type RegistrationResponseDto,
  type RegistrationRow,
  toRegistrationResponse,
} from './dto/registration-response.dto.js';
import type { PaginationQueryDto } from '../common/pagination.js';
import { fingerprint, IdempotencyService, type StoredAnswer } from './idempotency.service.js';
import type { RegistrationStatus } from './registration.entity.js';
import {
  EVENT_CANCELLED_MAIL_SQL,
  LINE_ORDER,
  PLACE_IN_LINE_SQL,
  positionSql,
  PROMOTE_SQL,
  REGISTER_SQL,
  SEQUENCE_LINE_SQL,
  STRAGGLING_EVENTS_SQL,
} from './registration-sql.js';
import { DRAW_CONFIRM_SQL, DRAW_WAITLIST_SQL } from './lottery-sql.js';
import { toCsv } from './csv.js';
import { saveArrival } from './registration-arrival.js';

interface AttemptRow extends Omit<RegistrationRow, 'event_id' | 'user_id' | 'position'> {
  account_active: boolean;
  group_id: string | null;
  event_status: EventEntity['status'];
  open: boolean;
}

/** Rows per statement when a draw writes its outcome. */
const DRAW_CHUNK = 5000;

export interface RegisterAnswer {
  status: number;
  body: RegistrationResponseDto;
}

const REGISTRATION_COLUMNS = `r.id, r.event_id, r.user_id, r.status, r.language,
  r.arrival_date::text AS arrival_date, r.note, r.check_in_code, r.checked_in_at, r.created_at`;

/**
 * The organizer's search: `text` (escaped by likePattern, or null for everyone)
 * within the name or e-mail of `rel`, folded to lower case without accents (unaccent), so
 * "Zhanar" finds "Zhanár" and "АЙГЕРИМ" finds "Айгерим". One event's rows at most (30,000 at
 * the PreParty), read through the event index.
 */
const SEARCH_SQL = (rel: string, text: string) =>
  `(${text}::text IS NULL
     OR lower(unaccent(${rel}.display_name)) LIKE '%' || lower(unaccent(${text})) || '%'
     OR lower(${rel}.email) LIKE '%' || lower(${text}) || '%')`;

/** The searched text with LIKE's wildcards escaped (SEARCH_SQL folds it), or null for all. */
function likePattern(search: string | undefined): string | null {
  const text = search?.trim();
  return text ? text.replace(/[\\%_]/g, '\\$&') : null;
}

@Injectable()
export class RegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly access: GroupAccess,
    private readonly mail: MailService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Registers the caller: a free seat is taken by one atomic statement; a full event
   * waitlists (FIFO) or refuses. With an Idempotency-Key, a retry replays the first answer.
   */
  async register(
    caller: AuthUser,
    eventId: string,
    dto: CreateRegistrationDto,
    idempotencyKey?: string,
  ): Promise<RegisterAnswer> {
    const userId = caller.id;
    if (idempotencyKey === undefined) {
      const created = await this.attempt(this.dataSource.manager, caller, eventId, dto);
      const body = await this.placeInLine(created);
      this.mail.kick();
      return { status: 201, body };
    }
    // The route skips the guard's account lookup (REGISTER_SQL does it); a deleted account
    // must not claim a key either, so this path checks before it.
    await this.assertAccountActive(caller);
    const print = fingerprint({ route: 'register', eventId, body: dto });
    const claim = await this.idempotency.claim(userId, idempotencyKey, print);
    if (claim.kind === 'replay') return this.replay(userId, idempotencyKey, claim.answer);
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        const row = await this.attempt(manager, caller, eventId, dto);
        await this.idempotency.complete(manager, userId, idempotencyKey, {
          status: 201,
          body: row,
        });
        return row;
      });
      const body = await this.placeInLine(created);
      if (body !== created) await this.storeAnswer(userId, idempotencyKey, body);
      this.mail.kick();
      return { status: 201, body };
    } catch (err) {
      // A refusal (409 full, 404...) is the first answer too; anything else frees the key.
      if (err instanceof HttpException && err.getStatus() < 500) {
        await this.idempotency.complete(this.dataSource.manager, userId, idempotencyKey, {
          status: err.getStatus(),
          body: this.errorBody(err),
        });
      } else {
        await this.idempotency.release(userId, idempotencyKey);
      }
      throw err;
    }
  }

  /**
   * A stored answer, as first given. One stored before its registration was placed in the
   * line (the process died between the two steps) is completed first: the position it tells
   * is the one its e-mail tells.
   */
  private async replay(userId: string, key: string, answer: StoredAnswer): Promise<RegisterAnswer> {
    const body = answer.body as RegistrationResponseDto;
    if (answer.status !== 201 || body.status !== 'waitlisted' || body.waitlistPosition !== null) {
      return answer as RegisterAnswer;
    }
    const placed = await this.placeInLine(body);
    await this.storeAnswer(userId, key, placed);
    this.mail.kick();
    return { status: 201, body: placed };
  }

  private async storeAnswer(userId: string, key: string, body: RegistrationResponseDto) {
    await this.idempotency.complete(this.dataSource.manager, userId, key, { status: 201, body });
  }

  /**
   * Step 2 of a waitlisted registration (see seats.ts): its place in the line and the position
   * its e-mail tells. Anything else is returned as it is.
   */
  private async placeInLine(created: RegistrationResponseDto): Promise<RegistrationResponseDto> {
    if (created.status !== 'waitlisted' || created.waitlistPosition !== null) return created;
    const [placed] = await preparedQuery<{ status: RegistrationStatus; position: number | null }>(
      this.dataSource,
      this.dataSource.manager,
      'registrations_place_in_line',
      PLACE_IN_LINE_SQL,
      [created.eventId, created.id],
    );
    if (placed.status === 'waitlisted' && placed.position !== null) {
      return { ...created, waitlistPosition: placed.position };
    }
    // Promoted (or cancelled) in the meantime: the registration as it is now.
    return this.findOwn(this.dataSource.manager, created.id);
  }

  private async assertAccountActive(caller: AuthUser): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(ACTIVE_SESSION_SQL, [
      caller.id,
      caller.sessionVersion,
    ]);
    if (rows.length === 0) throw new UnauthorizedException(BAD_TOKEN_MESSAGE);
  }

  private errorBody(err: HttpException): unknown {
    const response = err.getResponse();
    return typeof response === 'string'
      ? { statusCode: err.getStatus(), message: response }
      : response;
  }

  /**
   * Step 1: one call registers (a seat with its e-mail, or a waitlisted row without a place
   * yet), in the caller's transaction or on its own.
   */
  private async attempt(
    manager: EntityManager,
    caller: AuthUser,
    eventId: string,
    dto: CreateRegistrationDto,
  ): Promise<RegistrationResponseDto> {
    const row = await this.run(manager, 'registrations_register', REGISTER_SQL, [
      eventId,
      caller.id,
      dto.language ?? null,
      dto.arrivalDate ?? null,
      dto.note ?? null,
      newCheckInCode(),
      caller.sessionVersion,
    ]);
    const created = await this.settle(row, caller.id, eventId);
    // Arrival details: a side insert only when given (registration-arrival.ts).
    if (dto.arrival) await saveArrival(manager, created.id, dto.arrival);
    return created;
  }

  private async findOwn(manager: EntityManager, id: string): Promise<RegistrationResponseDto> {
    const [row] = await manager.query<RegistrationRow[]>(
      `SELECT ${REGISTRATION_COLUMNS}, ${positionSql('r')} AS position
       FROM registrations r WHERE r.id = $1`,
      [id],
    );
    return toRegistrationResponse(row);
  }

  private async run(
    manager: EntityManager,
    name: string,
    sql: string,
    params: unknown[],
  ): Promise<AttemptRow | undefined> {
    try {
      const rows = await preparedQuery<AttemptRow>(this.dataSource, manager, name, sql, params);
      return rows[0];
    } catch (err) {
      if (isUniqueViolation(err, 'UQ_registrations_active')) {
        const [active] = await this.dataSource.query<{ status: string }[]>(
          `SELECT status FROM registrations
           WHERE event_id = $1 AND user_id = $2 AND status <> 'cancelled'`,
          [params[0], params[1]],
        );
        if (active?.status === 'applied') {
          throw new AppConflict('ALREADY_APPLIED', 'You have already applied for this event');
        }
        throw new AppConflict('ALREADY_REGISTERED', 'You are already registered for this event');
      }
      throw err;
    }
  }

  /** The registration, or why there is none (404 for another group's draft). */
  private async settle(
    row: AttemptRow | undefined,
    userId: string,
    eventId: string,
  ): Promise<RegistrationResponseDto> {
    if (!row?.account_active) throw new UnauthorizedException(BAD_TOKEN_MESSAGE);
    if (row.group_id === null) throw new NotFoundException('Event not found');
    // A waitlisted row has no position until step 2 places it.
    if (row.id) {
      return toRegistrationResponse({ ...row, event_id: eventId, user_id: userId, position: null });
    }
    if (row.event_status === 'draft' && !(await this.access.roleOf(row.group_id, userId))) {
      // Another group's draft: the caller may not know it exists.
      throw new NotFoundException('Event not found');
    }
    if (!row.open && row.event_status === 'published' && (await this.isMidDraw(eventId))) {
      throw drawInProgress();
    }
    if (!row.open) {
      const why =
        row.event_status === 'published' ? 'registration is closed' : `it is ${row.event_status}`;
      throw new AppConflict('EVENT_NOT_OPEN', `The event is not open for registration: ${why}`);
    }
    throw new AppConflict('EVENT_FULL', 'The event is full and has no waitlist');
  }

  /** A lottery event past its close time whose draw has not committed yet. */
  private async isMidDraw(eventId: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ mid: boolean }[]>(
      `SELECT (allocation = 'lottery' AND drawn_at IS NULL AND applications_close_at <= now()) AS mid
       FROM events WHERE id = $1`,
      [eventId],
    );
    return row?.mid ?? false;
  }

  /** The caller's active registration for an event (`viewer` of GET /events/:eventId), or null. */
  async viewerOf(eventId: string, userId: string): Promise<EventViewer | null> {
    const [row] = await this.dataSource.query<RegistrationRow[]>(
      `SELECT ${REGISTRATION_COLUMNS}, ${positionSql('r')} AS position
       FROM registrations r
       WHERE r.event_id = $1 AND r.user_id = $2 AND r.status IN ('confirmed', 'waitlisted', 'applied')`,
      [eventId, userId],
    );
    if (!row) return null;
    const own = toRegistrationResponse(row);
    return {
      registrationId: own.id,
      status: own.status as EventViewer['status'],
      waitlistPosition: own.waitlistPosition,
      checkInCode: own.checkInCode,
    };
  }

  /** The caller's registrations, newest first, with their events in the reader's language. */
  async listMine(
    userId: string,
    query: PaginationQueryDto,
    language: Language | null = null,
  ): Promise<Page<MyRegistrationDto>> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<
        (RegistrationRow & {
          e_title: string;
          e_starts_at: Date;
          e_ends_at: Date | null;
          e_timezone: string;
          e_venue: string | null;
          e_city: string | null;
          e_status: EventEntity['status'];
        })[]
      >(
        `SELECT ${REGISTRATION_COLUMNS}, ${positionSql('r')} AS position,
           ${localizedSql('e', 'title', 'title', '$4')} AS e_title,
           e.starts_at AS e_starts_at, e.ends_at AS e_ends_at, e.timezone AS e_timezone,
           ${localizedSql('e', 'venue', 'venue', '$4')} AS e_venue, e.city AS e_city,
           e.status AS e_status
         FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.user_id = $1
         ORDER BY r.created_at DESC, r.id DESC
         LIMIT $2 OFFSET $3`,
        [userId, query.limit, query.offset, language],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM registrations WHERE user_id = $1`,
        [userId],
      ),
    ]);
    return page(
      rows.map((r) => ({
        ...toRegistrationResponse(r),
        event: {
          id: r.event_id,
          title: r.e_title,
          startsAt: r.e_starts_at.toISOString(),
          endsAt: r.e_ends_at?.toISOString() ?? null,
          timezone: r.e_timezone,
          venue: r.e_venue,
          city: r.e_city,
          status: r.e_status,
        },
      })),
      total,
      query,
    );
  }

  /**
   * Cancels a registration (owner or the event's organizer; anyone else gets 404). A freed
   * seat goes to the head of the waitlist in the same transaction.
   */
  async cancel(userId: string, registrationId: string): Promise<RegistrationResponseDto> {
    const [found] = await this.dataSource.query<
      { user_id: string; event_id: string; group_id: string }[]
    >(
      `SELECT r.user_id, r.event_id, e.group_id FROM registrations r
       JOIN events e ON e.id = r.event_id WHERE r.id = $1`,
      [registrationId],
    );
    if (
      !found ||
      (found.user_id !== userId && !(await this.access.has(found.group_id, userId, 'organizer')))
    ) {
      throw new NotFoundException('Registration not found');
    }
    const row = await this.dataSource.transaction(async (manager) => {
      await this.events.lockQueue(manager, found.event_id);
      // Everyone waitlisted has a place before anyone leaves the line or a seat frees.
      await this.sequenceLine(manager, found.event_id);
      const [cancelled] = await manager.query<(RegistrationRow & { was: string })[]>(
        `WITH old AS (SELECT id, status FROM registrations WHERE id = $1 FOR UPDATE),
         r AS (
           UPDATE registrations x SET status = 'cancelled', cancelled_at = now(), updated_at = now()
           FROM old WHERE x.id = old.id AND old.status <> 'cancelled'
           RETURNING x.*, old.status AS was
         )
         SELECT ${REGISTRATION_COLUMNS}, NULL::int AS position, r.was FROM r`,
        [registrationId],
      );
      if (!cancelled) {
        throw new AppConflict('INVALID_TRANSITION', 'The registration is already cancelled');
      }
      if (cancelled.was === 'applied') {
        // A withdrawn leader takes the party with it; its friends stay, as single applicants.
        await manager.query(`DELETE FROM parties WHERE leader_registration_id = $1`, [
          registrationId,
        ]);
      }
      if (cancelled.was === 'confirmed') {
        await releaseSeats(manager, found.event_id, 1);
        await this.promote(manager, found.event_id);
      }
      return cancelled;
    });
    this.mail.kick();
    return toRegistrationResponse(row);
  }

  /**
   * Gives free seats to the head of the line, with e-mails. The caller's transaction holds the
   * event's queue lock exclusively (EventsService.lock or lockQueue).
   */
  async promote(manager: EntityManager, eventId: string): Promise<number> {
    await this.sequenceLine(manager, eventId);
    const [{ promoted }] = await manager.query<{ promoted: number }[]>(PROMOTE_SQL, [eventId]);
    return promoted;
  }

  /**
   * A lottery draw's outcome, in the draw's transaction (which holds the event's queue lock
   * exclusively): `seated` confirmed, their seats taken from the event's shares (`takeSeats`,
   * seats.ts); `waitlisted` given the line's next places in drawn order (under the line lock,
   * as the line step does), so late registrants queue behind them; each with their e-mail
   * (`draw_seated` with QR and .ics, `draw_waitlisted` with the true position). The only place
   * where the draw touches seats and the line.
   */
  async placeDrawn(
    manager: EntityManager,
    eventId: string,
    seated: readonly string[],
    waitlisted: readonly string[],
  ): Promise<void> {
    // Chunks keep every statement well inside the statement timeout, whatever the draw's size.
    const chunks = (ids: readonly string[]) =>
      Array.from({ length: Math.ceil(ids.length / DRAW_CHUNK) }, (_, i) =>
        ids.slice(i * DRAW_CHUNK, (i + 1) * DRAW_CHUNK),
      );
    if (seated.length > 0) {
      const got = await takeSeats(manager, eventId, seated.length);
      if (got !== seated.length) {
        throw new Error(`draw of ${eventId}: ${got} seats free for ${seated.length} drawn`);
      }
      for (const chunk of chunks(seated)) {
        const [{ n }] = await manager.query<{ n: number }[]>(DRAW_CONFIRM_SQL, [eventId, chunk]);
        if (n !== chunk.length) throw new Error(`draw of ${eventId}: ${n}/${chunk.length} seated`);
      }
    }
    if (waitlisted.length === 0) return;
    // Anyone waitlisted before (nobody, for a lottery) gets their place first.
    await this.sequenceLine(manager, eventId);
    const [line] = await manager.query<{ last_seq: string; in_line: number }[]>(
      `SELECT last_seq, in_line FROM event_lines WHERE event_id = $1`,
      [eventId],
    );
    const lastSeq = line?.last_seq ?? '0';
    const ahead = line?.in_line ?? 0;
    let done = 0;
    for (const chunk of chunks(waitlisted)) {
      const [{ n }] = await manager.query<{ n: number }[]>(DRAW_WAITLIST_SQL, [
        eventId,
        chunk,
        done,
        lastSeq,
        ahead,
      ]);
      if (n !== chunk.length) {
        throw new Error(`draw of ${eventId}: ${n}/${chunk.length} waitlisted`);
      }
      done += n;
    }
    await manager.query(
      `INSERT INTO event_lines AS l (event_id, last_seq, in_line) VALUES ($1, $2::bigint, $2::int)
       ON CONFLICT (event_id) DO UPDATE
         SET last_seq = l.last_seq + EXCLUDED.last_seq, in_line = l.in_line + EXCLUDED.in_line`,
      [eventId, done],
    );
  }

  /**
   * The line step (see seats.ts): every committed waitlisted registration without a place gets
   * one and its e-mail. Holds the event's line lock until the caller's transaction ends.
   */
  async sequenceLine(manager: EntityManager, eventId: string): Promise<number> {
    const [{ placed }] = await manager.query<{ placed: number }[]>(SEQUENCE_LINE_SQL, [eventId]);
    return placed;
  }

  /**
   * Places waitlisted registrations whose second step never ran (their process died between
   * the two), older than `minAgeMs`; run periodically by worker processes. Returns how many.
   */
  async placeStragglers(minAgeMs: number): Promise<number> {
    const events = await this.dataSource.query<{ event_id: string }[]>(STRAGGLING_EVENTS_SQL, [
      minAgeMs,
    ]);
    let placed = 0;
    for (const { event_id } of events) {
      placed += await this.dataSource.transaction((m) => this.sequenceLine(m, event_id));
    }
    if (placed > 0) this.mail.kick();
    return placed;
  }

  /** E-mails every active registrant of a cancelled event (their rows keep their status). */
  async notifyCancelled(manager: EntityManager, eventId: string): Promise<void> {
    // The waitlisted are told their place before they are told the event is off.
    await this.sequenceLine(manager, eventId);
    await manager.query(EVENT_CANCELLED_MAIL_SQL, [eventId]);
  }

  /** For organizers and volunteers; e-mail, arrival date and note for organizers only. */
  async listForEvent(
    userId: string,
    eventId: string,
    query: RegistrationQueryDto,
  ): Promise<Page<EventRegistrationDto>> {
    const event = await this.events.findForRole(eventId, userId, 'volunteer');
    const organizer = await this.access.has(event.groupId, userId, 'organizer');
    const filter = query.status ? `AND r.status = $2` : `AND $2::registration_status IS NULL`;
    const search = likePattern(query.search);
    const [rows, [{ total }]] = await Promise.all([
      this.eventRows(eventId, filter, [query.status ?? null, query.limit, query.offset, search]),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM registrations r JOIN users u ON u.id = r.user_id
          WHERE r.event_id = $1 ${filter} AND ${SEARCH_SQL('u', '$3')}`,
        [eventId, query.status ?? null, search],
      ),
    ]);
    return page(
      rows.map((r) => ({
        id: r.id,
        user: {
          id: r.user_id,
          displayName: r.display_name,
          email: organizer ? r.email : null,
          country: r.country,
        },
        status: r.status,
        waitlistPosition: r.status === 'waitlisted' ? Number(r.position) : null,
        language: r.language,
        arrivalDate: organizer ? r.arrival_date : null,
        note: organizer ? r.note : null,
        checkedInAt: r.checked_in_at?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
      })),
      total,
      query,
    );
  }

  /** The organizer's CSV: one row per registration, confirmed first, then the waitlist in order. */
  async exportCsv(userId: string, eventId: string): Promise<string> {
    await this.events.findForRole(eventId, userId, 'organizer');
    const rows = await this.eventRows(eventId, `AND $2::registration_status IS NULL`, [
      null,
      null,
      0,
      null,
    ]);
    return toCsv(
      [
        'name',
        'email',
        'country',
        'language',
        'status',
        'position',
        'arrival_date',
        'note',
        'registered_at',
        'checked_in_at',
      ],
      rows.map((r) => [
        r.display_name,
        r.email,
        r.country,
        r.language ?? r.user_language,
        r.status,
        r.status === 'waitlisted' ? Number(r.position) : null,
        r.arrival_date,
        r.note,
        r.created_at.toISOString(),
        r.checked_in_at?.toISOString() ?? null,
      ]),
    );
  }

  /**
   * One query: registrations with their users; confirmed by creation, the waitlist in its
   * line's order with positions by window.
   */
  private eventRows(eventId: string, filter: string, params: unknown[]) {
    return this.dataSource.query<
      (RegistrationRow & {
        display_name: string;
        email: string;
        country: string;
        user_language: string;
      })[]
    >(
      `SELECT * FROM (
         SELECT ${REGISTRATION_COLUMNS}, u.display_name, u.email, u.country,
           u.language AS user_language,
           row_number() OVER (PARTITION BY r.status ORDER BY ${LINE_ORDER('r')})::int AS position
         FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE r.event_id = $1 ${filter}
       ) x
       -- Searched outside the window, so a match keeps its true waitlist position.
       WHERE ${SEARCH_SQL('x', '$5')}
       ORDER BY x.status, x.position
       LIMIT $3 OFFSET $4`,
      [eventId, ...params],
    );
  }

  /**
   * Marks a confirmed attendee as arrived (organizers and volunteers of the event's group); a
   * second scan is 409 ALREADY_CHECKED_IN with the first time, another event's code 404. One
   * statement, one round trip (the door's hot path).
   */
  async checkIn(caller: AuthUser, eventId: string, code: string): Promise<CheckInResponseDto> {
    const [row] = await preparedQuery<CheckInRow>(
      this.dataSource,
      this.dataSource.manager,
      'registrations_check_in_by_code',
      CHECK_IN_BY_CODE_SQL,
      [eventId, caller.id, code, caller.sessionVersion],
    );
    if (!row.account_active) throw new UnauthorizedException(BAD_TOKEN_MESSAGE);
    if (!row.group_id || (!row.role && row.event_status !== 'published')) {
      throw new NotFoundException('Event not found');
    }
    return this.checkInOutcome(row, 'Unknown check-in code');
  }

  /**
   * The same check-in by registration id, from the organizers' registrations table. Someone
   * who may not know the registration exists gets 404; its owner (not staff) 403.
   */
  async checkInRegistration(caller: AuthUser, registrationId: string): Promise<CheckInResponseDto> {
    const [row] = await preparedQuery<CheckInRow>(
      this.dataSource,
      this.dataSource.manager,
      'registrations_check_in_by_id',
      CHECK_IN_BY_ID_SQL,
      [registrationId, caller.id, caller.sessionVersion],
    );
    if (!row.account_active) throw new UnauthorizedException(BAD_TOKEN_MESSAGE);
    const staff = row.role === 'volunteer' || row.role === 'organizer';
    if (!row.group_id || (!staff && row.owner_id !== caller.id)) {
      throw new NotFoundException('Registration not found');
    }
    return this.checkInOutcome(row, 'Registration not found');
  }

  private checkInOutcome(row: CheckInRow, unknown: string): CheckInResponseDto {
    if (row.role !== 'volunteer' && row.role !== 'organizer') {
      throw new ForbiddenException('Only a group volunteer may do this');
    }
    if (row.event_status !== 'published') {
      throw new AppConflict('EVENT_NOT_OPEN', `The event is ${row.event_status}`);
    }
    if (!row.id) throw new NotFoundException(unknown);
    const attendee = {
      displayName: row.display_name!,
      country: row.country!,
      language: row.language!,
    };
    if (row.checked_in_at) {
      return { registrationId: row.id, checkedInAt: row.checked_in_at.toISOString(), attendee };
    }
    if (row.previous) {
      throw new AppConflict('ALREADY_CHECKED_IN', 'This registration is already checked in', {
        checkedInAt: row.previous.toISOString(),
        registrationId: row.id,
        attendee,
      });
    }
    throw new AppConflict('NOT_CONFIRMED', `This registration is ${row.status}, not confirmed`);
  }

  /** The door's counter: confirmed registrations and how many of them are checked in. */
  async checkInSummary(userId: string, eventId: string): Promise<CheckInSummaryDto> {
    await this.events.findForRole(eventId, userId, 'volunteer');
    const [row] = await this.dataSource.query<CheckInSummaryDto[]>(
      `SELECT count(*)::int AS confirmed,
              count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS "checkedIn"
         FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
      [eventId],
    );
    return row;
  }
}
