import argon2 from 'argon2';
import { UserEntity } from '../auth/user.entity.js';
import { EventEntity } from '../events/event.entity.js';
import { newCheckInCode } from '../registrations/check-in-code.js';
import { REGISTER_SQL, SEQUENCE_LINE_SQL } from '../registrations/registration-sql.js';
import { Equal } from 'typeorm';
import { DEMO_PASSWORD, type DemoContext } from './demo-context.js';
import { PREPARTY_TEXTS, PREPARTY_TRANSLATIONS } from './demo-texts.js';

export const PREPARTY_TITLE = 'World Fan Groups PreParty';

/** Two fans from Kazakhstan beside the story's foreign guests. */
const KZ_FANS = [
  { email: 'nurlan@example.kz', displayName: 'Нұрлан Омаров', country: 'KZ', language: 'kk' },
  { email: 'dana@example.kz', displayName: 'Дана Ким', country: 'KZ', language: 'ru' },
];

/**
 * The PreParty on the eve of the stadium concert: 26 June 2027, 18:00 in Astana
 * (Asia/Almaty, UTC+5) = 13:00 UTC. Five seats in the demo so that the waitlist shows:
 * confirmed fans from KZ, US, JP and CN, then Germany and Russia on the waitlist (FIFO).
 * Registrations go through the production statement, so seat counts and e-mails (outbox)
 * are exactly what the API would produce. Idempotent: a second run changes nothing.
 */
export async function seedEvents(ctx: DemoContext): Promise<EventEntity> {
  const { manager, group, users } = ctx;
  let passwordHash: string | undefined;
  const kz: UserEntity[] = [];
  for (const fan of KZ_FANS) {
    let user = await manager.findOneBy(UserEntity, { email: fan.email });
    if (!user) {
      passwordHash ??= await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id as 2 });
      user = await manager.save(manager.create(UserEntity, { ...fan, passwordHash }));
    }
    kz.push(user);
  }
  const event =
    (await manager.findOneBy(EventEntity, { groupId: group.id, title: PREPARTY_TITLE })) ??
    (await manager.save(
      manager.create(EventEntity, {
        groupId: group.id,
        title: PREPARTY_TITLE,
        description: PREPARTY_TEXTS.description,
        venue: PREPARTY_TEXTS.venue,
        translations: PREPARTY_TRANSLATIONS,
        city: 'Astana',
        startsAt: new Date('2027-06-26T13:00:00.000Z'),
        endsAt: new Date('2027-06-26T17:00:00.000Z'),
        timezone: 'Asia/Almaty',
        capacity: 5,
        waitlistEnabled: true,
        status: 'published',
        publishedAt: new Date(),
      }),
    ));
  // An event seeded before translations existed gets them (only while it has none).
  await manager.update(
    EventEntity,
    { id: event.id, translations: Equal({}) },
    { translations: PREPARTY_TRANSLATIONS },
  );
  // In this order: the first five get seats, the last two wait (positions 1 and 2).
  const registrants: {
    user: UserEntity;
    arrivalDate?: string;
    note?: string;
    language?: string;
  }[] = [
    { user: kz[0] },
    { user: users.emily, arrivalDate: '2027-06-24', note: 'Flying in from New York' },
    { user: users.sakura, arrivalDate: '2027-06-25', note: '日本のファンクラブ代表' },
    { user: users.lina, arrivalDate: '2027-06-25', language: 'en' },
    { user: kz[1] },
    { user: users.lukas, arrivalDate: '2027-06-26', note: 'Bringing a banner from Berlin' },
    { user: users.olga, arrivalDate: '2027-06-25' },
  ];
  for (const r of registrants) {
    const active = await manager.query<unknown[]>(
      `SELECT 1 FROM registrations WHERE event_id = $1 AND user_id = $2 AND status <> 'cancelled'`,
      [event.id, r.user.id],
    );
    if (active.length > 0) continue;
    await manager.query(REGISTER_SQL, [
      event.id,
      r.user.id,
      r.language ?? null,
      r.arrivalDate ?? null,
      r.note ?? null,
      newCheckInCode(),
      r.user.sessionVersion,
    ]);
  }
  // The waitlisted get their places and e-mails, as the API's second step gives them.
  await manager.query(SEQUENCE_LINE_SQL, [event.id]);
  return event;
}
