import { randomBytes } from 'node:crypto';
import { Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { Language } from '../common/locale.js';
import { localizedSql } from '../common/translations.js';
import type { TypedConfigService } from '../config/app-config.js';
import { toLanguage } from '../mail/mail.renderer.js';
import { buildIcs, formatInZone, type IcsInput } from '../mail/templates/render-utils.js';
import { taskWhen } from '../mail/templates/task-mail.js';
import { calendarFeedUrls, FEED_TOKEN } from './calendar-feed-url.js';
import type { CalendarFeedDto } from './dto/calendar-feed.dto.js';

/**
 * A bound on each kind of entry, so one feed stays one small response: the latest ones (past
 * entries stay, as in any calendar; only beyond this many do the oldest drop out).
 */
const FEED_LIMIT = 500;

interface EventRow {
  event_id: string;
  event_title: string;
  venue: string | null;
  city: string | null;
  starts_at: Date;
  ends_at: Date | null;
  timezone: string;
  event_status: string;
}

interface RegistrationRow extends EventRow {
  id: string;
  status: string;
}

interface TaskRow {
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  starts_at: Date;
  ends_at: Date;
  status: string;
  event_id: string;
  event_title: string;
  venue: string | null;
  timezone: string;
  event_status: string;
}

/** The event's columns, its texts in the language `lang` (an SQL expression) names. */
const eventColumns = (lang: string) => `e.id AS event_id,
  ${localizedSql('e', 'title', 'title', lang)} AS event_title,
  ${localizedSql('e', 'venue', 'venue', lang)} AS venue, e.city, e.starts_at,
  e.ends_at, e.timezone, e.status AS event_status`;

// Organizer texts in the account's language ($3), else as written.
const FEED_REGISTRATIONS_SQL = `
SELECT r.id, r.status, ${eventColumns('$3')}
  FROM registrations r JOIN events e ON e.id = r.event_id
 WHERE r.user_id = $1 AND r.status = 'confirmed'
 ORDER BY e.starts_at DESC, r.id
 LIMIT $2`;

const FEED_TASKS_SQL = `
SELECT t.id, ${localizedSql('t', 'title', 'title', '$3')} AS title,
       ${localizedSql('t', 'description', 'description', '$3')} AS description,
       ${localizedSql('t', 'location', 'location', '$3')} AS location,
       t.starts_at, t.ends_at, t.status, e.id AS event_id,
       ${localizedSql('e', 'title', 'title', '$3')} AS event_title,
       ${localizedSql('e', 'venue', 'venue', '$3')} AS venue, e.timezone,
       e.status AS event_status
  FROM task_assignments a
  JOIN volunteer_tasks t ON t.id = a.task_id
  JOIN events e ON e.id = t.event_id
 WHERE a.user_id = $1
 ORDER BY t.starts_at DESC, t.id
 LIMIT $2`;

const place = (venue: string | null, city: string | null) =>
  [venue, city].filter(Boolean).join(', ') || null;

/**
 * Calendars: the caller's private iCalendar feed (volunteer tasks and confirmed registrations)
 * and a registration as an `.ics` download. Times are UTC instants (RFC 5545 form 2), which
 * every calendar shows in its own zone; each entry's description names the event's zone and
 * the local time there ("26 June 2026, 18:00 (Asia/Almaty)"). The UIDs are those of the
 * e-mailed invitations, so an entry imported twice stays one entry.
 */
@Injectable()
export class CalendarService {
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.publicUrl = config.get('app.publicUrl', { infer: true });
  }

  /** The feed's addresses; the token is made on first use and kept until rotated. */
  async feedUrls(userId: string): Promise<CalendarFeedDto> {
    const [rows] = await this.dataSource.query<[{ calendar_token: string }[], number]>(
      `UPDATE users SET calendar_token = coalesce(calendar_token, $2)
        WHERE id = $1 AND deleted_at IS NULL RETURNING calendar_token`,
      [userId, newFeedToken()],
    );
    return this.urls(rows);
  }

  /** A new address: the old one answers 404 from now on. */
  async rotateFeed(userId: string): Promise<CalendarFeedDto> {
    const [rows] = await this.dataSource.query<[{ calendar_token: string }[], number]>(
      `UPDATE users SET calendar_token = $2, updated_at = now()
        WHERE id = $1 AND deleted_at IS NULL RETURNING calendar_token`,
      [userId, newFeedToken()],
    );
    return this.urls(rows);
  }

  /** The feed behind a token (`404` for an unknown, rotated or malformed one). */
  async feed(token: string): Promise<string> {
    if (!FEED_TOKEN.test(token)) throw new NotFoundException('Calendar not found');
    const [user] = await this.dataSource.query<{ id: string; language: string }[]>(
      `SELECT id, language FROM users WHERE calendar_token = $1 AND deleted_at IS NULL`,
      [token],
    );
    if (!user) throw new NotFoundException('Calendar not found');
    const language = toLanguage(user.language) ?? 'en';
    const registrations = await this.dataSource.query<RegistrationRow[]>(FEED_REGISTRATIONS_SQL, [
      user.id,
      FEED_LIMIT,
      language,
    ]);
    const tasks = await this.dataSource.query<TaskRow[]>(FEED_TASKS_SQL, [
      user.id,
      FEED_LIMIT,
      language,
    ]);
    return buildIcs(
      [
        ...registrations.map((r) => this.registrationEntry(r, language)),
        ...tasks.map((t) => this.taskEntry(t, language)),
      ],
      { calName: 'Fan Events' },
    );
  }

  /** The caller's own registration as a calendar file; anyone else's is `404`. */
  async registrationIcs(userId: string, registrationId: string): Promise<string> {
    const [row] = await this.dataSource.query<(RegistrationRow & { language: string })[]>(
      `SELECT r.id, r.status, coalesce(r.language, u.language) AS language,
              ${eventColumns('coalesce(r.language, u.language)')}
         FROM registrations r JOIN events e ON e.id = r.event_id JOIN users u ON u.id = r.user_id
        WHERE r.id = $1 AND r.user_id = $2`,
      [registrationId, userId],
    );
    if (!row) throw new NotFoundException('Registration not found');
    return buildIcs([this.registrationEntry(row, toLanguage(row.language) ?? 'en')], {
      method: 'PUBLISH',
    });
  }

  private urls(rows: { calendar_token: string }[]): CalendarFeedDto {
    const token = rows[0]?.calendar_token;
    if (!token) throw new UnauthorizedException('Account no longer exists');
    return calendarFeedUrls(this.publicUrl, token);
  }

  private registrationEntry(r: RegistrationRow, language: Language): IcsInput {
    const cancelled = r.status === 'cancelled' || r.event_status === 'cancelled';
    const pageUrl = `${this.publicUrl}/events/${r.event_id}`;
    return {
      uid: `registration-${r.id}@fanevents`,
      title: r.event_title,
      start: r.starts_at,
      end: r.ends_at,
      location: place(r.venue, r.city),
      description: `${formatInZone(r.starts_at, r.timezone, language)}\n${pageUrl}`,
      status: cancelled ? 'CANCELLED' : r.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE',
      url: pageUrl,
    };
  }

  private taskEntry(t: TaskRow, language: Language): IcsInput {
    const cancelled = t.status === 'cancelled' || t.event_status === 'cancelled';
    const when = taskWhen(
      {
        startsAt: t.starts_at.toISOString(),
        endsAt: t.ends_at.toISOString(),
        timezone: t.timezone,
      },
      language,
    );
    return {
      uid: `task-${t.id}@fanevents`,
      title: t.title,
      start: t.starts_at,
      end: t.ends_at,
      location: t.location ?? t.venue,
      description: [t.event_title, when, t.description].filter(Boolean).join('\n\n'),
      status: cancelled ? 'CANCELLED' : 'CONFIRMED',
      url: `${this.publicUrl}/me/tasks`,
    };
  }
}

const newFeedToken = () => randomBytes(32).toString('base64url');
