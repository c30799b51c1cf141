import { ILike, In, IsNull } from 'typeorm';
import { EventEntity } from '../events/event.entity.js';
import { HelpRequestCommentEntity } from '../help-requests/help-request-comment.entity.js';
import { HelpRequestHistoryEntity } from '../help-requests/help-request-history.entity.js';
import { HelpRequestEntity } from '../help-requests/help-request.entity.js';
import type { DemoContext } from './demo-context.js';

/**
 * The story's help requests: Sakura (Japan) needs two concert tickets, taken by volunteer Asel
 * and in progress with a comment; Lukas (Germany) needs a room, still open. Idempotent: a
 * request is found by requester, group and type. No e-mails: demo addresses are not real.
 */
export async function seedHelp(ctx: DemoContext): Promise<void> {
  const { manager, group, users } = ctx;
  const { sakura, lukas, asel, aigerim } = users;
  // The PreParty belongs to the events section; link it when that section has created it.
  const preParty = await manager.findOne(EventEntity, {
    select: { id: true },
    where: { groupId: group.id, title: ILike('%PreParty%') },
  });
  const eventId = preParty?.id ?? null;

  const existing = (requesterId: string, type: HelpRequestEntity['type']) =>
    manager.findOneBy(HelpRequestEntity, { groupId: group.id, requesterId, type });
  // A run after the events section landed links requests seeded before it.
  if (eventId) {
    await manager.update(
      HelpRequestEntity,
      { groupId: group.id, requesterId: In([sakura.id, lukas.id]), eventId: IsNull() },
      { eventId },
    );
  }

  if (!(await existing(sakura.id, 'ticket'))) {
    const ticket = await manager.save(
      manager.create(HelpRequestEntity, {
        groupId: group.id,
        requesterId: sakura.id,
        eventId,
        type: 'ticket',
        message:
          'Hello from Tokyo! I need two tickets for the stadium concert on 26 June, close to the stage if possible. コンサートのチケットを二枚お願いします。',
        ticketQuantity: 2,
        maxBudget: 60000,
        currency: 'JPY',
        status: 'in_progress',
        assigneeId: asel.id,
      }),
    );
    const history: Partial<HelpRequestHistoryEntity>[] = [
      { actorId: sakura.id, action: 'created', toStatus: 'open' },
      { actorId: aigerim.id, action: 'assigned', assigneeId: asel.id },
      { actorId: asel.id, action: 'status', fromStatus: 'open', toStatus: 'in_progress' },
    ];
    // One at a time: entries take their order from clock_timestamp().
    for (const entry of history) {
      await manager.save(
        manager.create(HelpRequestHistoryEntity, { requestId: ticket.id, ...entry }),
      );
    }
    await manager.save(
      manager.create(HelpRequestCommentEntity, {
        requestId: ticket.id,
        authorId: asel.id,
        body: 'Hi Sakura! Our fan club has a block of seats in sector B; I am holding two for you and will send the payment details tomorrow.',
      }),
    );
  }

  if (!(await existing(lukas.id, 'accommodation'))) {
    const stay = await manager.save(
      manager.create(HelpRequestEntity, {
        groupId: group.id,
        requesterId: lukas.id,
        eventId,
        type: 'accommodation',
        message:
          'Servus! Looking for a room for two near the Astana Arena for the PreParty and the concert.',
        checkIn: '2027-06-24',
        checkOut: '2027-06-28',
        guests: 2,
        maxBudgetPerNight: 80,
        currency: 'EUR',
        status: 'open',
        assigneeId: null,
      }),
    );
    await manager.save(
      manager.create(HelpRequestHistoryEntity, {
        requestId: stay.id,
        actorId: lukas.id,
        action: 'created',
        toStatus: 'open',
      }),
    );
  }
}
