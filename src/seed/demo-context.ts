import argon2 from 'argon2';
import { type DataSource, type EntityManager, Equal } from 'typeorm';
import { UserEntity } from '../auth/user.entity.js';
import { FanGroupEntity } from '../fan-groups/fan-group.entity.js';
import { GroupMembershipEntity } from '../fan-groups/group-membership.entity.js';
import type { GroupRole } from '../fan-groups/group-role.js';
import { GROUP_DESCRIPTION, GROUP_TRANSLATIONS } from './demo-texts.js';

export const DEMO_PASSWORD = 'preparty-2026';

/** What every demo section gets: the transaction and the people and group of the story. */
export interface DemoContext {
  manager: EntityManager;
  dataSource: DataSource;
  group: FanGroupEntity;
  /** By short name: aigerim, daniyar (organizers), asel, timur (volunteers), emily, sakura, lina, lukas, olga (fans). */
  users: Record<string, UserEntity>;
}

export interface DemoPerson {
  key: string;
  email: string;
  displayName: string;
  country: string;
  language: string;
  role: GroupRole;
}

export const PEOPLE: DemoPerson[] = [
  {
    key: 'aigerim',
    email: 'aigerim@dostar.kz',
    displayName: 'Айгерім Сейітова',
    country: 'KZ',
    language: 'kk',
    role: 'organizer',
  },
  {
    key: 'daniyar',
    email: 'daniyar@dostar.kz',
    displayName: 'Данияр Ахметов',
    country: 'KZ',
    language: 'ru',
    role: 'organizer',
  },
  {
    key: 'asel',
    email: 'asel@dostar.kz',
    displayName: 'Әсел Нұрланқызы',
    country: 'KZ',
    language: 'kk',
    role: 'volunteer',
  },
  {
    key: 'timur',
    email: 'timur@dostar.kz',
    displayName: 'Тимур Ким',
    country: 'KZ',
    language: 'ru',
    role: 'volunteer',
  },
  {
    key: 'emily',
    email: 'emily@example.com',
    displayName: 'Emily Carter',
    country: 'US',
    language: 'en',
    role: 'member',
  },
  {
    key: 'sakura',
    email: 'sakura@example.jp',
    displayName: '佐藤さくら',
    country: 'JP',
    language: 'en',
    role: 'member',
  },
  {
    key: 'lina',
    email: 'lina@example.cn',
    displayName: '李娜',
    country: 'CN',
    language: 'en',
    role: 'member',
  },
  {
    key: 'lukas',
    email: 'lukas@example.de',
    displayName: 'Lukas Müller',
    country: 'DE',
    language: 'en',
    role: 'member',
  },
  {
    key: 'olga',
    email: 'olga@example.ru',
    displayName: 'Ольга Иванова',
    country: 'RU',
    language: 'ru',
    role: 'member',
  },
];

/** Finds or creates the story's users, group and memberships; running it twice changes nothing. */
export async function seedPeople(
  manager: EntityManager,
  dataSource: DataSource,
): Promise<DemoContext> {
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id as 2 });
  const users: Record<string, UserEntity> = {};
  for (const p of PEOPLE) {
    users[p.key] =
      (await manager.findOneBy(UserEntity, { email: p.email })) ??
      (await manager.save(
        manager.create(UserEntity, {
          email: p.email,
          passwordHash,
          displayName: p.displayName,
          country: p.country,
          language: p.language,
        }),
      ));
  }
  const group =
    (await manager.findOneBy(FanGroupEntity, { slug: 'dimash-dostar' })) ??
    (await manager.save(
      manager.create(FanGroupEntity, {
        name: 'Dimash&Dostar',
        slug: 'dimash-dostar',
        description: GROUP_DESCRIPTION,
        translations: GROUP_TRANSLATIONS,
        country: 'KZ',
        city: 'Astana',
        languages: ['kk', 'ru', 'en'],
      }),
    ));
  // A group seeded before translations existed gets them (only while it has none).
  await manager.update(
    FanGroupEntity,
    { id: group.id, translations: Equal({}) },
    { translations: GROUP_TRANSLATIONS },
  );
  await manager
    .createQueryBuilder()
    .insert()
    .into(GroupMembershipEntity)
    .values(PEOPLE.map((p) => ({ groupId: group.id, userId: users[p.key].id, role: p.role })))
    .orIgnore()
    .execute();
  return { manager, dataSource, group, users };
}
