import { Injectable, UnauthorizedException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';

/** What an erased account reads as; its e-mail is freed for a new sign-up. */
export const DELETED_DISPLAY_NAME = 'Deleted user';
export const deletedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;
/** Not an argon2 hash, so no password ever verifies against it. */
const UNUSABLE_PASSWORD_HASH = '!deleted';

/** Outbox rows that have not gone out (yet): dropped with the account. */
const UNSENT_STATUSES = ['pending', 'queued', 'sending', 'failed'];

// Help-request details, all at once; the CHECKs on the type-specific columns only bind while
// details_erased_at is null.
export const ERASE_HELP_DETAILS = `
  message = '', ticket_quantity = NULL, max_budget = NULL, check_in = NULL, check_out = NULL,
  guests = NULL, max_budget_per_night = NULL, currency = NULL`;

/**
 * DELETE /me. Registrations stay (with their seats and status) so events keep their counts;
 * everything that says who the person is or what they wrote is erased, in one transaction.
 */
@Injectable()
export class AccountDeletionService {
  constructor(private readonly dataSource: DataSource) {}

  async delete(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockGroupsAndAccount(manager, userId);
      await this.assertNotLastOrganizer(manager, userId);
      await this.eraseHelpRequests(manager, userId);
      await this.removeTaskAssignments(manager, userId);
      await this.removeHosting(manager, userId);
      await manager.query('DELETE FROM registration_arrivals WHERE user_id = $1', [userId]);
      // Lottery applications not yet drawn are withdrawn (a deleted account must not be drawn
      // for a seat), and the parties they lead dissolve (friends stay, alone). A draw running
      // meanwhile waits on these rows and, finding one withdrawn, rolls back and runs again.
      await manager.query(
        `DELETE FROM parties WHERE leader_registration_id IN (
           SELECT id FROM registrations WHERE user_id = $1 AND status = 'applied')`,
        [userId],
      );
      await manager.query(
        `UPDATE registrations SET status = 'cancelled', cancelled_at = now(), party_id = NULL,
                updated_at = now()
          WHERE user_id = $1 AND status = 'applied'`,
        [userId],
      );
      await manager.query(
        `UPDATE registrations SET arrival_date = NULL, note = NULL, updated_at = now()
          WHERE user_id = $1 AND (arrival_date IS NOT NULL OR note IS NOT NULL)`,
        [userId],
      );
      await manager.query(
        `DELETE FROM mail_outbox WHERE user_id = $1 AND status = ANY($2::mail_outbox_status[])`,
        [userId, UNSENT_STATUSES],
      );
      // What went out stays as a record of it, without its snapshot of names and details.
      await manager.query(
        `UPDATE mail_outbox SET data = '{}'::jsonb, last_error = NULL, updated_at = now()
          WHERE user_id = $1 AND (data <> '{}'::jsonb OR last_error IS NOT NULL)`,
        [userId],
      );
      await manager.query('DELETE FROM group_memberships WHERE user_id = $1', [userId]);
      await manager.query('DELETE FROM password_resets WHERE user_id = $1', [userId]);
      // The calendar feed's address goes too: it answers 404 from now on.
      await manager.query(
        `UPDATE users
            SET email = $2, display_name = $3, password_hash = $4, calendar_token = NULL,
                spoken_languages = '{}',
                deleted_at = now(), updated_at = now()
          WHERE id = $1`,
        [userId, deletedEmail(userId), DELETED_DISPLAY_NAME, UNUSABLE_PASSWORD_HASH],
      );
    });
  }

  /**
   * The fan-group service serialises role changes by locking the group row; so do we, for
   * every group the user belongs to (in id order: two deletions never deadlock), and only
   * then the account row, which also makes a concurrent second deletion wait and then 401.
   */
  private async lockGroupsAndAccount(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `SELECT 1 FROM fan_groups
        WHERE id IN (SELECT group_id FROM group_memberships WHERE user_id = $1)
        ORDER BY id FOR UPDATE`,
      [userId],
    );
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE',
      [userId],
    );
    if (rows.length === 0) throw new UnauthorizedException('Account no longer exists');
  }

  private async assertNotLastOrganizer(manager: EntityManager, userId: string): Promise<void> {
    const groups = await manager.query<{ id: string; name: string }[]>(
      `SELECT g.id, g.name
         FROM group_memberships m JOIN fan_groups g ON g.id = m.group_id
        WHERE m.user_id = $1 AND m.role = 'organizer'
          AND NOT EXISTS (SELECT 1 FROM group_memberships o
                           WHERE o.group_id = m.group_id AND o.role = 'organizer'
                             AND o.user_id <> $1)
        ORDER BY g.name`,
      [userId],
    );
    if (groups.length > 0) {
      throw new AppConflict(
        'LAST_ORGANIZER',
        'Appoint another organizer of these groups before deleting the account',
        { groups },
      );
    }
  }

  /**
   * The user's own requests lose their message and details (and their whole thread, which is
   * about them); open ones are cancelled, as the requester could have done. Requests assigned
   * to the user go back to the organizers. Comments the user wrote elsewhere lose their body.
   * Every status or assignee change is written to the history, as the service does.
   */
  private async eraseHelpRequests(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `WITH target AS (
         SELECT id, status FROM help_requests
          WHERE requester_id = $1 AND status IN ('open', 'in_progress') FOR UPDATE),
       cancelled AS (
         UPDATE help_requests h SET status = 'cancelled', updated_at = now()
           FROM target WHERE h.id = target.id
         RETURNING h.id, target.status::text AS from_status)
       INSERT INTO help_request_history (request_id, actor_id, action, from_status, to_status)
       SELECT id, $1, 'status', from_status, 'cancelled' FROM cancelled`,
      [userId],
    );
    await manager.query(
      `UPDATE help_requests SET ${ERASE_HELP_DETAILS},
              details_erased_at = coalesce(details_erased_at, now()), updated_at = now()
        WHERE requester_id = $1`,
      [userId],
    );
    await manager.query(
      `WITH unassigned AS (
         UPDATE help_requests SET assignee_id = NULL, updated_at = now()
          WHERE assignee_id = $1 RETURNING id)
       INSERT INTO help_request_history (request_id, actor_id, action, previous_assignee_id)
       SELECT id, $1, 'unassigned', $1 FROM unassigned`,
      [userId],
    );
    await manager.query(
      `UPDATE help_request_comments c SET body = ''
        WHERE c.body <> ''
          AND (c.author_id = $1
               OR c.request_id IN (SELECT id FROM help_requests WHERE requester_id = $1))`,
      [userId],
    );
  }

  /**
   * The user's hosting offers go (with their matches: the address and phone go with them). As a
   * guest, their live matches are withdrawn and the beds an accepted one took are given back.
   */
  private async removeHosting(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `WITH old AS (
         SELECT m.id, m.offer_id, m.guests, m.status FROM host_matches m
           JOIN help_requests r ON r.id = m.request_id
          WHERE r.requester_id = $1 AND m.status IN ('proposed', 'accepted')
          FOR UPDATE OF m),
       withdrawn AS (
         UPDATE host_matches m SET status = 'withdrawn', updated_at = now()
           FROM old WHERE m.id = old.id)
       UPDATE hosting_offers o SET beds_taken = o.beds_taken - x.beds, updated_at = now()
         FROM (SELECT offer_id, sum(guests)::int AS beds FROM old
                WHERE status = 'accepted' GROUP BY offer_id) x
        WHERE o.id = x.offer_id`,
      [userId],
    );
    await manager.query('DELETE FROM hosting_offers WHERE host_id = $1', [userId]);
  }

  /** Frees the user's task slots; the counts follow. */
  private async removeTaskAssignments(manager: EntityManager, userId: string): Promise<void> {
    // One assignment per task and user (primary key), so the join decrements each task once.
    await manager.query(
      `WITH removed AS (DELETE FROM task_assignments WHERE user_id = $1 RETURNING task_id)
       UPDATE volunteer_tasks t SET assigned_count = t.assigned_count - 1, updated_at = now()
         FROM removed WHERE t.id = removed.task_id`,
      [userId],
    );
    // Their reminders are addressed to the user: the outbox purge in the same transaction drops them.
  }
}
