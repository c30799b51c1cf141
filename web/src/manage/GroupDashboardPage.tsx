import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { useSession } from '../hooks/session';
import { useT } from '../i18n/useT';
import { useGroupBySlug, useMembers, useMyRole } from './hooks';
import { useZonedFormat } from './time';
import './manage.css';

const ROLES = ['member', 'volunteer', 'organizer'] as const;
type Role = (typeof ROLES)[number];

export function GroupDashboardPage() {
  const { slug = '' } = useParams();
  const t = useT();
  const group = useGroupBySlug(slug);
  const groupId = group.data?.id;
  const role = useMyRole(groupId);
  const events = useQuery({
    queryKey: ['group-events', groupId],
    enabled: Boolean(groupId) && Boolean(role),
    refetchInterval: 10_000,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/{groupId}/events', {
          params: { path: { groupId: groupId! }, query: { limit: 100 } },
        }),
      ),
  });

  if (group.error) return <ErrorMessage error={group.error} />;
  if (!group.data || role === undefined) return <p className="loading">{t('page.loading')}</p>;
  const name = group.data.name;
  if (role !== 'organizer' && role !== 'volunteer') {
    return (
      <section>
        <PageTitle>{name}</PageTitle>
        <p className="notice">{t('manage.onlyOrganizers')}</p>
      </section>
    );
  }
  return (
    <section className="manage">
      <PageTitle title={t('manage.dashboard.title', { group: name })}>
        {t('manage.dashboard.title', { group: name })}
      </PageTitle>
      <div className="actions">
        {role === 'organizer' ? (
          <Link className="button" to={`/manage/groups/${slug}/events/new`}>
            {t('manage.event.new')}
          </Link>
        ) : null}
        <Link className="button button--secondary" to={`/manage/groups/${slug}/help`}>
          {t('manage.help.inbox')}
        </Link>
      </div>

      <h2>{t('manage.dashboard.events')}</h2>
      <ErrorMessage error={events.error} />
      {events.data && events.data.items.length === 0 ? (
        <p>{t('manage.dashboard.noEvents')}</p>
      ) : null}
      <ul className="card-list">
        {events.data?.items.map((e) => (
          <EventCard key={e.id} event={e} organizer={role === 'organizer'} />
        ))}
      </ul>

      {role === 'organizer' && groupId ? <Members groupId={groupId} /> : null}
    </section>
  );
}

interface GroupEvent {
  id: string;
  title: string;
  status: 'draft' | 'published' | 'cancelled';
  startsAt: string;
  timezone: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  checkedInCount: number;
}

function EventCard({ event, organizer }: { event: GroupEvent; organizer: boolean }) {
  const t = useT();
  const { dateTime } = useZonedFormat(event.timezone);
  return (
    <li className="card manage-event" aria-labelledby={`event-${event.id}`}>
      <h3 id={`event-${event.id}`}>
        {organizer ? <Link to={`/manage/events/${event.id}`}>{event.title}</Link> : event.title}{' '}
        <span className={`badge badge--${event.status}`}>
          {t(`manage.event.status.${event.status}`)}
        </span>
      </h3>
      <p className="muted">{dateTime(event.startsAt)}</p>
      <dl className="manage-counts">
        <div>
          <dt>{t('manage.counts.confirmed')}</dt>
          <dd data-count="confirmed">
            {t('manage.counts.ofCapacity', {
              count: event.confirmedCount,
              capacity: event.capacity,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('manage.counts.waitlist')}</dt>
          <dd data-count="waitlist">{event.waitlistCount}</dd>
        </div>
        <div>
          <dt>{t('manage.counts.checkedIn')}</dt>
          <dd data-count="checked-in">{event.checkedInCount}</dd>
        </div>
      </dl>
      {event.status === 'published' ? (
        <p>
          <Link to={`/scan/${event.id}`}>{t('manage.event.scan', { title: event.title })}</Link>
        </p>
      ) : null}
    </li>
  );
}

function Members({ groupId }: { groupId: string }) {
  const t = useT();
  const { user } = useSession();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const members = useMembers(groupId);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['members', groupId] });
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role; name: string }) =>
      unwrap(
        api.PUT('/api/v1/fan-groups/{groupId}/members/{userId}', {
          params: { path: { groupId, userId } },
          body: { role },
        }),
      ),
    onSuccess: (_d, v) => {
      announce(t('manage.members.roleSaved', { name: v.name, role: t(`manage.role.${v.role}`) }));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: ({ userId }: { userId: string; name: string }) =>
      unwrap(
        api.DELETE('/api/v1/fan-groups/{groupId}/members/{userId}', {
          params: { path: { groupId, userId } },
        }),
      ),
    onSuccess: (_d, v) => {
      announce(t('manage.members.removed', { name: v.name }));
      refresh();
    },
  });
  return (
    <>
      <h2>{t('manage.members.title')}</h2>
      <ErrorMessage error={members.error ?? setRole.error ?? remove.error} />
      <ul className="card-list manage-members">
        {members.data?.map((m) => (
          <li key={m.userId} className="card">
            <p>
              <strong>{m.displayName}</strong> <span className="muted">{m.country}</span>
              {m.userId === user?.id ? ` (${t('manage.members.you')})` : null}
            </p>
            <div className="actions">
              <Select
                className="select"
                value={m.role}
                onChange={(role) => {
                  if (ROLES.includes(role as Role) && role !== m.role) {
                    setRole.mutate({ userId: m.userId, role: role as Role, name: m.displayName });
                  }
                }}
              >
                <Label>{t('manage.members.roleOf', { name: m.displayName })}</Label>
                <Button>
                  <SelectValue />
                  <span aria-hidden="true">▾</span>
                </Button>
                <Popover>
                  <ListBox>
                    {ROLES.map((r) => (
                      <ListBoxItem key={r} id={r}>
                        {t(`manage.role.${r}`)}
                      </ListBoxItem>
                    ))}
                  </ListBox>
                </Popover>
              </Select>
              <Button
                className="button button--danger"
                onPress={() => remove.mutate({ userId: m.userId, name: m.displayName })}
              >
                {t('manage.members.remove', { name: m.displayName })}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
