import type { Language } from '../common/locale.js';
import { escapeHtml, LINKS_MARKER } from './templates/render-utils.js';
import type { MailKind } from './mail.types.js';

/** Where a link in an e-mail leads: a page of the web app (WEB.md's page table). */
type Page = 'home' | 'registrations' | 'event' | 'myHelp' | 'manageHelp' | 'tasks';

const LABELS: Record<Language, Record<Page, string>> = {
  en: {
    home: 'Open Fan Events',
    registrations: 'My registrations',
    event: 'Event page',
    myHelp: 'Your request',
    manageHelp: 'Open the request',
    tasks: 'My tasks',
  },
  ru: {
    home: 'Открыть Fan Events',
    registrations: 'Мои регистрации',
    event: 'Страница события',
    myHelp: 'Ваш запрос',
    manageHelp: 'Открыть запрос',
    tasks: 'Мои задания',
  },
  kk: {
    home: 'Fan Events ашу',
    registrations: 'Менің тіркелулерім',
    event: 'Іс-шара беті',
    myHelp: 'Сіздің өтінішіңіз',
    manageHelp: 'Өтінішті ашу',
    tasks: 'Менің тапсырмаларым',
  },
};

const id = (data: Record<string, unknown>, key: string): string =>
  encodeURIComponent(typeof data[key] === 'string' ? data[key] : '');

const PATHS: Record<Page, (data: Record<string, unknown>) => string> = {
  home: () => '/',
  registrations: () => '/me/registrations',
  event: (d) => `/events/${id(d, 'eventId')}`,
  myHelp: (d) => `/me/help/${id(d, 'requestId')}`,
  manageHelp: (d) => `/manage/help/${id(d, 'requestId')}`,
  tasks: () => '/me/tasks',
};

/**
 * The pages each kind of e-mail links to. A help-request comment goes to the requester (their
 * request page) or to the assignee (`audience: "assignee"`: the organizers' workflow page).
 */
const PAGES: Partial<Record<MailKind, (data: Record<string, unknown>) => Page[]>> = {
  welcome: () => ['home'],
  registration_confirmed: () => ['registrations', 'event'],
  registration_waitlisted: () => ['registrations', 'event'],
  registration_promoted: () => ['registrations', 'event'],
  event_cancelled: () => ['event', 'registrations'],
  help_request_status: () => ['myHelp'],
  help_request_assigned: () => ['manageHelp'],
  help_request_comment: (d) => [d.audience === 'assignee' ? 'manageHelp' : 'myHelp'],
  task_assigned: () => ['tasks'],
  task_unassigned: () => ['tasks'],
  task_rescheduled: () => ['tasks'],
  task_reminder: () => ['tasks'],
  // The guest's request page; WEB.md has no page for a host's offers yet, so no link for them.
  host_match_proposed: (d) => (d.role === 'guest' ? ['myHelp'] : []),
  host_match_answered: (d) => (d.role === 'guest' ? ['myHelp'] : []),
  host_match_confirmed: (d) => (d.role === 'guest' ? ['myHelp'] : []),
};

export interface MailLink {
  label: string;
  url: string;
}

/** The links of one e-mail: absolute addresses under PUBLIC_URL, labelled in its language. */
export function mailLinks(
  kind: MailKind,
  data: Record<string, unknown>,
  language: Language,
  publicUrl: string,
): MailLink[] {
  const base = publicUrl.replace(/\/+$/, '');
  return (PAGES[kind]?.(data) ?? []).map((page) => ({
    label: LABELS[language][page],
    url: `${base}${PATHS[page](data)}`,
  }));
}

/** Adds the links to a rendered e-mail: lines at the end of the text, a paragraph in the HTML. */
export function withLinks<M extends { text: string; html: string }>(mail: M, links: MailLink[]): M {
  const htmlLinks = links.length
    ? `<p>${links
        .map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`)
        .join('<br />')}</p>`
    : '';
  const html = mail.html.includes(LINKS_MARKER)
    ? mail.html.replace(LINKS_MARKER, htmlLinks)
    : mail.html.replace('</body>', `${htmlLinks}</body>`);
  const text = links.length
    ? `${mail.text.replace(/\n*$/, '\n')}\n${links.map((l) => `${l.label}: ${l.url}`).join('\n')}\n`
    : mail.text;
  return { ...mail, text, html };
}
