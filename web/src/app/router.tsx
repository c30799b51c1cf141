import type { ComponentType } from 'react';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { createBrowserRouter, type RouteObject, useHref, useNavigate } from 'react-router';
import { I18nProvider } from '../i18n/I18nProvider';
import { SessionProvider } from '../hooks/session';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { PlaceholderPage } from './PlaceholderPage';

function Root() {
  const navigate = useNavigate();
  return (
    // react-aria's links and menus navigate through the app's router, not a page load.
    <AriaRouterProvider navigate={(to) => void navigate(to)} useHref={useHref}>
      <SessionProvider>
        <I18nProvider>
          <Layout />
        </I18nProvider>
      </SessionProvider>
    </AriaRouterProvider>
  );
}

const placeholder = { Component: PlaceholderPage };

/** A route whose page component is loaded on first visit (one chunk per feature page). */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

/** WEB.md's page addresses (stable: e-mails link to them). Pages load on demand. */
const pages: RouteObject[] = [
  { index: true, ...placeholder },
  { path: 'groups/:slug', ...placeholder },
  { path: 'events/:eventId', ...placeholder },
  { path: 'signup', ...placeholder },
  { path: 'login', ...placeholder },
  { path: 'forgot-password', ...placeholder },
  { path: 'reset-password', ...placeholder },
  { path: 'me', ...placeholder },
  { path: 'me/registrations', ...placeholder },
  { path: 'me/help', ...placeholder },
  { path: 'me/help/:requestId', ...placeholder },
  { path: 'groups/:slug/help/new', ...placeholder },
  // Part 2: volunteers, organizers, the door scanner.
  { path: 'me/tasks', lazy: page(() => import('../tasks/MyTasksPage'), 'MyTasksPage') },
  {
    path: 'manage/groups/:slug',
    lazy: page(() => import('../manage/GroupDashboardPage'), 'GroupDashboardPage'),
  },
  {
    path: 'manage/groups/:slug/events/new',
    lazy: page(() => import('../manage/EventPage'), 'NewEventPage'),
  },
  {
    path: 'manage/events/:eventId',
    lazy: page(() => import('../manage/EventPage'), 'ManageEventPage'),
  },
  {
    path: 'manage/groups/:slug/help',
    lazy: page(() => import('../manage/HelpInboxPage'), 'HelpInboxPage'),
  },
  {
    path: 'manage/help/:requestId',
    lazy: page(() => import('../manage/HelpRequestPage'), 'HelpRequestPage'),
  },
  { path: 'scan/:eventId', lazy: page(() => import('../scan/ScanPage'), 'ScanPage') },
  { path: '*', Component: NotFoundPage },
];

export const router = createBrowserRouter([{ path: '/', Component: Root, children: pages }]);
