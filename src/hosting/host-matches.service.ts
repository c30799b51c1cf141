import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import type { Language } from '../common/locale.js';
import { type Page, page, type PaginationQueryDto } from '../common/pagination.js';
import { isUniqueViolation, PG, pgError } from '../database/pg-errors.js';
import { GroupAccess } from '../fan-groups/group-access.service.js';
import { roleAtLeast } from '../fan-groups/group-role.js';
import { HelpRequestHistoryEntity } from '../help-requests/help-request-history.entity.js';
import { isTerminal } from '../help-requests/help-request-status.js';
import { HelpRequestEntity } from '../help-requests/help-request.entity.js';
import { HelpRequestsService } from '../help-requests/help-requests.service.js';
import { MailService } from '../mail/mail.service.js';
import type { MailKind } from '../mail/mail.types.js';
import type { HostMatchMailBase } from '../mail/templates/host-match.templates.js';
import type {
  HostMatchResponseDto,
  HostSuggestionDto,
  MatchPersonDto,
} from './dto/host-match.dto.js';
import { HostMatchEntity, type HostMatchStatus, type MatchSide } from './host-match.entity.js';
import { rankOffers } from './host-ranking.js';

const REQUEST_NOT_FOUND = 'Help request not found';
const MATCH_NOT_FOUND = 'Host match not found';

/** One match with everything its views and e-mails need (MATCH_SQL). */
interface MatchRow {
  id: string;
  request_id: string;
  offer_id: string;
  status: HostMatchStatus;
  guests: number;
  host_accepted_at: Date | null;
  guest_accepted_at: Date | null;
  declined_by: MatchSide | null;
  created_at: Date;
  updated_at: Date;
  group_id: string;
  group_name: string;
  city: string;
  price_per_night: string | null;
  currency: string | null;
  note: string | null;
  address: string;
  phone: string | null;
  check_in: string | null;
  check_out: string | null;
  assignee_id: string | null;
  host_id: string;
  host_name: string;
  host_country: string;
  host_languages: string[];
  host_email: string;
  host_language: Language;
  host_deleted: boolean;
  guest_id: string;
  guest_name: string;
  guest_country: string;
  guest_languages: string[];
  guest_email: string;
  guest_language: Language;
  guest_deleted: boolean;
}

const MATCH_SQL = `
SELECT m.id, m.request_id, m.offer_id, m.status, m.guests, m.host_accepted_at,
       m.guest_accepted_at, m.declined_by, m.created_at, m.updated_at,
       o.group_id, fg.name AS group_name, o.city, o.price_per_night, o.currency, o.note,
       o.address, o.phone, r.check_in::text AS check_in, r.check_out::text AS check_out,
       r.assignee_id,
       h.id AS host_id, h.display_name AS host_name, h.country AS host_country,
       h.spoken_languages AS host_languages, h.email AS host_email, h.language AS host_language,
       h.deleted_at IS NOT NULL AS host_deleted,
       g.id AS guest_id, g.display_name AS guest_name, g.country AS guest_country,
       g.spoken_languages AS guest_languages, g.email AS guest_email,
       g.language AS guest_language, g.deleted_at IS NOT NULL AS guest_deleted
  FROM host_matches m
  JOIN hosting_offers o ON o.id = m.offer_id
  JOIN fan_groups fg ON fg.id = o.group_id
  JOIN help_requests r ON r.id = m.request_id
  JOIN users h ON h.id = o.host_id
  JOIN users g ON g.id = r.requester_id`;

const person = (id: string, name: string, country: string, langs: string[]): MatchPersonDto => ({
  id,
  displayName: name,
  country,
  spokenLanguages: langs,
});

/**
 * The view of a match for `viewerId`. The other side's contact only for the host and the
 * guest, only once both accepted: before that nobody sees the host's address or phone or the
 * guest's e-mail here.
 */
