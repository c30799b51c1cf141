import { Equal } from 'typeorm';
import type { Translations } from '../common/translations.js';
import { EventEntity } from '../events/event.entity.js';
import { TaskAssignmentEntity } from '../volunteer-tasks/task-assignment.entity.js';
import {
  type TaskTextField,
  VolunteerTaskEntity,
} from '../volunteer-tasks/volunteer-task.entity.js';
import type { DemoContext } from './demo-context.js';

export const PREPARTY_TITLE = 'World Fan Groups PreParty';

const HOUR = 3600_000;

interface DemoTask {
  title: string;
  description: string;
  location: string;
  /** Offsets from the PreParty's start, in hours: the stadium tasks are for the next day's concert. */
  fromHours: number;
  toHours: number;
  volunteersNeeded: number;
  volunteers: string[];
  /** Kazakh and Russian; English is the plain text, added below. */
  translations: Translations<TaskTextField>;
}

// Each volunteer's tasks are disjoint in time (back-to-back is fine), as the database requires.
const TASKS: DemoTask[] = [
  {
    title: 'Welcome guests at the airport',
    description: 'Meet fans arriving from the USA, Japan, China and Germany; help with taxis.',
    location: 'Astana International Airport (NQZ), arrivals hall',
    fromHours: -6,
    toHours: -2,
    volunteersNeeded: 4,
    volunteers: ['asel', 'timur'],
    translations: {
      kk: {
        title: 'Қонақтарды әуежайда қарсы алу',
        description:
          'АҚШ, Жапония, Қытай және Германиядан ұшып келетін фанаттарды қарсы алып, таксиге ' +
          'отыруға көмектесу.',
        location: 'Астана халықаралық әуежайы (NQZ), келу залы',
      },
      ru: {
        title: 'Встреча гостей в аэропорту',
        description: 'Встретить фанатов из США, Японии, Китая и Германии, помочь с такси.',
        location: 'Международный аэропорт Астаны (NQZ), зал прилёта',
      },
    },
  },
  {
    title: 'Hang boards at the stadium',
    description: 'Fan-group banners along the lower ring, sectors A to F.',
    location: 'Astana Arena',
    fromHours: 15,
    toHours: 18,
    volunteersNeeded: 6,
    volunteers: ['asel', 'timur'],
    translations: {
      kk: {
        title: 'Стадионға баннерлер ілу',
        description: 'Фан-топтардың баннерлері төменгі ярус бойымен, A–F секторлары.',
        location: 'Астана Арена',
      },
      ru: {
        title: 'Развесить баннеры на стадионе',
        description: 'Баннеры фан-групп вдоль нижнего яруса, секторы A–F.',
        location: 'Астана Арена',
      },
    },
  },
  {
    title: 'Place LED sticks on 30,000 seats',
    description: 'One stick per seat, switched off; boxes are at gate 3.',
    location: 'Astana Arena, all sectors',
    fromHours: 18,
    toHours: 23,
    volunteersNeeded: 20,
    volunteers: ['timur'],
    translations: {
      kk: {
        title: '30 000 орындыққа LED таяқшаларын қою',
        description: 'Әр орындыққа бір таяқшадан, сөндірулі күйде; қораптар 3-қақпада.',
        location: 'Астана Арена, барлық секторлар',
      },
      ru: {
        title: 'Разложить светодиодные палочки на 30 000 мест',
        description: 'По одной палочке на каждое место, в выключенном виде; коробки у ворот № 3.',
        location: 'Астана Арена, все секторы',
      },
    },
  },
  {
    title: "Decorate the artist's dressing room",
    description: 'Flowers, the fan-group album and letters from every country.',
    location: 'Astana Arena, backstage',
    fromHours: 19,
    toHours: 22,
    volunteersNeeded: 3,
    volunteers: ['asel'],
    translations: {
      kk: {
        title: 'Әншінің гримёркасын безендіру',
        description: 'Гүлдер, фан-топтың альбомы және әр елден жазылған хаттар.',
        location: 'Астана Арена, сахна сырты',
      },
      ru: {
        title: 'Украсить гримёрку артиста',
        description: 'Цветы, альбом фан-группы и письма из всех стран.',
        location: 'Астана Арена, закулисье',
      },
    },
  },
];

/**
 * The volunteers' tasks of the story for the PreParty, with Asel and Timur assigned.
 * Idempotent: tasks are found by event and title, assignments are inserted once.
 */
export async function seedTasks(ctx: DemoContext): Promise<void> {
  const { manager, group, users } = ctx;
  const event = await manager.findOneBy(EventEntity, { groupId: group.id, title: PREPARTY_TITLE });
  if (!event) {
    process.stdout.write(`Volunteer tasks skipped: no "${PREPARTY_TITLE}" event in the group.\n`);
    return;
  }
  for (const spec of TASKS) {
    const task =
      (await manager.findOneBy(VolunteerTaskEntity, { eventId: event.id, title: spec.title })) ??
      (await manager.save(
        manager.create(VolunteerTaskEntity, {
          eventId: event.id,
          title: spec.title,
          description: spec.description,
          location: spec.location,
          startsAt: new Date(event.startsAt.getTime() + spec.fromHours * HOUR),
          endsAt: new Date(event.startsAt.getTime() + spec.toHours * HOUR),
          volunteersNeeded: spec.volunteersNeeded,
          translations: taskTranslations(spec),
          status: 'open',
        }),
      ));
    // A task seeded before translations existed gets them (only while it has none).
    await manager.update(
      VolunteerTaskEntity,
      { id: task.id, translations: Equal({}) },
      { translations: taskTranslations(spec) },
    );
    await manager
      .createQueryBuilder()
      .insert()
      .into(TaskAssignmentEntity)
      .values(
        spec.volunteers.map((key) => ({
          taskId: task.id,
          userId: users[key].id,
          assignedBy: users.aigerim.id,
          during: `[${task.startsAt.toISOString()},${task.endsAt.toISOString()})`,
        })),
      )
      .orIgnore()
      .execute();
    await manager.query(
      `UPDATE volunteer_tasks
          SET assigned_count = (SELECT count(*) FROM task_assignments WHERE task_id = $1)
        WHERE id = $1`,
      [task.id],
    );
  }
  process.stdout.write(`Volunteer tasks ready: ${TASKS.length} tasks for "${event.title}".\n`);
}

function taskTranslations(spec: DemoTask): Translations<TaskTextField> {
  return {
    ...spec.translations,
    en: { title: spec.title, description: spec.description, location: spec.location },
  };
}
