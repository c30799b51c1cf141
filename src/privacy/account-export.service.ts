import type { Language } from '../common/locale.js';
import { localize, localizedSql } from '../common/translations.js';
import type { FanGroupEntity } from '../fan-groups/fan-group.entity.js';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { calendarFeedUrls } from '../calendar/calendar-feed-url.js';
import type { TypedConfigService } from '../config/app-config.js';
import type { GroupRole } from '../fan-groups/group-role.js';
import {
  toHelpRequestSummary,
  toHistoryEntry,
} from '../help-requests/dto/help-request-response.dto.js';
import { HelpRequestCommentEntity } from '../help-requests/help-request-comment.entity.js';
import { HelpRequestHistoryEntity } from '../help-requests/help-request-history.entity.js';
import { HelpRequestEntity } from '../help-requests/help-request.entity.js';
import type { OutboxStatus } from '../mail/outbox.entity.js';
import type { ArrivalMode } from '../registrations/registration-arrival.entity.js';
import type { RegistrationStatus } from '../registrations/registration.entity.js';
import type {
  AccountExportDto,
  ExportCommentDto,
  ExportEmailDto,
  ExportHelpRequestDto,
  ExportHostingOfferDto,
  ExportHostMatchDto,
  ExportMembershipDto,
  ExportRegistrationDto,
  ExportTaskAssignmentDto,
  ExportThreadCommentDto,
} from './dto/account-export.dto.js';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

interface MembershipRow {
  group_id: string;
  name: string;
  slug: string;
  role: GroupRole;
  joined_at: Date;
}

interface RegistrationRow {
  id: string;
  status: RegistrationStatus;
  language: string | null;
  arrival_date: string | null;
  note: string | null;
  check_in_code: string;
  checked_in_at: Date | null;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  event_id: string;
  title: string;
  venue: string | null;
  city: string | null;
  starts_at: Date;
  ends_at: Date | null;
  timezone: string;
  event_status: string;
  arrival_at: Date | null;
  arrival_mode: ArrivalMode | null;
  arrival_origin: string | null;
  arrival_reference: string | null;
  arrival_place: string | null;
}

interface OfferRow {
  id: string;
  group_id: string;
  city: string;
  available_from: string;
  available_to: string;
  beds: number;
  beds_taken: number;
  spoken_languages: string[];
  note: string | null;
  price_per_night: string | null;
  currency: string | null;
  address: string;
  phone: string | null;
  created_at: Date;
}

interface MatchRow {
  id: string;
  side: 'host' | 'guest';
  status: string;
  offer_id: string;
  request_id: string;
  other_name: string;
  guests: number;
  you_accepted: boolean;
  created_at: Date;
}

const OFFERS_SQL = `
SELECT id, group_id, city, available_from::text AS available_from,
       available_to::text AS available_to, beds, beds_taken, spoken_languages, note,
       price_per_night, currency, address, phone, created_at
  FROM hosting_offers WHERE host_id = $1 ORDER BY created_at, id`;

// The other side by name only: their e-mail, address and phone are not the caller's data.
const MATCHES_SQL = `
SELECT m.id, CASE WHEN o.host_id = $1 THEN 'host' ELSE 'guest' END AS side, m.status,
       m.offer_id, m.request_id,
       CASE WHEN o.host_id = $1 THEN g.display_name ELSE h.display_name END AS other_name,
       m.guests,
       CASE WHEN o.host_id = $1 THEN m.host_accepted_at IS NOT NULL
            ELSE m.guest_accepted_at IS NOT NULL END AS you_accepted,
       m.created_at
  FROM host_matches m
  JOIN hosting_offers o ON o.id = m.offer_id
  JOIN help_requests r ON r.id = m.request_id
  JOIN users h ON h.id = o.host_id
  JOIN users g ON g.id = r.requester_id
 WHERE o.host_id = $1 OR r.requester_id = $1
 ORDER BY m.created_at, m.id`;

interface TaskRow {
  task_id: string;
  title: string;
  description: string | null;
  location: string | null;
  starts_at: Date;
  ends_at: Date;
  status: string;
  assigned_at: Date;
  event_id: string;
  event_title: string;
  venue: string | null;
  timezone: string;
}

interface EmailRow {
  id: string;
  kind: string;
  status: OutboxStatus;
  created_at: Date;
  due_at: Date;
  sent_at: Date | null;
}