export function toHostMatchResponse(row: MatchRow, viewerId: string): HostMatchResponseDto {
  const side: MatchSide | null =
    row.host_id === viewerId ? 'host' : row.guest_id === viewerId ? 'guest' : null;
  let contact: HostMatchResponseDto['contact'] = null;
  if (row.status === 'accepted' && side === 'guest' && !row.host_deleted) {
    contact = {
      displayName: row.host_name,
      email: row.host_email,
      address: row.address,
      phone: row.phone,
    };
  } else if (row.status === 'accepted' && side === 'host' && !row.guest_deleted) {
    contact = { displayName: row.guest_name, email: row.guest_email, address: null, phone: null };
  }
  return {
    id: row.id,
    requestId: row.request_id,
    offerId: row.offer_id,
    status: row.status,
    guests: row.guests,
    city: row.city,
    checkIn: row.check_in,
    checkOut: row.check_out,
    pricePerNight: row.price_per_night === null ? null : Number(row.price_per_night),
    currency: row.currency,
    note: row.note,
    host: person(row.host_id, row.host_name, row.host_country, row.host_languages),
    guest: person(row.guest_id, row.guest_name, row.guest_country, row.guest_languages),
    hostAccepted: row.host_accepted_at !== null,
    guestAccepted: row.guest_accepted_at !== null,
    declinedBy: row.declined_by,
    yourSide: side,
    contact,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

interface SuggestionRow {
  id: string;
  available_from: string;
  available_to: string;
  beds: number;
  beds_taken: number;
  spoken_languages: string[];
  price_per_night: string | null;
  currency: string | null;
  city: string;
  note: string | null;
  created_at: Date;
  host_id: string;
  host_name: string;
  host_country: string;
  host_languages: string[];
  match_id: string | null;
}

/**
 * Host suggestions and the match workflow: proposed by an organizer or the assignee, accepted
 * or declined by the host and the guest, each on their side; the final accept takes the beds
 * with one conditional UPDATE (CHECK-backed) and resolves the request.
 */
@Injectable()
export class HostMatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly helpRequests: HelpRequestsService,
    private readonly access: GroupAccess,
    private readonly mail: MailService,
  ) {}

  /** Offers covering the stay with enough free beds, best first (host-ranking.ts). */
  async suggestions(
    userId: string,
    requestId: string,
    query: PaginationQueryDto,
  ): Promise<Page<HostSuggestionDto>> {
    const request = await this.requestForHelper(this.dataSource.manager, userId, requestId);
    if (request.type !== 'accommodation' || request.detailsErasedAt || !request.checkIn) {
      return page([], 0, query);
    }
    const [requester] = await this.dataSource.query<{ spoken_languages: string[] }[]>(
      'SELECT spoken_languages FROM users WHERE id = $1',
      [request.requesterId],
    );
    const rows = await this.dataSource.query<SuggestionRow[]>(
      `SELECT o.id, o.available_from::text AS available_from, o.available_to::text AS available_to,
              o.beds, o.beds_taken, o.spoken_languages, o.price_per_night, o.currency, o.city,
              o.note, o.created_at, u.id AS host_id, u.display_name AS host_name,
              u.country AS host_country, u.spoken_languages AS host_languages, m.id AS match_id
         FROM hosting_offers o
         JOIN users u ON u.id = o.host_id AND u.deleted_at IS NULL
         LEFT JOIN host_matches m ON m.offer_id = o.id AND m.request_id = $2
                                  AND m.status IN ('proposed', 'accepted')
        WHERE o.group_id = $1 AND o.host_id <> $3
          AND o.available_from <= $4::date AND o.available_to >= $5::date
          AND o.beds - o.beds_taken >= $6`,
      [
        request.groupId,
        requestId,
        request.requesterId,
        request.checkIn,
        request.checkOut,
        request.guests,
      ],
    );
    const ranked = rankOffers(
      rows.map((r) => ({
        ...r,
        availableFrom: r.available_from,
        availableTo: r.available_to,
        bedsTaken: r.beds_taken,
        // An offer without languages of its own speaks its host's.
        spokenLanguages: r.spoken_languages.length ? r.spoken_languages : r.host_languages,
        pricePerNight: r.price_per_night === null ? null : Number(r.price_per_night),
        createdAt: r.created_at,
      })),
      {
        checkIn: request.checkIn,
        checkOut: request.checkOut!,
        guests: request.guests!,
        maxBudgetPerNight: request.maxBudgetPerNight,
        currency: request.currency,
        spokenLanguages: requester?.spoken_languages ?? [],
      },
    );
    const items = ranked
      .slice(query.offset, query.offset + query.limit)
      .map((o): HostSuggestionDto => ({
        offerId: o.id,
        host: person(o.host_id, o.host_name, o.host_country, o.host_languages),
        city: o.city,
        availableFrom: o.availableFrom,
        availableTo: o.availableTo,
        beds: o.beds,
        freeBeds: o.ranking.freeBeds,
        spokenLanguages: [...o.spokenLanguages],
        sharedLanguages: o.ranking.sharedLanguages,
        pricePerNight: o.pricePerNight,
        currency: o.currency,
        withinBudget: o.ranking.withinBudget,
        distanceDays: o.ranking.distanceDays,
        note: o.note,
        matchId: o.match_id,
      }));
    return page(items, ranked.length, query);
  }

  /** An organizer or the assignee pairs the request with an offer of its group. */
  async propose(userId: string, requestId: string, offerId: string): Promise<HostMatchResponseDto> {
    let matchId: string;
    try {
      matchId = await this.dataSource.transaction(async (manager) => {
        const request = await this.requestForHelper(manager, userId, requestId, true);
        if (request.type !== 'accommodation') {
          throw new AppConflict('NOT_ACCOMMODATION', 'Only an accommodation request gets a host');
        }
        if (isTerminal(request.status) || request.detailsErasedAt) {
          throw new AppConflict('REQUEST_CLOSED', `The help request is ${request.status}`);
        }
        const [offer] = await manager.query<
          { host_id: string; available_from: string; available_to: string; free: number }[]
        >(
          `SELECT o.host_id, o.available_from::text AS available_from,
                  o.available_to::text AS available_to, o.beds - o.beds_taken AS free
             FROM hosting_offers o JOIN users u ON u.id = o.host_id AND u.deleted_at IS NULL
            WHERE o.id = $1 AND o.group_id = $2`,
          [offerId, request.groupId],
        );
        // Another group's offer and an unknown id look the same.
        if (!offer) throw new BadRequestException('offerId must be a hosting offer of this group');
        if (offer.host_id === request.requesterId) {
          throw new BadRequestException('The requester cannot be their own host');
        }
        if (offer.available_from > request.checkIn! || offer.available_to < request.checkOut!) {
          throw new AppConflict('DATES_NOT_COVERED', 'The offer does not cover every night');
        }
        if (offer.free < request.guests!) {
          throw new AppConflict('NO_BEDS', 'The offer has not enough free beds', {
            freeBeds: offer.free,
          });
        }
        const saved = await manager.save(
          manager.create(HostMatchEntity, {
            offerId,
            requestId,
            proposedById: userId,
            guests: request.guests!,
            status: 'proposed',
            hostAcceptedAt: null,
            guestAcceptedAt: null,
            declinedBy: null,
          }),
        );
        const row = await this.row(manager, saved.id);
        await this.tell(manager, row, 'host_match_proposed', 'proposed', ['host', 'guest']);
        return saved.id;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'UQ_host_matches_live')) {
        throw new AppConflict('ALREADY_PROPOSED', 'This offer is already proposed for the request');
      }
      throw err;
    }
    this.mail.kick();
    return toHostMatchResponse(await this.row(this.dataSource.manager, matchId), userId);
  }

  async get(userId: string, matchId: string): Promise<HostMatchResponseDto> {
    const row = await this.visibleRow(userId, matchId);
    return toHostMatchResponse(row, userId);
  }

  /** The request's matches, for its requester, organizers and assignee. */
  async listForRequest(
    userId: string,
    requestId: string,
    query: PaginationQueryDto,
  ): Promise<Page<HostMatchResponseDto>> {
    const request = await this.dataSource.manager.findOneBy(HelpRequestEntity, { id: requestId });
    if (!request || (await this.helpRequests.actorsOf(request, userId)).size === 0) {
      throw new NotFoundException(REQUEST_NOT_FOUND);
    }
    return this.list('m.request_id = $1', [requestId], userId, query);
  }

  /** Matches where the caller is the host or the guest. */
  async listMine(userId: string, query: PaginationQueryDto): Promise<Page<HostMatchResponseDto>> {
    return this.list('(o.host_id = $1 OR r.requester_id = $1)', [userId], userId, query);
  }

  /**
   * The caller's side accepts. When the other side has too, the beds are taken (one
   * conditional UPDATE: never more than offered, 409 NO_BEDS), the request is resolved, the
   * request's other proposals are withdrawn and both sides get each other's contact.
   */
  async accept(userId: string, matchId: string): Promise<HostMatchResponseDto> {
    return this.answer(userId, matchId, 'accept');
  }

  /** The caller's side declines; the other side is told. */
  async decline(userId: string, matchId: string): Promise<HostMatchResponseDto> {
    return this.answer(userId, matchId, 'decline');
  }

  private async answer(
    userId: string,
    matchId: string,
    action: 'accept' | 'decline',
  ): Promise<HostMatchResponseDto> {
    const seen = await this.visibleRow(userId, matchId);
    const side: MatchSide | null =
      seen.host_id === userId ? 'host' : seen.guest_id === userId ? 'guest' : null;
    if (!side) throw new ForbiddenException('Only the host and the guest answer a match');
    try {
      await this.dataSource.transaction(async (manager) => {
        // The request first: every answer about one request queues here, so two matches of
        // the same request never both win, and withdrawing the others cannot deadlock.
        const [request] = await manager.query<{ status: HelpRequestEntity['status'] }[]>(
          'SELECT status FROM help_requests WHERE id = $1 FOR UPDATE',
          [seen.request_id],
        );
        const [locked] = await manager.query<
          {
            status: HostMatchStatus;
            host_accepted_at: Date | null;
            guest_accepted_at: Date | null;
          }[]
        >(
          `SELECT status, host_accepted_at, guest_accepted_at FROM host_matches
            WHERE id = $1 FOR UPDATE`,
          [matchId],
        );
        if (!request || !locked) throw new NotFoundException(MATCH_NOT_FOUND);
        const mine = side === 'host' ? locked.host_accepted_at : locked.guest_accepted_at;
        const theirs = side === 'host' ? locked.guest_accepted_at : locked.host_accepted_at;
        // Repeating one's own accept changes nothing.
        if (action === 'accept' && mine && ['proposed', 'accepted'].includes(locked.status)) return;
        if (locked.status !== 'proposed') {
          throw new AppConflict('INVALID_TRANSITION', `The match is already ${locked.status}`, {
            status: locked.status,
          });
        }
        if (action === 'decline') {
          await manager.query(
            `UPDATE host_matches SET status = 'declined', declined_by = $2, updated_at = now()
              WHERE id = $1`,
            [matchId, side],
          );
          const row = await this.row(manager, matchId);
          await this.tell(manager, row, 'host_match_answered', 'declined', [other(side)], {
            answer: 'declined',
          });
          return;
        }
        if (isTerminal(request.status)) {
          throw new AppConflict('REQUEST_CLOSED', `The help request is ${request.status}`);
        }
        const column = side === 'host' ? 'host_accepted_at' : 'guest_accepted_at';
        await manager.query(
          `UPDATE host_matches SET ${column} = now(), updated_at = now() WHERE id = $1`,
          [matchId],
        );
        if (!theirs) {
          const row = await this.row(manager, matchId);
          await this.tell(manager, row, 'host_match_answered', `accepted:${side}`, [other(side)], {
            answer: 'accepted',
          });
          return;
        }
        await this.confirm(manager, userId, matchId, request.status);
      });
    } catch (err) {
      // The conditional UPDATE answers first; the CHECK is the last word behind it.
      if (pgError(err)?.code === PG.CHECK_VIOLATION) throw noBeds();
      if (isUniqueViolation(err, 'UQ_host_matches_accepted_request')) {
        throw new AppConflict('ALREADY_MATCHED', 'The request already has a host');
      }
      throw err;
    }
    this.mail.kick();
    return toHostMatchResponse(await this.row(this.dataSource.manager, matchId), userId);
  }

  /** Both sides accepted: beds, match, request, the other proposals, e-mails. */
  private async confirm(
    manager: EntityManager,
    userId: string,
    matchId: string,
    fromStatus: HelpRequestEntity['status'],
  ): Promise<void> {
    const taken: unknown[] = await manager.query(
      `UPDATE hosting_offers o SET beds_taken = o.beds_taken + m.guests, updated_at = now()
         FROM host_matches m
        WHERE m.id = $1 AND o.id = m.offer_id AND o.beds_taken + m.guests <= o.beds
       RETURNING o.id`,
      [matchId],
    );
    if ((taken[0] as unknown[]).length === 0) throw noBeds();
    // An UPDATE … RETURNING answers [rows, count].
    const [[{ request_id: requestId }]] = await manager.query<[{ request_id: string }[], number]>(
      `UPDATE host_matches SET status = 'accepted', updated_at = now() WHERE id = $1
       RETURNING request_id`,
      [matchId],
    );
    await manager.query(
      `UPDATE host_matches SET status = 'withdrawn', updated_at = now()
        WHERE request_id = $1 AND id <> $2 AND status = 'proposed'`,
      [requestId, matchId],
    );
    await manager.query(
      `UPDATE help_requests SET status = 'resolved', updated_at = now() WHERE id = $1`,
      [requestId],
    );
    const entry = await manager.save(
      manager.create(HelpRequestHistoryEntity, {
        requestId,
        actorId: userId,
        action: 'status',
        fromStatus,
        toStatus: 'resolved',
        assigneeId: null,
        previousAssigneeId: null,
      }),
    );
    const row = await this.row(manager, matchId);
    // The requester hears of every status change (API.md, Help requests).
    await this.enqueue(
      manager,
      'help_request_status',
      row.guest_id,
      row.guest_language,
      {
        requestId,
        requestType: 'accommodation',
        groupName: row.group_name,
        eventTitle: await this.eventTitle(manager, requestId),
        fromStatus,
        toStatus: 'resolved',
        actorName: row.host_id === userId ? row.host_name : row.guest_name,
      },
      `help_request_status:${entry.id}`,
    );
    for (const side of ['host', 'guest'] as const) {
      const contactOf = other(side);
      await this.tell(manager, row, 'host_match_confirmed', 'confirmed', [side], {
        otherEmail: contactOf === 'host' ? row.host_email : row.guest_email,
        address: row.address,
        phone: row.phone,
        note: row.note,
      });
    }
  }

  /** E-mails to the named sides of a match, each in the recipient's language, once per cause. */
  private async tell(
    manager: EntityManager,
    row: MatchRow,
    kind: MailKind,
    cause: string,
    sides: MatchSide[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    for (const side of sides) {
      const isHost = side === 'host';
      if (isHost ? row.host_deleted : row.guest_deleted) continue;
      const base: HostMatchMailBase & Record<string, unknown> = {
        matchId: row.id,
        requestId: row.request_id,
        role: side,
        otherName: isHost ? row.guest_name : row.host_name,
        groupName: row.group_name,
        city: row.city,
        checkIn: row.check_in,
        checkOut: row.check_out,
        guests: row.guests,
      };
      if (kind === 'host_match_proposed') {
        Object.assign(base, {
          pricePerNight: row.price_per_night === null ? null : Number(row.price_per_night),
          currency: row.currency,
          languages: isHost ? row.guest_languages : row.host_languages,
        });
      }
      await this.enqueue(
        manager,
        kind,
        isHost ? row.host_id : row.guest_id,
        isHost ? row.host_language : row.guest_language,
        { ...base, ...extra },
        `${kind}:${row.id}:${cause}:${side}`,
      );
    }
  }

  private async enqueue(
    manager: EntityManager,
    kind: MailKind,
    userId: string,
    language: Language,
    data: Record<string, unknown>,
    dedupeKey: string,
  ): Promise<void> {
    await this.mail.enqueue(manager, { kind, userId, language, data, dedupeKey });
  }

  private async eventTitle(manager: EntityManager, requestId: string): Promise<string | null> {
    const [row] = await manager.query<{ title: string }[]>(
      `SELECT e.title FROM help_requests r JOIN events e ON e.id = r.event_id WHERE r.id = $1`,
      [requestId],
    );
    return row?.title ?? null;
  }

  /**
   * The request, for an organizer of its group or its assignee; the requester alone gets 403,
   * anyone else 404. `lock` takes the request row for the rest of the transaction.
   */
  private async requestForHelper(
    manager: EntityManager,
    userId: string,
    requestId: string,
    lock = false,
  ): Promise<HelpRequestEntity> {
    const request = await manager.findOne(HelpRequestEntity, {
      where: { id: requestId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!request) throw new NotFoundException(REQUEST_NOT_FOUND);
    const actors = await this.helpRequests.actorsOf(request, userId);
    if (actors.has('organizer') || actors.has('assignee')) return request;
    if (actors.has('requester')) {
      throw new ForbiddenException('Hosts are found by the group’s organizers and the assignee');
    }
    throw new NotFoundException(REQUEST_NOT_FOUND);
  }

  /** The match if the caller is its host, guest, an organizer of its group or the assignee. */
  private async visibleRow(userId: string, matchId: string): Promise<MatchRow> {
    const [row] = await this.dataSource.query<MatchRow[]>(`${MATCH_SQL} WHERE m.id = $1`, [
      matchId,
    ]);
    if (!row) throw new NotFoundException(MATCH_NOT_FOUND);
    if (row.host_id === userId || row.guest_id === userId) return row;
    const role = await this.access.roleOf(row.group_id, userId);
    if (role === 'organizer' || (row.assignee_id === userId && roleAtLeast(role, 'volunteer'))) {
      return row;
    }
    throw new NotFoundException(MATCH_NOT_FOUND);
  }

  private async row(manager: EntityManager, matchId: string): Promise<MatchRow> {
    const [row] = await manager.query<MatchRow[]>(`${MATCH_SQL} WHERE m.id = $1`, [matchId]);
    if (!row) throw new NotFoundException(MATCH_NOT_FOUND);
    return row;
  }

  private async list(
    where: string,
    params: unknown[],
    userId: string,
    query: PaginationQueryDto,
  ): Promise<Page<HostMatchResponseDto>> {
    const n = params.length;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<MatchRow[]>(
        `${MATCH_SQL} WHERE ${where} ORDER BY m.created_at DESC, m.id DESC
         LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, query.limit, query.offset],
      ),
      this.dataSource.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM host_matches m
           JOIN hosting_offers o ON o.id = m.offer_id
           JOIN help_requests r ON r.id = m.request_id WHERE ${where}`,
        params,
      ),
    ]);
    return page(
      rows.map((r) => toHostMatchResponse(r, userId)),
      total,
      query,
    );
  }
}

const other = (side: MatchSide): MatchSide => (side === 'host' ? 'guest' : 'host');
const noBeds = () => new AppConflict('NO_BEDS', 'The offer has no free beds left for this match');
