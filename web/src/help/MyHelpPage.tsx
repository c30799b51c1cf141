import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { RequireUser } from '../components/RequireUser';
import { formatInstant } from '../i18n/format';
import { useT } from '../i18n/useT';
import { useMyHelpRequests } from './api';
import { HelpDetails } from './HelpSummary';

function Requests() {
  const t = useT();
  const intl = useIntl();
  const list = useMyHelpRequests();
  if (list.isPending) return <p className="loading">{t('page.loading')}</p>;
  if (list.isError) return <ErrorMessage error={list.error} />;
  if (list.data.items.length === 0) return <p>{t('help.mine.none')}</p>;
  return (
    <ul className="card-list">
      {list.data.items.map((r) => (
        <li key={r.id}>
          <h2>
            <Link to={`/me/help/${r.id}`}>{t(`help.type.${r.type}`)}</Link>
          </h2>
          <p>
            <span className={`badge badge--${r.status}`}>{t(`help.status.${r.status}`)}</span>{' '}
            <span className="muted small">{formatInstant(intl, r.createdAt)}</span>
          </p>
          <HelpDetails request={r} />
          <p className="small">{r.message}</p>
        </li>
      ))}
    </ul>
  );
}

export function MyHelpPage() {
  const t = useT();
  return (
    <RequireUser title={t('help.mine.title')}>
      <section>
        <PageTitle>{t('help.mine.title')}</PageTitle>
        <p>{t('help.mine.intro')}</p>
        <Requests />
      </section>
    </RequireUser>
  );
}
