import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { runExclusive } from '../database/advisory-lock.js';
import type { EventQuota } from '../events/event.entity.js';
import { EventsService } from '../events/events.service.js';
import { MailService } from '../mail/mail.service.js';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { allocate, type DrawApplicant } from './allocate.js';
import type { DrawResponseDto } from './dto/draw.dto.js';
import { parseSeed, SHUFFLE_ALGORITHM, shuffle } from './shuffle.js';

export interface DrawSummary {
  eventId: string;
  applications: number;
  seated: number;
  waitlisted: number;
  /** The draw's own work, from its transaction's start to just before its commit. */
  durationMs: number;
}

interface DueEvent {
  id: string;
  capacity: number;
  quotas: EventQuota[];
  draw_seed: string;
}

/**
 * Rows per statement: every statement of a big draw (60,000 applications) stays well inside
 * the statement timeout. (Raising that timeout for the draw is no option: the pg client's own
 * read timeout, a little longer, would give up first and leave the transaction open on a
 * pooled connection.)
 */
const ENTRY_CHUNK = 10_000;

/**
 * Lottery draws. Each runs exactly once: every worker polls for due events, a draw takes the
 * event's advisory lock (`pg_try_advisory_xact_lock`: a second worker skips it at once), then
 * the event's queue lock exclusively (applications in flight finish first and are seen), then
 * re-reads the event under `FOR UPDATE` and draws only if `drawn_at` is still null. The whole
 * draw — record, statuses, seats, waitlist, e-mails, `drawn_at` — is one transaction: a crash
 * leaves nothing behind, and the next poll draws again with the same committed seed, so the
 * outcome cannot differ.
 */
@Injectable()
export class DrawService {
  private readonly logger = new Logger(DrawService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly mail: MailService,
  ) {}

