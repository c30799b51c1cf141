import type { Language } from '../../common/locale.js';

/** The data every help-request e-mail carries: ids, names and statuses, no request details. */
export interface HelpRequestMailBase {
  requestId: string;
  requestType: 'ticket' | 'accommodation';
  groupName: string;
  eventTitle: string | null;
}

type Status = 'open' | 'in_progress' | 'resolved' | 'declined' | 'cancelled';

const TYPES: Record<Language, Record<HelpRequestMailBase['requestType'], string>> = {
  en: { ticket: 'ticket request', accommodation: 'accommodation request' },
  ru: { ticket: 'запрос о билетах', accommodation: 'запрос о жилье' },
  kk: { ticket: 'билет туралы өтініш', accommodation: 'тұрғын үй туралы өтініш' },
};

const STATUSES: Record<Language, Record<Status, string>> = {
  en: {
    open: 'open',
    in_progress: 'in progress',
    resolved: 'resolved',
    declined: 'declined',
    cancelled: 'cancelled',
  },
  ru: {
    open: 'открыт',
    in_progress: 'в работе',
    resolved: 'решён',
    declined: 'отклонён',
    cancelled: 'отменён',
  },
  kk: {
    open: 'ашық',
    in_progress: 'орындалуда',
    resolved: 'шешілді',
    declined: 'қабылданбады',
    cancelled: 'бас тартылды',
  },
};

export const typeWord = (language: Language, type: HelpRequestMailBase['requestType']): string =>
  TYPES[language][type] ?? type;

export const statusWord = (language: Language, status: string): string =>
  STATUSES[language][status as Status] ?? status;

/** "Dimash&Dostar · World Fan Groups PreParty" */
export const where = (d: HelpRequestMailBase): string =>
  d.eventTitle ? `${d.groupName} · ${d.eventTitle}` : d.groupName;
