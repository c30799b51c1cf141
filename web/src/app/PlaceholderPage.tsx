import { PageTitle } from '../components/PageTitle';
import { useT } from '../i18n/useT';

/** Stands at an address of WEB.md's table whose page is not built yet. */
export function PlaceholderPage() {
  const t = useT();
  return (
    <section>
      <PageTitle>{t('app.name')}</PageTitle>
      <p>{t('page.placeholder.body')}</p>
    </section>
  );
}
