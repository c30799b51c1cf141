import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { loginPath } from '../hooks/safe-next';
import { useSession } from '../hooks/session';
import { useT } from '../i18n/useT';
import { PageTitle } from './PageTitle';

/** A page for signed-in users: others are asked to log in and come back here. */
export function RequireUser({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const { user } = useSession();
  if (user) return children;
  return (
    <section>
      <PageTitle>{title}</PageTitle>
      <p>{t('error.unauthorized')}</p>
      <p className="actions">
        <Link className="button" to={loginPath()}>
          {t('nav.login')}
        </Link>
        <Link to="/signup">{t('nav.signup')}</Link>
      </p>
    </section>
  );
}
