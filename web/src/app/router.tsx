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

/** Code-split pages: each loads with its first visit. */
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => ({
  lazy: async () => ({ Component: (await load())[name] }),
});

/** WEB.md's page addresses (stable: e-mails link to them). */
const pages: RouteObject[] = [
  { index: true, ...page(() => import('../events/HomePage'), 'HomePage') },
  { path: 'groups/:slug', ...page(() => import('../groups/GroupPage'), 'GroupPage') },
  { path: 'events/:eventId', ...page(() => import('../events/EventPage'), 'EventPage') },
  { path: 'signup', ...page(() => import('../account/SignupPage'), 'SignupPage') },
  { path: 'login', ...page(() => import('../account/LoginPage'), 'LoginPage') },
  {
    path: 'forgot-password',
    ...page(() => import('../account/ForgotPasswordPage'), 'ForgotPasswordPage'),
  },
  {
    path: 'reset-password',
    ...page(() => import('../account/ResetPasswordPage'), 'ResetPasswordPage'),
  },
  { path: 'me', ...page(() => import('../account/AccountPage'), 'AccountPage') },
  {
    path: 'me/registrations',
    ...page(() => import('../registrations/MyRegistrationsPage'), 'MyRegistrationsPage'),
  },
  { path: 'me/help', ...page(() => import('../help/MyHelpPage'), 'MyHelpPage') },
  { path: 'me/help/:requestId', ...page(() => import('../help/HelpThreadPage'), 'HelpThreadPage') },
  {
    path: 'groups/:slug/help/new',
    ...page(() => import('../help/NewHelpRequestPage'), 'NewHelpRequestPage'),
  },
  // Part 2: volunteers, organizers, the door scanner.
  { path: 'me/tasks', ...placeholder },
  { path: 'manage/groups/:slug', ...placeholder },
  { path: 'manage/events/:eventId', ...placeholder },
  { path: 'manage/groups/:slug/help', ...placeholder },
  { path: 'manage/help/:requestId', ...placeholder },
  { path: 'scan/:eventId', ...placeholder },
  { path: '*', Component: NotFoundPage },
];

export const router = createBrowserRouter([{ path: '/', Component: Root, children: pages }]);
