import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { EventCard } from '../components/EventCard';
import { PageTitle } from '../components/PageTitle';
import { loginPath } from '../hooks/safe-next';
import { useSession } from '../hooks/session';
import { useT } from '../i18n/useT';
import { useGroupBySlug, useGroupEvents, useJoinGroup, useMyGroups } from './api';

function Membership({ groupId, name }: { groupId: string; name: string }) {
  const t = useT();
  const { user } = useSession();
  const mine = useMyGroups();
  const join = useJoinGroup(groupId);
  const announce = useAnnounce();
  if (!user) {
    return (
      <p className="actions">
        <Link className="button" to={loginPath()}>
          {t('group.loginToJoin')}
        </Link>
      </p>
    );
  }
  if (mine.isPending) return null;
  const role = mine.data?.items.find((m) => m.group.id === groupId)?.role;
  if (role) {
    return (
      <p>
        <span className="badge">{t(`group.role.${role}`)}</span> {t('group.youAreMember')}
      </p>
    );
  }
  return (
    <>
      <ErrorMessage error={join.error} />
      <p className="actions">
        <Button
          className="button"
          isDisabled={join.isPending}
          onPress={() =>
            join.mutate(undefined, { onSuccess: () => announce(t('group.joined', { name })) })
          }
        >
          {t('group.join')}
        </Button>
      </p>
    </>
  );
}

export function GroupPage() {
  const t = useT();
  const { slug = '' } = useParams();
  const group = useGroupBySlug(slug);
  const events = useGroupEvents(group.data?.id);
  if (group.isPending) return <p className="loading">{t('page.loading')}</p>;
  if (group.isError) {
    return (
      <section>
        <PageTitle>{t('group.notFound')}</PageTitle>
        <ErrorMessage error={group.error} />
      </section>
    );
  }
  const g = group.data;
  return (
    <section>
      <PageTitle>{g.name}</PageTitle>
      <p className="muted">
        {[g.city, g.country].filter(Boolean).join(', ')}
        {g.city || g.country ? ' · ' : ''}
        {t('group.members', { count: g.memberCount })}
      </p>
      {g.description ? <p className="description">{g.description}</p> : null}
      <Membership groupId={g.id} name={g.name} />
      <section className="section" aria-labelledby="group-events">
        <h2 id="group-events">{t('group.upcoming')}</h2>
        {events.isError ? <ErrorMessage error={events.error} /> : null}
        {events.isSuccess && events.data.items.length === 0 ? <p>{t('group.noEvents')}</p> : null}
        <ul className="card-list">
          {(events.data?.items ?? []).map((e) => (
            <li key={e.id}>
              <EventCard event={e} />
            </li>
          ))}
        </ul>
      </section>
      <section className="section" aria-labelledby="group-help">
        <h2 id="group-help">{t('group.help.title')}</h2>
        <p>{t('group.help.body')}</p>
        <Link className="button button--secondary" to={`/groups/${g.slug}/help/new`}>
          {t('group.help.button')}
        </Link>
      </section>
    </section>
  );
}
