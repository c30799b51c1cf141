import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import { EventsService } from '../events/events.service.js';
import type { ArrivalDto, ArrivalResponseDto } from '../registrations/dto/arrival.dto.js';
import { saveArrival } from '../registrations/registration-arrival.js';
import { welcomeTaskTexts } from './welcome-task-texts.js';
import type {
  ArrivalBoardDto,
  ArrivalBucketDto,
  Bucket,
  CreateWelcomeTasksDto,
  WelcomeTaskDto,
  WelcomeTasksResultDto,
} from './dto/arrivals.dto.js';

interface BucketRow {
  place: string | null;
  place_key: string | null;
  start: Date;
  end: Date;
  local_date: string;
  local_time: string;
  local_end_time: string;
  arrivals: number;
}

interface LanguageRow {
  place_key: string | null;
  start: Date;
  language: string;
  n: number;
}

/**
 * Arrivals of active registrations, bucketed in the event's zone: `date_trunc` runs on the
 * local wall-clock time (`at AT TIME ZONE tz`), and the bucket's bounds go back to instants
 * with the same zone, so a 23:30 UTC arrival in Asia/Almaty lands on the next local day and
 * DST changes keep hours whole. Places group case-insensitively; the most common spelling is
 * shown. Parameters: event id, bucket unit, place key filter (null: every place).
 */
const ARRIVALS_CTE = `
WITH ev AS (SELECT id, timezone FROM events WHERE id = $1),
a AS (
  SELECT a.registration_id, a.user_id, a.place, lower(a.place) AS place_key,
         date_trunc($2, a.at AT TIME ZONE ev.timezone) AS local_start, ev.timezone
    FROM registration_arrivals a
    JOIN ev ON ev.id = a.event_id
    JOIN registrations r ON r.id = a.registration_id AND r.status IN ('confirmed', 'waitlisted')
   WHERE $3::text IS NULL OR lower(a.place) = $3::text
)`;

const BUCKETS_SQL = `${ARRIVALS_CTE}
SELECT mode() WITHIN GROUP (ORDER BY a.place) AS place, a.place_key,
       a.local_start AT TIME ZONE a.timezone AS start,
       (a.local_start + ('1 ' || $2)::interval) AT TIME ZONE a.timezone AS "end",
       to_char(a.local_start, 'YYYY-MM-DD') AS local_date,
       to_char(a.local_start, 'HH24:MI') AS local_time,
       to_char(a.local_start + ('1 ' || $2)::interval, 'HH24:MI') AS local_end_time,
       count(*)::int AS arrivals
  FROM a GROUP BY a.place_key, a.local_start, a.timezone
 ORDER BY a.local_start, a.place_key NULLS LAST`;

const LANGUAGES_SQL = `${ARRIVALS_CTE}
SELECT a.place_key, a.local_start AT TIME ZONE a.timezone AS start, l.language, count(*)::int AS n
  FROM a JOIN users u ON u.id = a.user_id
  CROSS JOIN LATERAL unnest(u.spoken_languages) AS l(language)
 GROUP BY a.place_key, a.local_start, a.timezone, l.language
 ORDER BY n DESC, l.language`;

const key = (placeKey: string | null, start: Date) => `${placeKey ?? ''}|${start.toISOString()}`;

