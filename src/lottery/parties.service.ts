import { randomBytes } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import { EventsService } from '../events/events.service.js';
import type { PartyResponseDto } from './dto/party.dto.js';

/** A leader and up to six friends. */
export const PARTY_MAX_SIZE = 7;

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed is not misread. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newPartyCode(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join('');
}

interface WindowRow {
  allocation: string;
  status: string;
  window_open: boolean;
  registration_id: string | null;
  party_id: string | null;
}

/**
 * Parties of a lottery event. Every change takes the event's queue lock shared, like an
 * application: the draw (exclusive) waits for changes in flight and sees them, and a change
 * after the close time is refused.
 */
@Injectable()
export class PartiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
  ) {}

  /** The caller (who has applied) leads a new party; friends join with its code. */
  async create(userId: string, eventId: string): Promise<PartyResponseDto> {
    await this.events.getVisible(eventId, userId);
    return this.dataSource.transaction(async (m) => {
      const app = await this.openWindow(m, eventId, userId);
      if (app.party_id) {
        throw new AppConflict('ALREADY_IN_PARTY', 'You are already in a party for this event');
      }
      let partyId: string | undefined;
      while (!partyId) {
        const rows = await m.query<{ id: string }[]>(
          `INSERT INTO parties (event_id, leader_registration_id, code) VALUES ($1, $2, $3)
           ON CONFLICT (code) DO NOTHING RETURNING id`,
          [eventId, app.registration_id, newPartyCode()],
        );
        partyId = rows[0]?.id;
      }
      await m.query(`UPDATE registrations SET party_id = $2, updated_at = now() WHERE id = $1`, [
        app.registration_id,
        partyId,
      ]);
      return this.view(m, partyId);
    });
  }

  /** The caller (who has applied) joins the party with this code, while there is room. */
  async join(userId: string, code: string): Promise<PartyResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const party = await this.partyByCode(m, code);
      const app = await this.openWindow(m, party.event_id, userId);
      // The party row lock serializes joins, so two friends never take its last place both.
      const [locked] = await m.query<{ id: string }[]>(
        `SELECT id FROM parties WHERE id = $1 FOR UPDATE`,
        [party.id],
      );
      if (!locked) throw new NotFoundException('No party has this code');
      if (app.party_id) {
        throw new AppConflict('ALREADY_IN_PARTY', 'You are already in a party for this event');
      }
      const [{ size }] = await m.query<{ size: number }[]>(
        `SELECT count(*)::int AS size FROM registrations WHERE party_id = $1 AND status = 'applied'`,
        [party.id],
      );
      if (size >= PARTY_MAX_SIZE) {
        throw new AppConflict('PARTY_FULL', `A party has at most ${PARTY_MAX_SIZE} members`);
      }
      await m.query(`UPDATE registrations SET party_id = $2, updated_at = now() WHERE id = $1`, [
        app.registration_id,
        party.id,
      ]);
      return this.view(m, party.id);
    });
  }

  /** The caller's party for the event; 404 when they are in none. */
  async mine(userId: string, eventId: string): Promise<PartyResponseDto> {
    await this.events.getVisible(eventId, userId);
    const [row] = await this.dataSource.query<{ party_id: string }[]>(
      `SELECT party_id FROM registrations
       WHERE event_id = $1 AND user_id = $2 AND status <> 'cancelled' AND party_id IS NOT NULL`,
      [eventId, userId],
    );
    if (!row) throw new NotFoundException('You are not in a party for this event');
    return this.view(this.dataSource.manager, row.party_id);
  }

  /** A member leaves (their application stays, alone); the leader disbands instead. */
  async leave(userId: string, partyId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const { party, app } = await this.membership(m, partyId, userId);
      if (party.leader_registration_id === app.registration_id) {
        throw new AppConflict(
          'LEADER_CANNOT_LEAVE',
          'The leader cannot leave the party: disband it (DELETE /parties/:partyId) or withdraw the application',
        );
      }
      await m.query(`UPDATE registrations SET party_id = NULL, updated_at = now() WHERE id = $1`, [
        app.registration_id,
      ]);
    });
  }

  /** The leader disbands the party; every member's application stays, alone. */
  async disband(userId: string, partyId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const { party, app } = await this.membership(m, partyId, userId);
      if (party.leader_registration_id !== app.registration_id) {
        throw new ForbiddenException('Only the leader may disband the party');
      }
      // registrations.party_id is ON DELETE SET NULL: the members become single applicants.
      await m.query(`DELETE FROM parties WHERE id = $1`, [partyId]);
    });
  }

  private async partyByCode(m: EntityManager, code: string) {
    const [party] = await m.query<{ id: string; event_id: string }[]>(
      `SELECT id, event_id FROM parties WHERE code = $1`,
      [code],
    );
    if (!party) throw new NotFoundException('No party has this code');
    return party;
  }

  /** The party and the caller's application in it, with the window open; 404 for non-members. */
  private async membership(m: EntityManager, partyId: string, userId: string) {
    const [party] = await m.query<
      { id: string; event_id: string; leader_registration_id: string }[]
    >(`SELECT id, event_id, leader_registration_id FROM parties WHERE id = $1`, [partyId]);
    if (!party) throw new NotFoundException('Party not found');
    const app = await this.openWindow(m, party.event_id, userId, partyId);
    if (app.party_id !== partyId) throw new NotFoundException('Party not found');
    return { party, app };
  }

  /**
   * Takes the event's queue lock shared, then reads (after it, so a finished draw is seen)
   * whether the application window is open and the caller's application. 409 when closed or
   * when the caller has not applied.
   */
  private async openWindow(
    m: EntityManager,
    eventId: string,
    userId: string,
    partyId?: string,
  ): Promise<WindowRow & { registration_id: string }> {
    await this.events.lockQueueUnlessDrawing(m, eventId);
    const [row] = await m.query<WindowRow[]>(
      `SELECT e.allocation, e.status,
         (e.status = 'published' AND e.allocation = 'lottery' AND e.drawn_at IS NULL
           AND e.applications_close_at > now()) AS window_open,
         r.id AS registration_id, r.party_id
       FROM events e
       LEFT JOIN registrations r ON r.event_id = e.id AND r.user_id = $2 AND r.status = 'applied'
       WHERE e.id = $1`,
      [eventId, userId],
    );
    if (!row) throw new NotFoundException('Event not found');
    if (partyId && row.party_id !== partyId) throw new NotFoundException('Party not found');
    if (row.allocation !== 'lottery') {
      throw new AppConflict('NOT_LOTTERY', 'Parties are for lottery events only');
    }
    if (!row.window_open) {
      throw new AppConflict(
        'APPLICATIONS_CLOSED',
        'Parties can change only while applications are open',
      );
    }
    if (!row.registration_id) {
      throw new AppConflict(
        'APPLICATION_REQUIRED',
        'Apply first (POST /events/:eventId/registrations), then create or join a party',
      );
    }
    return row as WindowRow & { registration_id: string };
  }

  private async view(m: EntityManager, partyId: string): Promise<PartyResponseDto> {
    const rows = await m.query<
      {
        id: string;
        event_id: string;
        code: string;
        created_at: Date;
        leader: boolean;
        user_id: string;
        display_name: string;
        country: string;
      }[]
    >(
      `SELECT p.id, p.event_id, p.code, p.created_at, r.id = p.leader_registration_id AS leader,
         u.id AS user_id, u.display_name, u.country
       FROM parties p
       JOIN registrations r ON r.party_id = p.id AND r.status <> 'cancelled'
       JOIN users u ON u.id = r.user_id
       WHERE p.id = $1
       ORDER BY leader DESC, r.updated_at, r.id`,
      [partyId],
    );
    if (rows.length === 0) throw new NotFoundException('Party not found');
    const leader = rows.find((r) => r.leader) ?? rows[0];
    return {
      id: rows[0].id,
      eventId: rows[0].event_id,
      code: rows[0].code,
      country: leader.country,
      members: rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        country: r.country,
        leader: r.leader,
      })),
      size: rows.length,
      maxSize: PARTY_MAX_SIZE,
      createdAt: rows[0].created_at.toISOString(),
    };
  }
}
