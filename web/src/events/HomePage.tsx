import { useDeferredValue } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage';
import { EventCard } from '../components/EventCard';
import { PageTitle } from '../components/PageTitle';
import { useT } from '../i18n/useT';
import { useGroups, useUpcomingEvents } from './api';

function matches(text: string, words: string[]): boolean {
  const haystack = text.toLocaleLowerCase();
  return words.every((w) => haystack.includes(w));
}

export function HomePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const search = useDeferredValue(query.trim());
  const events = useUpcomingEvents();
  const groups = useGroups(search);
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const shown = (events.data?.items ?? []).filter((e) =>
    matches([e.title, e.city ?? '', e.venue ?? ''].join(' '), words),
  );
  return (
    <section>
      <PageTitle>{t('home.title')}</PageTitle>
      <p>{t('home.intro')}</p>
      <SearchField
        className="field search"
        value={query}
        onChange={(value) =>
          setParams(
            (p) => {
              if (value) p.set('q', value);
              else p.delete('q');
              return p;
            },
            { replace: true, preventScrollReset: true },
          )
        }
      >
        <Label>{t('home.search')}</Label>
        <Input placeholder={t('home.search.placeholder')} />
      </SearchField>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t('home.upcoming')}</h2>
        {events.isPending ? <p className="loading">{t('page.loading')}</p> : null}
        {events.isError ? <ErrorMessage error={events.error} /> : null}
        {events.isSuccess && shown.length === 0 ? <p>{t('home.noEvents')}</p> : null}
        <ul className="card-list card-list--grid">
          {shown.map((e) => (
            <li key={e.id}>
              <EventCard event={e} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t('home.groups')}</h2>
        {groups.isError ? <ErrorMessage error={groups.error} /> : null}
        {groups.isSuccess && groups.data.items.length === 0 ? <p>{t('home.noGroups')}</p> : null}
        <ul className="card-list card-list--grid">
          {(groups.data?.items ?? []).map((g) => (
            <li key={g.id}>
              <h3>
                <Link to={`/groups/${g.slug}`}>{g.name}</Link>
              </h3>
              <p className="muted">
                {[g.city, g.country].filter(Boolean).join(', ')}
                {g.city || g.country ? ' · ' : ''}
                {t('group.members', { count: g.memberCount })}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