// Dates as text: pg would turn a `date` into a local-midnight JS Date.
const REGISTRATIONS_SQL = `
SELECT r.id, r.status, r.language, r.arrival_date::text AS arrival_date, r.note, r.check_in_code,
       r.checked_in_at, r.confirmed_at, r.cancelled_at, r.created_at,
       e.id AS event_id, ${localizedSql('e', 'title', 'title', '$2')} AS title,
       ${localizedSql('e', 'venue', 'venue', '$2')} AS venue, e.city, e.starts_at, e.ends_at,
       e.timezone, e.status AS event_status, a.at AS arrival_at, a.mode AS arrival_mode,
       a.origin AS arrival_origin, a.reference AS arrival_reference, a.place AS arrival_place
  FROM registrations r JOIN events e ON e.id = r.event_id
  LEFT JOIN registration_arrivals a ON a.registration_id = r.id
 WHERE r.user_id = $1
 ORDER BY r.created_at, r.id`;

const TASKS_SQL = `
SELECT t.id AS task_id, ${localizedSql('t', 'title', 'title', '$2')} AS title,
       ${localizedSql('t', 'description', 'description', '$2')} AS description,
       ${localizedSql('t', 'location', 'location', '$2')} AS location,
       t.starts_at, t.ends_at, t.status, a.created_at AS assigned_at, e.id AS event_id,
       ${localizedSql('e', 'title', 'title', '$2')} AS event_title,
       ${localizedSql('e', 'venue', 'venue', '$2')} AS venue, e.timezone
  FROM task_assignments a
  JOIN volunteer_tasks t ON t.id = a.task_id
  JOIN events e ON e.id = t.event_id
 WHERE a.user_id = $1
 ORDER BY t.starts_at, t.id`;

/**
 * GET /me/export: one consistent snapshot (a read-only REPEATABLE READ transaction) built from
 * one query per kind of data, never one per row.
 */
