import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { LANGUAGE_NAMES } from '../i18n/languages';
import { useT } from '../i18n/useT';
import { useGroupBySlug, useMyRole } from './hooks';
import './manage.css';

const TYPES = ['ticket', 'accommodation'] as const;
const STATUSES = ['open', 'in_progress', 'resolved', 'declined', 'cancelled'] as const;
const LANGS = ['en', 'ru', 'kk'] as const;

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { id: string; name: string }[];
  onChange: (v: string) => void;
}) {
  const t = useT();
  return (
    <Select className="field select" value={value} onChange={(v) => onChange(String(v))}>
      <Label>{label}</Label>
      <Button>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover>
        <ListBox>
          <ListBoxItem id="">{t('manage.help.any')}</ListBoxItem>
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id}>
              {o.name}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** The group's help requests (organizers: all; volunteers: those assigned to them). */
export function HelpInboxPage() {
  const { slug = '' } = useParams();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const group = useGroupBySlug(slug);
  const groupId = group.data?.id;
  const role = useMyRole(groupId);
  const filter = (name: string) => params.get(name) ?? '';
  const setFilter = (name: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(name, value);
        else p.delete(name);
        return p;
      },
      { replace: true, preventScrollReset: true },
    );
  const events = useQuery({
    queryKey: ['group-events', groupId],
    enabled: Boolean(groupId) && Boolean(role),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/{groupId}/events', {
          params: { path: { groupId: groupId! }, query: { limit: 100 } },
        }),
      ),
  });
  const type = filter('type');
  const status = filter('status');
  const eventId = filter('eventId');
  const requesterLanguage = filter('language');
  const requests = useQuery({
    queryKey: ['help-inbox', groupId, type, status, eventId, requesterLanguage],
    enabled: role === 'organizer' || role === 'volunteer',
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/fan-groups/{groupId}/help-requests', {
          params: {
            path: { groupId: groupId! },
            query: {
              limit: 100,
              ...(type ? { type: type as (typeof TYPES)[number] } : {}),
              ...(status ? { status: status as (typeof STATUSES)[number] } : {}),
              ...(eventId ? { eventId } : {}),
              ...(requesterLanguage
                ? { requesterLanguage: requesterLanguage as (typeof LANGS)[number] }
                : {}),
            },
          },
        }),
      ),
  });
  if (group.error) return <ErrorMessage error={group.error} />;
  if (!group.data || role === undefined) return <p className="loading">{t('page.loading')}</p>;
  if (role !== 'organizer' && role !== 'volunteer') {
    return <p className="notice">{t('manage.onlyOrganizers')}</p>;
  }
  const eventTitle = (id: string | null) =>
    events.data?.items.find((e) => e.id === id)?.title ?? null;
  return (
    <section className="manage">
      <p>
        <Link to={`/manage/groups/${slug}`}>
          {t('manage.backToGroup', { group: group.data.name })}
        </Link>
      </p>
      <PageTitle title={t('manage.help.title', { group: group.data.name })}>
        {t('manage.help.title', { group: group.data.name })}
      </PageTitle>
      {role === 'volunteer' ? <p className="notice">{t('manage.help.volunteerSees')}</p> : null}
      <div className="filters">
        <FilterSelect
          label={t('manage.help.type')}
          value={type}
          onChange={(v) => setFilter('type', v)}
          options={TYPES.map((id) => ({ id, name: t(`manage.help.type.${id}`) }))}
        />
        <FilterSelect
          label={t('manage.help.status')}
          value={status}
          onChange={(v) => setFilter('status', v)}
          options={STATUSES.map((id) => ({ id, name: t(`manage.help.status.${id}`) }))}
        />
        <FilterSelect
          label={t('manage.help.event')}
          value={eventId}
          onChange={(v) => setFilter('eventId', v)}
          options={(events.data?.items ?? []).map((e) => ({ id: e.id, name: e.title }))}
        />
        <FilterSelect
          label={t('manage.help.language')}
          value={requesterLanguage}
          onChange={(v) => setFilter('language', v)}
          options={LANGS.map((id) => ({ id, name: LANGUAGE_NAMES[id] }))}
        />
      </div>
      <ErrorMessage error={requests.error} />
      {requests.data ? <p>{t('manage.help.count', { count: requests.data.total })}</p> : null}
      <ul className="card-list">
        {requests.data?.items.map((r) => (
          <li key={r.id} className="card">
            <h2 className="h3">
              <Link to={`/manage/help/${r.id}`}>
                {t(`manage.help.type.${r.type}`)}:{' '}
                {r.requester?.displayName ?? t('manage.help.deletedUser')}
              </Link>{' '}
              <span className={`badge badge--${r.status}`}>
                {t(`manage.help.status.${r.status}`)}
              </span>
            </h2>
            <p className="small muted">
              {[
                r.requester?.country,
                r.requester ? LANGUAGE_NAMES[r.requester.language] : null,
                eventTitle(r.eventId),
                r.assignee
                  ? t('manage.help.assignedTo', { name: r.assignee.displayName })
                  : t('manage.help.unassigned'),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <p>{r.message.length > 200 ? `${r.message.slice(0, 200)}…` : r.message}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