@Injectable()
export class ArrivalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
  ) {}

  /** The arrivals board: organizers and volunteers of the event's group. */
  async board(userId: string, eventId: string, bucket: Bucket): Promise<ArrivalBoardDto> {
    const event = await this.events.findForRole(eventId, userId, 'volunteer');
    const items = await this.buckets(this.dataSource.manager, eventId, bucket, null);
    return {
      eventId,
      timezone: event.timezone,
      bucket,
      total: items.reduce((sum, b) => sum + b.arrivals, 0),
      items: items.map(({ placeKey: _k, localEndTime: _e, ...b }) => b),
    };
  }

  /**
   * One volunteer task per local hour with at least `minArrivals` arrivals at `place`:
   * "Welcome at NQZ, 14:00–15:00". Runs of one event queue on a transaction lock and each
   * hour's task is recorded, so a re-run creates only hours that became busy since.
   */
  async createWelcomeTasks(
    userId: string,
    eventId: string,
    dto: CreateWelcomeTasksDto,
  ): Promise<WelcomeTasksResultDto> {
    const event = await this.events.findForRole(eventId, userId, 'organizer');
    if (event.status === 'cancelled') {
      throw new AppConflict('EVENT_CANCELLED', 'The event is cancelled');
    }
    const placeKey = dto.place.toLowerCase();
    const tasks = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `welcome-tasks:${eventId}`,
      ]);
      const busy = (await this.buckets(manager, eventId, 'hour', placeKey)).filter(
        (b) => b.arrivals >= dto.minArrivals,
      );
      const out: WelcomeTaskDto[] = [];
      for (const b of busy) {
        const start = new Date(b.start);
        const [existing] = await manager.query<
          { task_id: string; title: string; starts_at: Date; ends_at: Date }[]
        >(
          `SELECT w.task_id, t.title, t.starts_at, t.ends_at
             FROM arrival_welcome_tasks w JOIN volunteer_tasks t ON t.id = w.task_id
            WHERE w.event_id = $1 AND w.place_key = $2 AND w.starts_at = $3`,
          [eventId, placeKey, start],
        );
        if (existing) {
          out.push({
            taskId: existing.task_id,
            title: existing.title,
            startsAt: existing.starts_at.toISOString(),
            endsAt: existing.ends_at.toISOString(),
            arrivals: b.arrivals,
            created: false,
          });
          continue;
        }
        const place = b.place ?? dto.place;
        const { title, description, translations } = welcomeTaskTexts({
          place,
          localDate: b.localDate,
          from: b.localTime,
          to: b.localEndTime,
          timezone: event.timezone,
          arrivals: b.arrivals,
          languages: b.languages,
        });
        const [task] = await manager.query<{ id: string }[]>(
          `INSERT INTO volunteer_tasks (event_id, title, description, location, translations,
                                        starts_at, ends_at, volunteers_needed, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open') RETURNING id`,
          [eventId, title, description, place, translations, b.start, b.end, dto.volunteersPerTask],
        );
        await manager.query(
          `INSERT INTO arrival_welcome_tasks (event_id, place_key, starts_at, task_id)
           VALUES ($1, $2, $3, $4)`,
          [eventId, placeKey, start, task.id],
        );
        out.push({
          taskId: task.id,
          title,
          startsAt: b.start,
          endsAt: b.end,
          arrivals: b.arrivals,
          created: true,
        });
      }
      return out;
    });
    return { created: tasks.filter((t) => t.created).length, tasks };
  }

  /** The owner sets or replaces the arrival of an active registration. */
  async setArrival(
    userId: string,
    registrationId: string,
    dto: ArrivalDto,
  ): Promise<ArrivalResponseDto> {
    await this.ownActive(userId, registrationId);
    await saveArrival(this.dataSource.manager, registrationId, dto);
    const [row] = await this.dataSource.query<
      {
        event_id: string;
        at: Date;
        mode: ArrivalDto['by'];
        origin: string | null;
        reference: string | null;
        place: string | null;
      }[]
    >(
      `SELECT event_id, at, mode, origin, reference, place FROM registration_arrivals
        WHERE registration_id = $1`,
      [registrationId],
    );
    return {
      registrationId,
      eventId: row.event_id,
      at: row.at.toISOString(),
      by: row.mode,
      from: row.origin,
      reference: row.reference,
      place: row.place,
    };
  }

  async removeArrival(userId: string, registrationId: string): Promise<void> {
    await this.ownActive(userId, registrationId);
    await this.dataSource.query('DELETE FROM registration_arrivals WHERE registration_id = $1', [
      registrationId,
    ]);
  }

  /** 404 for someone else's registration; 409 for a cancelled one. */
  private async ownActive(userId: string, registrationId: string): Promise<void> {
    const [reg] = await this.dataSource.query<{ user_id: string; status: string }[]>(
      'SELECT user_id, status FROM registrations WHERE id = $1',
      [registrationId],
    );
    if (!reg || reg.user_id !== userId) throw new NotFoundException('Registration not found');
    if (reg.status === 'cancelled') {
      throw new AppConflict('INVALID_TRANSITION', 'The registration is cancelled');
    }
  }

  /** Two grouped queries (counts, languages), merged by bucket. */
  private async buckets(
    manager: EntityManager,
    eventId: string,
    bucket: Bucket,
    placeKey: string | null,
  ): Promise<(ArrivalBucketDto & { placeKey: string | null; localEndTime: string })[]> {
    const params = [eventId, bucket, placeKey];
    const rows = await manager.query<BucketRow[]>(BUCKETS_SQL, params);
    const languages = await manager.query<LanguageRow[]>(LANGUAGES_SQL, params);
    const byBucket = new Map<string, { language: string; count: number }[]>();
    for (const l of languages) {
      const k = key(l.place_key, l.start);
      const list = byBucket.get(k) ?? [];
      list.push({ language: l.language, count: l.n });
      byBucket.set(k, list);
    }
    return rows.map((r) => ({
      place: r.place,
      placeKey: r.place_key,
      start: r.start.toISOString(),
      end: r.end.toISOString(),
      localDate: r.local_date,
      localTime: r.local_time,
      localEndTime: r.local_end_time,
      arrivals: r.arrivals,
      languages: byBucket.get(key(r.place_key, r.start)) ?? [],
    }));
  }
}