@Injectable()
export class AccountExportService {
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.publicUrl = config.get('app.publicUrl', { infer: true });
  }

  /** Organizer-written texts in `language` (the reader's language), else as written. */
  async export(userId: string, language: Language | null = null): Promise<AccountExportDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const user = await manager.findOneBy(UserEntity, { id: userId, deletedAt: IsNull() });
      if (!user) throw new UnauthorizedException('Account no longer exists');
      const memberships = await manager.query<MembershipRow[]>(
        `SELECT m.group_id, ${localizedSql('g', 'name', 'name', '$2')} AS name, g.slug, m.role,
                m.joined_at
           FROM group_memberships m JOIN fan_groups g ON g.id = m.group_id
          WHERE m.user_id = $1 ORDER BY m.joined_at, g.name`,
        [userId, language],
      );
      const registrations = await manager.query<RegistrationRow[]>(REGISTRATIONS_SQL, [
        userId,
        language,
      ]);
      const { helpRequests, comments } = await this.helpRequests(manager, userId, language);
      const tasks = await manager.query<TaskRow[]>(TASKS_SQL, [userId, language]);
      const offers = await manager.query<OfferRow[]>(OFFERS_SQL, [userId]);
      const matches = await manager.query<MatchRow[]>(MATCHES_SQL, [userId]);
      const emails = await manager.query<EmailRow[]>(
        `SELECT id, kind, status, created_at, due_at, sent_at
           FROM mail_outbox WHERE user_id = $1 ORDER BY created_at, id`,
        [userId],
      );
      const resets = await manager.query<
        { created_at: Date; expires_at: Date; used_at: Date | null }[]
      >(
        `SELECT created_at, expires_at, used_at FROM password_resets
          WHERE user_id = $1 ORDER BY created_at, id`,
        [userId],
      );
      return {
        exportedAt: new Date().toISOString(),
        profile: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          country: user.country,
          language: user.language,
          spokenLanguages: user.spokenLanguages,
          createdAt: user.createdAt.toISOString(),
          updatedAt: user.updatedAt.toISOString(),
        },
        memberships: memberships.map(toMembership),
        registrations: registrations.map(toRegistration),
        helpRequests,
        comments,
        tasks: tasks.map(toTask),
        hostingOffers: offers.map((o): ExportHostingOfferDto => ({
          id: o.id,
          groupId: o.group_id,
          city: o.city,
          availableFrom: o.available_from,
          availableTo: o.available_to,
          beds: o.beds,
          bedsTaken: o.beds_taken,
          spokenLanguages: o.spoken_languages,
          note: o.note,
          pricePerNight: o.price_per_night === null ? null : Number(o.price_per_night),
          currency: o.currency,
          address: o.address,
          phone: o.phone,
          createdAt: o.created_at.toISOString(),
        })),
        hostMatches: matches.map((m): ExportHostMatchDto => ({
          id: m.id,
          side: m.side,
          status: m.status,
          offerId: m.offer_id,
          requestId: m.request_id,
          otherName: m.other_name,
          guests: m.guests,
          youAccepted: m.you_accepted,
          createdAt: m.created_at.toISOString(),
        })),
        emails: emails.map(toEmail),
        passwordResets: resets.map((r) => ({
          requestedAt: r.created_at.toISOString(),
          expiresAt: r.expires_at.toISOString(),
          usedAt: iso(r.used_at),
        })),
        calendarFeed: user.calendarToken
          ? calendarFeedUrls(this.publicUrl, user.calendarToken)
          : null,
      };
    });
  }

  /** The caller's requests with history and threads, and their comments on other requests. */
  private async helpRequests(
    manager: EntityManager,
    userId: string,
    language: Language | null,
  ): Promise<{ helpRequests: ExportHelpRequestDto[]; comments: ExportCommentDto[] }> {
    const requests = await manager.find(HelpRequestEntity, {
      where: { requesterId: userId },
      relations: { group: true, event: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const ids = requests.map((r) => r.id);
    const history =
      ids.length === 0
        ? []
        : await manager.find(HelpRequestHistoryEntity, {
            where: { requestId: In(ids) },
            order: { at: 'ASC', id: 'ASC' },
          });
    const allComments = await manager.find(HelpRequestCommentEntity, {
      where:
        ids.length === 0 ? { authorId: userId } : [{ authorId: userId }, { requestId: In(ids) }],
      relations: { request: { group: true } },
      order: { createdAt: 'ASC', id: 'ASC' },
    });

    const own = new Set(ids);
    const historyOf = groupBy(history, (h) => h.requestId);
    const threadOf = groupBy(
      allComments.filter((c) => own.has(c.requestId)),
      (c) => c.requestId,
    );
    const helpRequests = requests.map((r): ExportHelpRequestDto => {
      const { requester: _r, assignee: _a, ...summary } = toHelpRequestSummary(r);
      return {
        ...summary,
        groupName: groupName(r.group!, language),
        eventTitle: r.event
          ? localize({ title: r.event.title }, r.event.translations, language, ['title']).title
          : null,
        history: (historyOf.get(r.id) ?? []).map(toHistoryEntry),
        comments: (threadOf.get(r.id) ?? []).map((c): ExportThreadCommentDto => ({
          id: c.id,
          authorId: c.authorId,
          byMe: c.authorId === userId,
          body: c.body,
          createdAt: c.createdAt.toISOString(),
        })),
      };
    });
    const comments = allComments
      .filter((c) => !own.has(c.requestId))
      .map((c): ExportCommentDto => ({
        id: c.id,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
        // Only what identifies the request: its message belongs to someone else.
        request: {
          id: c.request!.id,
          groupId: c.request!.groupId,
          groupName: groupName(c.request!.group!, language),
          type: c.request!.type,
          status: c.request!.status,
        },
      }));
    return { helpRequests, comments };
  }
}

function groupName(group: FanGroupEntity, language: Language | null): string {
  return localize({ name: group.name }, group.translations, language, ['name']).name;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function toMembership(m: MembershipRow): ExportMembershipDto {
  return {
    groupId: m.group_id,
    groupName: m.name,
    groupSlug: m.slug,
    role: m.role,
    joinedAt: m.joined_at.toISOString(),
  };
}

function toRegistration(r: RegistrationRow): ExportRegistrationDto {
  return {
    id: r.id,
    status: r.status,
    language: r.language,
    arrivalDate: r.arrival_date,
    note: r.note,
    checkInCode: r.check_in_code,
    checkedInAt: iso(r.checked_in_at),
    confirmedAt: iso(r.confirmed_at),
    cancelledAt: iso(r.cancelled_at),
    createdAt: r.created_at.toISOString(),
    arrival:
      r.arrival_at && r.arrival_mode
        ? {
            registrationId: r.id,
            eventId: r.event_id,
            at: r.arrival_at.toISOString(),
            by: r.arrival_mode,
            from: r.arrival_origin,
            reference: r.arrival_reference,
            place: r.arrival_place,
          }
        : null,
    event: {
      id: r.event_id,
      title: r.title,
      venue: r.venue,
      city: r.city,
      startsAt: r.starts_at.toISOString(),
      endsAt: iso(r.ends_at),
      timezone: r.timezone,
      status: r.event_status,
    },
  };
}

function toTask(t: TaskRow): ExportTaskAssignmentDto {
  return {
    taskId: t.task_id,
    title: t.title,
    description: t.description,
    location: t.location,
    startsAt: t.starts_at.toISOString(),
    endsAt: t.ends_at.toISOString(),
    status: t.status,
    assignedAt: t.assigned_at.toISOString(),
    event: { id: t.event_id, title: t.event_title, venue: t.venue, timezone: t.timezone },
  };
}

function toEmail(e: EmailRow): ExportEmailDto {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    createdAt: e.created_at.toISOString(),
    dueAt: e.due_at.toISOString(),
    sentAt: iso(e.sent_at),
  };
}