  /** Draws every lottery event whose window has closed and that no one has drawn yet. */
  async drawDue(): Promise<DrawSummary[]> {
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM events
       WHERE allocation = 'lottery' AND status = 'published' AND drawn_at IS NULL
         AND applications_close_at <= now()
       ORDER BY applications_close_at, id`,
    );
    const done: DrawSummary[] = [];
    for (const { id } of due) {
      const summary = await this.draw(id);
      if (summary) done.push(summary);
    }
    return done;
  }

  /**
   * Draws one event if it is due and not drawn; undefined when another process is drawing it
   * right now, or when there is nothing to draw (already drawn, not due, not a lottery).
   */
  async draw(eventId: string): Promise<DrawSummary | undefined> {
    const summary = await runExclusive(this.dataSource, `draw:${eventId}`, (manager) =>
      this.drawLocked(manager, eventId),
    );
    if (summary) {
      this.mail.kick();
      this.logger.log({ ...summary }, 'lottery drawn');
    }
    return summary ?? undefined;
  }

  private async drawLocked(manager: EntityManager, eventId: string): Promise<DrawSummary | null> {
    const [{ started }] = await manager.query<{ started: Date }[]>(
      `SELECT clock_timestamp() AS started`,
    );
    await this.events.lockQueue(manager, eventId);
    const [event] = await manager.query<DueEvent[]>(
      `SELECT id, capacity, quotas, draw_seed FROM events
       WHERE id = $1 AND allocation = 'lottery' AND status = 'published' AND drawn_at IS NULL
         AND applications_close_at <= now()
       FOR UPDATE`,
      [eventId],
    );
    if (!event) return null;
    const applicants = await this.applicants(manager, eventId);
    const order = shuffle(
      parseSeed(event.draw_seed),
      applicants.map((a) => a.registrationId),
    );
    const result = allocate(event.capacity, event.quotas, order, applicants);
    const seated = result.entries.filter((e) => e.outcome !== 'waitlist');
    await manager.query(
      `INSERT INTO lottery_draws (event_id, algorithm, seed, capacity, quotas, applications, seated, started_at, drawn_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, clock_timestamp())`,
      [
        eventId,
        SHUFFLE_ALGORITHM,
        event.draw_seed,
        event.capacity,
        JSON.stringify(event.quotas),
        applicants.length,
        seated.length,
        started,
      ],
    );
    for (let i = 0; i < result.entries.length; i += ENTRY_CHUNK) {
      const chunk = result.entries.slice(i, i + ENTRY_CHUNK);
      await manager.query(
        `INSERT INTO lottery_draw_entries (event_id, rank, registration_id, lot, country, outcome)
         SELECT $1, e.rank, e.registration_id, e.lot, e.country, e.outcome
         FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::varchar[], $6::lottery_draw_outcome[])
           AS e(rank, registration_id, lot, country, outcome)`,
        [
          eventId,
          chunk.map((e) => e.rank),
          chunk.map((e) => e.registrationId),
          chunk.map((e) => e.lot),
          chunk.map((e) => e.country),
          chunk.map((e) => e.outcome),
        ],
      );
    }
    await this.registrations.placeDrawn(
      manager,
      eventId,
      seated.map((e) => e.registrationId),
      result.waitlist,
    );
    // The state that makes the draw happen once: set in the same transaction as its outcome.
    const [{ finished }] = await manager.query<{ finished: Date }[]>(
      `WITH d AS (
         UPDATE lottery_draws SET drawn_at = clock_timestamp() WHERE event_id = $1
         RETURNING drawn_at
       ),
       e AS (
         UPDATE events SET drawn_at = (SELECT drawn_at FROM d), updated_at = now() WHERE id = $1
       )
       SELECT drawn_at AS finished FROM d`,
      [eventId],
    );
    return {
      eventId,
      applications: applicants.length,
      seated: seated.length,
      waitlisted: result.waitlist.length,
      durationMs: finished.getTime() - new Date(started).getTime(),
    };
  }

  /** Every application of the event with its country and, in a party, the leader's id. */
  private async applicants(manager: EntityManager, eventId: string): Promise<DrawApplicant[]> {
    const rows = await manager.query<{ id: string; country: string; leader: string | null }[]>(
      `SELECT r.id, u.country, p.leader_registration_id AS leader
       FROM registrations r
       JOIN users u ON u.id = r.user_id
       LEFT JOIN parties p ON p.id = r.party_id
       WHERE r.event_id = $1 AND r.status = 'applied'`,
      [eventId],
    );
    return rows.map((r) => ({ registrationId: r.id, country: r.country, partyLeaderId: r.leader }));
  }

  /** The public record: the commitment from publication, the seed and the order after the draw. */
  async publicDraw(eventId: string, userId: string | undefined): Promise<DrawResponseDto> {
    const event = await this.events.getVisible(eventId, userId);
    if (event.allocation !== 'lottery') throw new NotFoundException('This event has no draw');
    const [draw] = await this.dataSource.query<
      {
        algorithm: string;
        seed: string;
        capacity: number;
        quotas: EventQuota[];
        applications: number;
        seated: number;
        drawn_at: Date;
      }[]
    >(
      `SELECT algorithm, seed, capacity, quotas, applications, seated, drawn_at
       FROM lottery_draws WHERE event_id = $1`,
      [eventId],
    );
    const base = {
      eventId,
      algorithm: draw?.algorithm ?? SHUFFLE_ALGORITHM,
      seedSha256: event.drawSeedSha256,
      applicationsCloseAt: event.applicationsCloseAt,
    };
    if (!draw) {
      return {
        ...base,
        drawnAt: null,
        seed: null,
        capacity: null,
        quotas: null,
        applications: null,
        seated: null,
        order: null,
        entries: null,
      };
    }
    const entries = await this.dataSource.query<
      { registration_id: string; rank: number; lot: string; country: string; outcome: string }[]
    >(
      `SELECT registration_id, rank, lot, country, outcome FROM lottery_draw_entries
       WHERE event_id = $1 ORDER BY rank`,
      [eventId],
    );
    return {
      ...base,
      drawnAt: draw.drawn_at.toISOString(),
      seed: draw.seed,
      capacity: draw.capacity,
      quotas: draw.quotas,
      applications: draw.applications,
      seated: draw.seated,
      order: entries.map((e) => e.registration_id),
      entries: entries.map((e) => ({
        registrationId: e.registration_id,
        rank: e.rank,
        lot: e.lot,
        country: e.country,
        outcome: e.outcome as 'quota' | 'general' | 'waitlist',
      })),
    };
  }
}
