import { Init1795308583704 } from './1795308583704-Init.js';
import { EventsRegistrations1795308759338 } from './1795308759338-EventsRegistrations.js';
import { IdempotencyKeys1795309026204 } from './1795309026204-IdempotencyKeys.js';
import { VolunteerTasks1795309138657 } from './1795309138657-VolunteerTasks.js';
import { HelpRequests1795309896552 } from './1795309896552-HelpRequests.js';
import { PrivacyIndexes1795310863998 } from './1795310863998-PrivacyIndexes.js';
import { WaitlistCounts1795311466200 } from './1795311466200-WaitlistCounts.js';
import { SpokenLanguages1796228430684 } from './1796228430684-SpokenLanguages.js';
import { AccountSessionsCalendar1796228502798 } from './1796228502798-AccountSessionsCalendar.js';
import { Translations1796228519070 } from './1796228519070-Translations.js';
import { SeatShards1796228778097 } from './1796228778097-SeatShards.js';
import { HostingOffers1796229623857 } from './1796229623857-HostingOffers.js';
import { AutoAssignHelp1796230095799 } from './1796230095799-AutoAssignHelp.js';
import { Arrivals1796230698438 } from './1796230698438-Arrivals.js';
import { Lottery1796234162075 } from './1796234162075-Lottery.js';
import { SeatLockOrder1796237000000 } from './1796237000000-SeatLockOrder.js';
import { SearchUnaccent1796237100000 } from './1796237100000-SearchUnaccent.js';

// Every migration, oldest first. `npm run migration:generate -- migrations/<Name>` writes a new
// file; add its class here (an explicit list works the same under jest, tsc and the CLI).
export const migrations = [
  Init1795308583704,
  EventsRegistrations1795308759338,
  IdempotencyKeys1795309026204,
  VolunteerTasks1795309138657,
  HelpRequests1795309896552,
  PrivacyIndexes1795310863998,
  WaitlistCounts1795311466200,
  SpokenLanguages1796228430684,
  AccountSessionsCalendar1796228502798,
  Translations1796228519070,
  SeatShards1796228778097,
  HostingOffers1796229623857,
  AutoAssignHelp1796230095799,
  Arrivals1796230698438,
  Lottery1796234162075,
  SeatLockOrder1796237000000,
  SearchUnaccent1796237100000,
];
