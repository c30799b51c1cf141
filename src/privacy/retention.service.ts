import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import type { TypedConfigService } from '../config/app-config.js';
import { runExclusive } from '../database/advisory-lock.js';
import { ERASE_HELP_DETAILS } from './account-deletion.service.js';

export interface RetentionResult {
  /** Help requests whose message and details were erased (tied to an event, then without). */
  helpRequestsOfEvents: number;
  helpRequestsWithoutEvent: number;
  /** Comments emptied in the threads of erased requests. */
  comments: number;
  /** Registrations whose arrival date and note were erased. */
  registrations: number;
  /** Arrival details (time, flight, place) deleted. */
  arrivals: number;
}

const DAY_MS = 86_400_000;

/** An event is over at its end, or its start when it has no end. */
const EVENT_OVER = 'coalesce(e.ends_at, e.starts_at)';

/**
 * Erases personal details RETENTION_DAYS after they stopped being needed: help requests and
 * arrival data after their event, requests without an event after they were closed. A few
 * set-based UPDATEs, each touching only rows not yet erased, so a rerun changes nothing.
 */
@Injectable()
export class RetentionService {
  private readonly retentionDays: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ConfigService) config: TypedConfigService,
  ) {
    this.retentionDays = config.get('app.retentionDays', { infer: true });
  }

  /** The cut-off: anything that ended before it is erased. */
  cutoff(now: Date): Date {
    return new Date(now.getTime() - this.retentionDays * DAY_MS);
  }

  /**
   * One pass with `now` as the clock (tests pass their own). Returns undefined when another
   * process is running it at this moment.
   */
  run(now: Date = new Date()): Promise<RetentionResult | undefined> {
    return runExclusive(this.dataSource, 'retention', (manager) => this.erase(manager, now));
  }

  private async erase(manager: EntityManager, now: Date): Promise<RetentionResult> {
    const cutoff = this.cutoff(now);
    const helpRequestsOfEvents = await count(
      manager,
      `UPDATE help_requests h SET ${ERASE_HELP_DETAILS}, details_erased_at = $2, updated_at = now()
         FROM events e
        WHERE e.id = h.event_id AND h.details_erased_at IS NULL AND ${EVENT_OVER} < $1
       RETURNING h.id`,
      [cutoff, now],
    );
    // Closed when it last reached its terminal status (history), else its last update.
    const helpRequestsWithoutEvent = await count(
      manager,
      `UPDATE help_requests h SET ${ERASE_HELP_DETAILS}, details_erased_at = $2, updated_at = now()
        WHERE h.event_id IS NULL AND h.details_erased_at IS NULL
          AND h.status IN ('resolved', 'declined', 'cancelled')
          AND coalesce(
                (SELECT max(x.at) FROM help_request_history x
                  WHERE x.request_id = h.id AND x.action = 'status'
                    AND x.to_status = h.status::text),
                h.updated_at) < $1
       RETURNING h.id`,
      [cutoff, now],
    );
    // The thread goes with the request: comments carry the same addresses and dates.
    const comments = await count(
      manager,
      `UPDATE help_request_comments c SET body = ''
         FROM help_requests h
        WHERE h.id = c.request_id AND h.details_erased_at IS NOT NULL AND c.body <> ''
       RETURNING c.id`,
      [],
    );
    const registrations = await count(
      manager,
      `UPDATE registrations r SET arrival_date = NULL, note = NULL, updated_at = now()
         FROM events e
        WHERE e.id = r.event_id AND (r.arrival_date IS NOT NULL OR r.note IS NOT NULL)
          AND ${EVENT_OVER} < $1
       RETURNING r.id`,
      [cutoff],
    );
    const arrivals = await count(
      manager,
      `DELETE FROM registration_arrivals a USING events e
        WHERE e.id = a.event_id AND ${EVENT_OVER} < $1
       RETURNING a.registration_id`,
      [cutoff],
    );
    return { helpRequestsOfEvents, helpRequestsWithoutEvent, comments, registrations, arrivals };
  }
}

/** Rows changed by a data-modifying statement (pg returns [rows, count] for UPDATE). */
async function count(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result: unknown = await manager.query(
    `WITH changed AS (${sql}) SELECT count(*)::int AS n FROM changed`,
    params,
  );
  return (result as { n: number }[])[0].n;
}
