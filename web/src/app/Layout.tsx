import { Suspense } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useNavigate } from 'react-router';
import { Button } from 'react-aria-components';
import { useQueryClient } from '@tanstack/react-query';
import { AnnouncerProvider } from '../components/Announcer';
import { useLogout } from '../hooks/useLogout';
import { useSession } from '../hooks/session';
import { useT } from '../i18n/useT';
import { LanguageSwitcher } from './LanguageSwitcher';

function Header() {
  const t = useT();
  const { user } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="site-header__bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <LanguageSwitcher />
      </div>
      <nav aria-label={t('nav.label')} className="site-nav">
        <ul>
          <li>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
          </li>
          {user ? (
            <>
              <li>
                <NavLink to="/me/registrations">{t('nav.myRegistrations')}</NavLink>
              </li>
              <li>
                <NavLink to="/me/help" end>
                  {t('nav.myHelp')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/me/tasks">{t('nav.myTasks')}</NavLink>
              </li>
              <li>
                <NavLink to="/me" end>
                  {t('nav.account')}
                </NavLink>
              </li>
              <li>
                <Button
                  className="link-button"
                  onPress={() =>
                    logout.mutate(undefined, {
                      onSuccess: () => {
                        queryClient.clear();
                        void navigate('/');
                      },
                    })
                  }
                >
                  {t('nav.logout')}
                </Button>
              </li>
            </>
          ) : (
            <>
              <li>
                <NavLink to="/login">{t('nav.login')}</NavLink>
              </li>
              <li>
                <NavLink to="/signup">{t('nav.signup')}</NavLink>
              </li>
            </>
          )}
        </ul>
      </nav>
      {user ? (
        <p className="signed-in-as">{t('nav.signedInAs', { name: user.displayName })}</p>
      ) : null}
    </header>
  );
}

export function Layout() {
  const t = useT();
  return (
    <AnnouncerProvider>
      <Header />
      <main id="main" className="page">
        <Suspense fallback={<p className="loading">{t('page.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
      <ScrollRestoration />
    </AnnouncerProvider>
  );
}
