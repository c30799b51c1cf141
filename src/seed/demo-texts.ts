import type { Translations } from '../common/translations.js';
import type { EventTextField } from '../events/event.entity.js';
import type { GroupTextField } from '../fan-groups/fan-group.entity.js';

/**
 * The story's organizer texts in Kazakh, Russian and English. The plain fields are English
 * (the text the organizers wrote first); readers get their own language (see translations.ts).
 */
export const GROUP_DESCRIPTION =
  'Kazakhstan fan group: World Fan Groups PreParty on the eve of the stadium concert in Astana.';

export const GROUP_TRANSLATIONS: Translations<GroupTextField> = {
  kk: {
    description:
      'Қазақстандағы фан-топ: Астанадағы стадион концертінің қарсаңында World Fan Groups ' +
      'PreParty кешін өткіземіз.',
  },
  ru: {
    description:
      'Фан-группа из Казахстана: World Fan Groups PreParty накануне концерта на стадионе в Астане.',
  },
  en: { description: GROUP_DESCRIPTION },
};

export const PREPARTY_TEXTS = {
  title: 'World Fan Groups PreParty',
  description:
    'Fan groups from Kazakhstan, the USA, Japan, China, Germany and the former Soviet ' +
    'countries meet on the eve of the stadium concert: songs, flags, LED sticks.',
  venue: 'Barys Arena, Turan Avenue 57',
};

export const PREPARTY_TRANSLATIONS: Translations<EventTextField> = {
  kk: {
    title: 'Әлем фан-топтарының PreParty кеші',
    description:
      'Қазақстан, АҚШ, Жапония, Қытай, Германия және бұрынғы кеңестік елдердің фан-топтары ' +
      'стадиондағы концерт қарсаңында бас қосады: әндер, жалаулар, LED таяқшалар.',
    venue: 'Барыс Арена, Тұран даңғылы, 57',
  },
  ru: {
    title: 'PreParty фан-групп со всего мира',
    description:
      'Фан-группы из Казахстана, США, Японии, Китая, Германии и стран бывшего СССР встречаются ' +
      'накануне концерта на стадионе: песни, флаги, светодиодные палочки.',
    venue: 'Барыс Арена, проспект Туран, 57',
  },
  en: PREPARTY_TEXTS,
};
