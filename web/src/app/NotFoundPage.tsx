import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { useT } from '../i18n/useT';

export function NotFoundPage() {
  const t = useT();
  return (
    <section>
      <PageTitle>{t('page.notFound.title')}</PageTitle>
      <p>{t('page.notFound.body')}</p>
      <p>
        <Link to="/">{t('page.notFound.home')}</Link>
      </p>
    </section>
  );
}
