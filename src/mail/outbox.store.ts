import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Translations } from '../common/translations.js';
import { SECRET_DATA_KEY } from './mail.types.js';

// A one-time secret in the data (a reset link) is only kept while the e-mail may still go out.
const DROP_SECRET = `data = data - '${SECRET_DATA_KEY}'`;

/** An outbox row claimed for sending, with what the e-mail needs about its recipient. */
export interface ClaimedMail {
  id: string;
  kind: string;
  language: string | null;
  data: Record<string, unknown>;
  attempts: number;
  email: string;
  displayName: string;
  userLanguage: string;
  deletedAt: Date | null;
  /**
   * The translations of the event the data names (`eventId`), when the data carries none of its
   * own (`i18n`): the registration e-mails, written by the hot path's SQL, stay small.
   */
  eventTranslations: Translations | null;
}

// The event of a row whose data names one and brings no translations; the pattern keeps a
// malformed id from failing the whole claim.
const EVENT_TRANSLATIONS = `CASE WHEN NOT o.data ? 'i18n' AND o.data ->> 'eventId' ~*
      '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    THEN (SELECT ev.translations FROM events ev WHERE ev.id = (o.data ->> 'eventId')::uuid) END`;

export interface OutboxBacklog {
  pending: number;
  queued: number;
  sending: number;
  failed: number;
}

/**
 * The outbox's state transitions as single SQL statements: each one is atomic and conditional on
 * the current status, so relays and workers in many processes can race safely.
 *
 * pending → queued (relay) → sending (worker claim) → sent | failed, and sending → queued on a
 * temporary failure. A `sending` row's claim is its `updated_at`; it expires after `stuckMs`.
 */
/**
 * TypeORM answers an UPDATE … RETURNING with `[rows, affectedCount]` and a SELECT with `rows`;
 * this reads the rows of either.
 */
function returned<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}

@Injectable()
export class OutboxStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Marks up to `limit` due pending rows queued and returns their ids (oldest first). */
  async queueDue(limit: number): Promise<string[]> {
    const result = await this.db.query<unknown>(
      `UPDATE mail_outbox SET status = 'queued', queued_at = now(), updated_at = now()
        WHERE id IN (SELECT id FROM mail_outbox
                      WHERE status = 'pending' AND due_at <= now()
                      ORDER BY due_at LIMIT $1
                      FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit],
    );
    return returned<{ id: string }>(result).map((r) => r.id);
  }

  /** Redis refused the jobs: back to pending for the next pass (unless a worker got them). */
  async unqueue(ids: string[]): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox SET status = 'pending', queued_at = NULL, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status = 'queued'`,
      [ids],
    );
  }

  /**
   * Rows whose job Redis may have lost: queued for longer than `stuckMs`, or sending under a
   * claim older than that (the worker died). Not locked: the sweep runs in one process at a
   * time (its advisory lock), and row locks held while it asks Redis about each job made the
   * workers' claims of those rows wait out their lock timeout under a backlog (a rush's
   * e-mails queued more than `stuckMs` before the workers reached them).
   */
  async findStuck(manager: EntityManager, stuckMs: number, limit: number): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM mail_outbox
        WHERE status IN ('queued', 'sending')
          AND queued_at < now() - make_interval(secs => $1::float8 / 1000)
          AND updated_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY queued_at LIMIT $2`,
      [stuckMs, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The sweep re-added these: wait another `stuckMs` before looking at them again. */
  async touchQueued(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `UPDATE mail_outbox SET queued_at = now()
        WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'sending')`,
      [ids],
    );
  }

  /**
   * Claims rows for sending and loads their recipients in one statement. A row missing from the
   * answer is gone, already sent or failed, or claimed by a live worker.
   */
  async claim(ids: string[], stuckMs: number): Promise<Map<string, ClaimedMail>> {
    const result = await this.db.query<unknown>(
      `UPDATE mail_outbox o
          SET status = 'sending', attempts = o.attempts + 1, updated_at = now()
         FROM users u
        WHERE o.id = ANY($1::uuid[]) AND u.id = o.user_id
          AND (o.status IN ('pending', 'queued')
               OR (o.status = 'sending'
                   AND o.updated_at < now() - make_interval(secs => $2::float8 / 1000)))
        RETURNING o.id, o.kind, o.language, o.data, o.attempts, u.email,
                  u.display_name AS "displayName", u.language AS "userLanguage",
                  u.deleted_at AS "deletedAt", ${EVENT_TRANSLATIONS} AS "eventTranslations"`,
      [ids, stuckMs],
    );
    return new Map(returned<ClaimedMail>(result).map((row) => [row.id, row]));
  }

  async statusOf(id: string): Promise<string | undefined> {
    const rows = await this.db.query<{ status: string }[]>(
      `SELECT status FROM mail_outbox WHERE id = $1`,
      [id],
    );
    return rows[0]?.status;
  }

  async markSent(ids: string[]): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = now(), updated_at = now(), ${DROP_SECRET}
        WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
      [ids],
    );
  }

  /** A temporary failure: queued again (its Bull job retries with backoff), reason recorded. */
  async markRetry(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox SET status = 'queued', queued_at = now(), updated_at = now(),
              last_error = $2
        WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  async markFailed(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox SET status = 'failed', updated_at = now(), last_error = $2, ${DROP_SECRET}
        WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  /** Counts for /health: what is waiting, in flight and given up on. */
  async backlog(): Promise<OutboxBacklog> {
    const rows = await this.db.query<{ status: keyof OutboxBacklog; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM mail_outbox
        WHERE status IN ('pending', 'queued', 'sending', 'failed') GROUP BY status`,
    );
    const backlog: OutboxBacklog = { pending: 0, queued: 0, sending: 0, failed: 0 };
    for (const r of rows) backlog[r.status] = r.n;
    return backlog;
  }
}
