import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  I18nProvider as AriaI18nProvider,
  Tab,
  TabList,
  TabPanel,
  Tabs,
} from 'react-aria-components';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { useLanguage } from '../i18n/I18nProvider';
import { READER_TIME_ZONE } from '../i18n/time-zone';
import { useT } from '../i18n/useT';
import { ConfirmButton } from './ConfirmDialog';
import { EventEditor } from './EventEditor';
import { useGroupBySlug, useMyRole } from './hooks';
import { RegistrationsTable } from './RegistrationsTable';
import { TaskBoard } from './TaskBoard';
import { useZonedFormat } from './time';
import './manage.css';

/** The group's city as an IANA zone when one is named after it ("Almaty" → Asia/Almaty). */
function zoneOfCity(city: string | null | undefined): string | undefined {
  if (!city) return undefined;
  const wanted = city.trim().toLowerCase().replace(/\s+/g, '_');
  return Intl.supportedValuesOf('timeZone').find(
    (z) => z.split('/').pop()?.toLowerCase() === wanted,
  );
}

/** `/manage/groups/:slug/events/new`: a new draft event of the group. */
export function NewEventPage() {
  const { slug = '' } = useParams();
  const t = useT();
  const { language } = useLanguage();
  const group = useGroupBySlug(slug);
  const role = useMyRole(group.data?.id);
  const events = useQuery({
    queryKey: ['group-events', group.data?.id],
    enabled: role === 'organizer',
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/{groupId}/events', {
          params: { path: { groupId: group.data!.id }, query: { limit: 100 } },
        }),
      ),
  });
  if (group.error) return <ErrorMessage error={group.error} />;
  if (!group.data || role === undefined) return <p className="loading">{t('page.loading')}</p>;
  if (role !== 'organizer') return <p className="notice">{t('manage.onlyOrganizers')}</p>;
  // Default zone: the group's last event's, else its city's, else the organizer's own.
  const zone = events.data?.items[0]?.timezone ?? zoneOfCity(group.data.city) ?? READER_TIME_ZONE;
  return (
    <section className="manage">
      <p>
        <Link to={`/manage/groups/${slug}`}>
          {t('manage.backToGroup', { group: group.data.name })}
        </Link>
      </p>
      <PageTitle>{t('manage.event.newTitle')}</PageTitle>
      <AriaI18nProvider locale={language}>
        <EventEditor
          key={zone}
          groupId={group.data.id}
          defaultCity={group.data.city}
          defaultTimeZone={zone}
        />
      </AriaI18nProvider>
    </section>
  );
}

/** `/manage/events/:eventId`: edit, publish, cancel; registrations; volunteer tasks. */
export function ManageEventPage() {
  const { eventId = '' } = useParams();
  const t = useT();
  const { language } = useLanguage();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const event = useQuery({
    queryKey: ['manage-event', eventId],
    queryFn: () => unwrap(api.GET('/api/v1/events/{eventId}', { params: { path: { eventId } } })),
  });
  const group = useQuery({
    queryKey: ['group', event.data?.groupId],
    enabled: Boolean(event.data),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/{groupId}', {
          params: { path: { groupId: event.data!.groupId } },
        }),
      ),
  });
  const role = useMyRole(event.data?.groupId);
  const { dateTime } = useZonedFormat(event.data?.timezone);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['manage-event', eventId] });
    void queryClient.invalidateQueries({ queryKey: ['group-events'] });
  };
  const publish = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/events/{eventId}/publish', { params: { path: { eventId } } })),
    onSuccess: () => {
      announce(t('manage.event.published'));
      refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/events/{eventId}/cancel', { params: { path: { eventId } } })),
    onSuccess: () => {
      announce(t('manage.event.cancelled'));
      refresh();
    },
  });

  if (event.error) return <ErrorMessage error={event.error} />;
  if (!event.data || role === undefined) return <p className="loading">{t('page.loading')}</p>;
  const e = event.data;
  const organizer = role === 'organizer';
  const tab = params.get('tab') ?? (organizer ? 'details' : 'registrations');
  const registrants = e.confirmedCount + e.waitlistCount;

  return (
    <section className="manage">
      {group.data ? (
        <p>
          <Link to={`/manage/groups/${group.data.slug}`}>
            {t('manage.backToGroup', { group: group.data.name })}
          </Link>
        </p>
      ) : null}
      <PageTitle title={e.title}>
        {e.title}{' '}
        <span className={`badge badge--${e.status}`}>{t(`manage.event.status.${e.status}`)}</span>
      </PageTitle>
      <p className="muted">
        {dateTime(e.startsAt)} · {e.timezone}
      </p>
      <div className="actions">
        {organizer && e.status === 'draft' ? (
          <ConfirmButton
            label={t('manage.event.publish')}
            title={t('manage.event.publishTitle')}
            confirmLabel={t('manage.event.publishConfirm')}
            onConfirm={() => publish.mutate()}
          >
            <p>{t('manage.event.publishExplain')}</p>
          </ConfirmButton>
        ) : null}
        {organizer && e.status !== 'cancelled' ? (
          <ConfirmButton
            danger
            label={t('manage.event.cancel')}
            title={t('manage.event.cancelTitle')}
            confirmLabel={t('manage.event.cancelConfirm')}
            onConfirm={() => cancel.mutate()}
          >
            <p>{t('manage.event.cancelExplain', { count: registrants })}</p>
          </ConfirmButton>
        ) : null}
        {e.status === 'published' ? (
          <Link className="button button--secondary" to={`/scan/${e.id}`}>
            {t('manage.event.openScanner')}
          </Link>
        ) : null}
      </div>
      <ErrorMessage error={publish.error ?? cancel.error} />
      <AriaI18nProvider locale={language}>
        <Tabs
          selectedKey={tab}
          onSelectionChange={(key) =>
            setParams(
              (p) => {
                p.set('tab', String(key));
                return p;
              },
              { replace: true, preventScrollReset: true },
            )
          }
        >
          <TabList aria-label={t('manage.event.sections')}>
            {organizer ? <Tab id="details">{t('manage.tab.details')}</Tab> : null}
            <Tab id="registrations">{t('manage.tab.registrations')}</Tab>
            <Tab id="tasks">{t('manage.tab.tasks')}</Tab>
          </TabList>
          {organizer ? (
            <TabPanel id="details">
              <EventEditor key={e.id} event={e} groupId={e.groupId} defaultTimeZone={e.timezone} />
            </TabPanel>
          ) : null}
          <TabPanel id="registrations">
            <RegistrationsTable eventId={e.id} timeZone={e.timezone} organizer={organizer} />
          </TabPanel>
          <TabPanel id="tasks">
            <TaskBoard
              eventId={e.id}
              groupId={e.groupId}
              timeZone={e.timezone}
              organizer={organizer}
            />
          </TabPanel>
        </Tabs>
      </AriaI18nProvider>
    </section>
  );
}
