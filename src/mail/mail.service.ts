import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EnqueueMail } from './mail.types.js';
import { OutboxEntity } from './outbox.entity.js';
import { OutboxRelay } from './outbox.relay.js';

/** What features use to send e-mail: an outbox row in their own transaction, then a kick. */
@Injectable()
export class MailService {
  constructor(private readonly relay: OutboxRelay) {}

  /** Adds an e-mail inside the caller's transaction; returns its outbox id (null if deduplicated). */
  async enqueue(manager: EntityManager, mail: EnqueueMail): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEntity)
      .values({
        kind: mail.kind,
        userId: mail.userId,
        language: mail.language ?? null,
        data: (mail.data ?? {}) as object,
        dueAt: mail.dueAt ?? new Date(),
        dedupeKey: mail.dedupeKey ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = (result.raw as { id: string }[])[0];
    return row?.id ?? null;
  }

  /**
   * Asks the relay to move fresh rows to the queue soon, after the caller's commit. Never
   * awaited by a request: if Redis is down the periodic sweep catches up later.
   */
  kick(): void {
    this.relay.kick();
  }
}
