import { In } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { EventEntity } from '../events/event.entity.js';
import { GroupMembershipEntity } from '../fan-groups/group-membership.entity.js';
import { HelpRequestHistoryEntity } from '../help-requests/help-request-history.entity.js';
import { HelpRequestEntity } from '../help-requests/help-request.entity.js';
import { HostMatchEntity } from '../hosting/host-match.entity.js';
import { HostingOfferEntity } from '../hosting/hosting-offer.entity.js';
import type { ArrivalMode } from '../registrations/registration-arrival.entity.js';
import { welcomeTaskTexts } from '../arrivals/welcome-task-texts.js';
import type { DemoContext } from './demo-context.js';
import { PREPARTY_TITLE } from './demo-events.js';

/** Who speaks what (set only while an account has no spoken languages yet). */
const SPOKEN: Record<string, string[]> = {
  'aigerim@dostar.kz': ['kk', 'ru', 'en'],
  'daniyar@dostar.kz': ['ru', 'kk'],
  // The volunteer who studied in Tokyo: Japanese requests go to her.
  'asel@dostar.kz': ['kk', 'ru', 'ja'],
  'timur@dostar.kz': ['ru', 'en', 'ko'],
  'emily@example.com': ['en'],
  'sakura@example.jp': ['ja', 'en'],
  'lina@example.cn': ['zh', 'en'],
  'lukas@example.de': ['de', 'en'],
  'olga@example.ru': ['ru'],
  'nurlan@example.kz': ['kk', 'ru', 'en'],
  'dana@example.kz': ['ru', 'kk', 'ja'],
};

/** The evening before the PreParty at NQZ (UTC+5: 19:10 local is 14:10 UTC), and Lukas next morning. */
const ARRIVALS: {
  email: string;
  at: string;
  by: ArrivalMode;
  from: string;
  reference: string;
  place: string;
}[] = [
  {
    email: 'emily@example.com',
    at: '2027-06-25T14:10:00Z',
    by: 'plane',
    from: 'New York (via Istanbul)',
    reference: 'TK 352',
    place: 'NQZ',
  },
  {
    email: 'sakura@example.jp',
    at: '2027-06-25T14:40:00Z',
    by: 'plane',
    from: 'Tokyo (via Almaty)',
    reference: 'KC 851',
    place: 'NQZ',
  },
  {
    email: 'lina@example.cn',
    at: '2027-06-25T14:55:00Z',
    by: 'plane',
    from: 'Beijing',
    reference: 'CA 773',
    place: 'NQZ',
  },
  {
    email: 'olga@example.ru',
    at: '2027-06-25T15:35:00Z',
    by: 'plane',
    from: 'Moscow',
    reference: 'SU 1970',
    place: 'NQZ',
  },
  {
    email: 'lukas@example.de',
    at: '2027-06-26T01:20:00Z',
    by: 'plane',
    from: 'Frankfurt',
    reference: 'KC 912',
    place: 'NQZ',
  },
];

/**
 * Hosts, languages and arrivals: spoken languages for everyone; two hosts in Astana (Dana
 * speaks Japanese, Nurlan offers a paid room); Sakura's accommodation request, routed to Asel
 * (who reads Japanese), matched with Dana and accepted by both (a bed taken, the request
 * resolved); arrivals at NQZ on the evening before the PreParty, with the welcome task they
 * made. Idempotent. No e-mails: demo addresses are not real.
 */
export async function seedHosting(ctx: DemoContext): Promise<void> {
  const { manager, group, users } = ctx;
  const people = await manager.findBy(UserEntity, { email: In(Object.keys(SPOKEN)) });
  for (const u of people) {
    if (u.spokenLanguages.length === 0) {
      await manager.update(UserEntity, { id: u.id }, { spokenLanguages: SPOKEN[u.email] });
    }
  }
  const byEmail = new Map(people.map((u) => [u.email, u]));
  const dana = byEmail.get('dana@example.kz');
  const nurlan = byEmail.get('nurlan@example.kz');
  const event = await manager.findOneBy(EventEntity, { groupId: group.id, title: PREPARTY_TITLE });
  if (!dana || !nurlan || !event) return;
  // The two local hosts are members of the group.
  await manager
    .createQueryBuilder()
    .insert()
    .into(GroupMembershipEntity)
    .values(
      [dana, nurlan].map((u) => ({ groupId: group.id, userId: u.id, role: 'member' as const })),
    )
    .orIgnore()
    .execute();

  const offer = async (host: UserEntity, fields: Partial<HostingOfferEntity>) =>
    (await manager.findOneBy(HostingOfferEntity, { groupId: group.id, hostId: host.id })) ??
    (await manager.save(
      manager.create(HostingOfferEntity, {
        groupId: group.id,
        hostId: host.id,
        city: 'Astana',
        bedsTaken: 0,
        spokenLanguages: SPOKEN[host.email],
        phone: null,
        pricePerNight: null,
        currency: null,
        ...fields,
      }),
    ));
  const danaOffer = await offer(dana, {
    availableFrom: '2027-06-23',
    availableTo: '2027-06-29',
    beds: 2,
    note: 'Two beds in the guest room, 15 minutes by bus from the Astana Arena. 日本語OK.',
    address: 'Kabanbay Batyr Ave 48, apt 112, Astana',
    phone: '+7 701 555 0142',
  });
  await offer(nurlan, {
    availableFrom: '2027-06-24',
    availableTo: '2027-06-28',
    beds: 1,
    note: 'A quiet room near the Baiterek, breakfast included.',
    pricePerNight: 8000,
    currency: 'KZT',
    address: 'Dostyk St 5, apt 7, Astana',
  });

  const { sakura, asel } = users;
  if (
    !(await manager.findOneBy(HelpRequestEntity, {
      groupId: group.id,
      requesterId: sakura.id,
      type: 'accommodation',
    }))
  ) {
    const stay = await manager.save(
      manager.create(HelpRequestEntity, {
        groupId: group.id,
        requesterId: sakura.id,
        eventId: event.id,
        type: 'accommodation',
        message:
          'Could a local fan host me for two nights around the PreParty? 二泊お願いできますか？',
        checkIn: '2027-06-25',
        checkOut: '2027-06-27',
        guests: 1,
        maxBudgetPerNight: 10000,
        currency: 'KZT',
        status: 'resolved',
        assigneeId: asel.id,
      }),
    );
    const history: Partial<HelpRequestHistoryEntity>[] = [
      { actorId: sakura.id, action: 'created', toStatus: 'open' },
      // Routed by language: the group gave it to the volunteer who reads Japanese.
      { actorId: null, action: 'assigned', assigneeId: asel.id },
      { actorId: sakura.id, action: 'status', fromStatus: 'open', toStatus: 'resolved' },
    ];
    for (const entry of history) {
      await manager.save(
        manager.create(HelpRequestHistoryEntity, { requestId: stay.id, ...entry }),
      );
    }
    const now = new Date();
    await manager.save(
      manager.create(HostMatchEntity, {
        offerId: danaOffer.id,
        requestId: stay.id,
        proposedById: asel.id,
        guests: 1,
        status: 'accepted',
        hostAcceptedAt: now,
        guestAcceptedAt: now,
        declinedBy: null,
      }),
    );
    await manager.update(HostingOfferEntity, { id: danaOffer.id }, { bedsTaken: 1 });
  }

  for (const a of ARRIVALS) {
    const user = byEmail.get(a.email);
    if (!user) continue;
    await manager.query(
      `INSERT INTO registration_arrivals (registration_id, event_id, user_id, at, mode, origin, reference, place)
       SELECT r.id, r.event_id, r.user_id, $3, $4, $5, $6, $7 FROM registrations r
        WHERE r.event_id = $1 AND r.user_id = $2 AND r.status <> 'cancelled'
       ON CONFLICT (registration_id) DO NOTHING`,
      [event.id, user.id, a.at, a.by, a.from, a.reference, a.place],
    );
  }
  // The welcome task the arrivals board made for the busy hour (19:00–20:00 local, three fans).
  const start = new Date('2027-06-25T14:00:00Z');
  const [made] = await manager.query<unknown[]>(
    `SELECT 1 FROM arrival_welcome_tasks WHERE event_id = $1 AND place_key = 'nqz' AND starts_at = $2`,
    [event.id, start],
  );
  if (!made) {
    const texts = welcomeTaskTexts({
      place: 'NQZ',
      localDate: '2027-06-25',
      from: '19:00',
      to: '20:00',
      timezone: 'Asia/Almaty',
      arrivals: 3,
      languages: [
        { language: 'en', count: 3 },
        { language: 'ja', count: 1 },
        { language: 'zh', count: 1 },
      ],
    });
    const [task] = await manager.query<{ id: string }[]>(
      `INSERT INTO volunteer_tasks (event_id, title, description, location, translations,
                                    starts_at, ends_at, volunteers_needed, status)
       VALUES ($1, $2, $3, 'NQZ', $4, $5, $6, 2, 'open') RETURNING id`,
      [
        event.id,
        texts.title,
        texts.description,
        texts.translations,
        start,
        new Date(start.getTime() + 3600_000),
      ],
    );
    await manager.query(
      `INSERT INTO arrival_welcome_tasks (event_id, place_key, starts_at, task_id) VALUES ($1, 'nqz', $2, $3)`,
      [event.id, start, task.id],
    );
  }
}
