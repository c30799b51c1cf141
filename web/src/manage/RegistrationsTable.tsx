import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
} from 'react-aria-components';
import { api, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { useT } from '../i18n/useT';
import { ConfirmButton } from './ConfirmDialog';
import { useZonedFormat } from './time';

const PAGE = 50;
const STATUSES = ['all', 'confirmed', 'waitlisted', 'cancelled'] as const;
type StatusFilter = (typeof STATUSES)[number];

/**
 * An event's registrations, a page at a time from the server (30,000 rows stay fast): filter by
 * status, search by name or e-mail, cancel on someone's behalf, check in by hand, CSV.
 */
export function RegistrationsTable({
  eventId,
  timeZone,
  organizer,
}: {
  eventId: string;
  timeZone: string;
  organizer: boolean;
}) {
  const t = useT();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const { time, dateTime } = useZonedFormat(timeZone);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [search, setSearch] = useState('');
  const [submittedSearch, setSubmittedSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: ['registrations', eventId, status, submittedSearch, offset],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/events/{eventId}/registrations', {
          params: {
            path: { eventId },
            query: {
              limit: PAGE,
              offset,
              ...(status === 'all' ? {} : { status }),
              ...(submittedSearch ? { search: submittedSearch } : {}),
            },
          },
        }),
      ),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['registrations', eventId] });
    void queryClient.invalidateQueries({ queryKey: ['manage-event', eventId] });
    void queryClient.invalidateQueries({ queryKey: ['group-events'] });
  };
  const cancel = useMutation({
    mutationFn: ({ id }: { id: string; name: string }) =>
      unwrap(
        api.POST('/api/v1/registrations/{registrationId}/cancel', {
          params: { path: { registrationId: id } },
        }),
      ),
    onSuccess: (_d, v) => {
      announce(t('manage.registrations.cancelledFor', { name: v.name }));
      refresh();
    },
  });
  const checkIn = useMutation({
    mutationFn: ({ id }: { id: string; name: string }) =>
      unwrap(
        api.POST('/api/v1/registrations/{registrationId}/check-in', {
          params: { path: { registrationId: id } },
        }),
      ),
    onSuccess: (d, v) => {
      announce(t('manage.registrations.checkedInNow', { name: v.name, time: time(d.checkedInAt) }));
      refresh();
    },
  });
  const data = list.data;
  const from = data && data.total > 0 ? offset + 1 : 0;
  const to = data ? offset + data.items.length : 0;

  return (
    <div>
      <div className="filters">
        <Select
          className="field select"
          value={status}
          onChange={(v) => {
            setStatus(v as StatusFilter);
            setOffset(0);
          }}
        >
          <Label>{t('manage.registrations.status')}</Label>
          <Button>
            <SelectValue />
            <span aria-hidden="true">▾</span>
          </Button>
          <Popover>
            <ListBox>
              {STATUSES.map((s) => (
                <ListBoxItem key={s} id={s}>
                  {t(`manage.registrations.filter.${s}`)}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <SearchField
          className="field"
          value={search}
          onChange={setSearch}
          onSubmit={(v) => {
            setSubmittedSearch(v.trim());
            setOffset(0);
          }}
          onClear={() => {
            setSubmittedSearch('');
            setOffset(0);
          }}
        >
          <Label>{t('manage.registrations.search')}</Label>
          <Input />
        </SearchField>
      </div>
      {organizer ? (
        <p>
          <a
            className="button button--secondary"
            href={`/api/v1/events/${eventId}/registrations.csv`}
            download
          >
            {t('manage.registrations.csv')}
          </a>
        </p>
      ) : null}
      <ErrorMessage error={list.error ?? cancel.error ?? checkIn.error} />
      {data ? (
        <p aria-live="polite">{t('manage.registrations.range', { from, to, total: data.total })}</p>
      ) : null}
      <ul className="registration-list" aria-label={t('manage.tab.registrations')}>
        {data?.items.map((r) => (
          <li key={r.id}>
            <p>
              <strong>{r.user.displayName}</strong>{' '}
              <span className={`badge badge--${r.status}`}>
                {t(`manage.registrations.filter.${r.status}`)}
              </span>
              {r.waitlistPosition ? (
                <> {t('manage.registrations.position', { position: r.waitlistPosition })}</>
              ) : null}
            </p>
            <p className="small muted">
              {[r.user.email, r.user.country].filter(Boolean).join(' · ')}
              {' · '}
              {t('manage.registrations.registeredAt', { when: dateTime(r.createdAt) })}
            </p>
            {r.checkedInAt ? (
              <p className="small">
                {t('manage.registrations.checkedInAt', { time: time(r.checkedInAt) })}
              </p>
            ) : null}
            {r.note ? <p className="small">{r.note}</p> : null}
            {r.status !== 'cancelled' ? (
              <div className="actions">
                {r.status === 'confirmed' && !r.checkedInAt ? (
                  <Button
                    className="button button--secondary"
                    onPress={() => checkIn.mutate({ id: r.id, name: r.user.displayName })}
                  >
                    {t('manage.registrations.checkIn', { name: r.user.displayName })}
                  </Button>
                ) : null}
                {organizer ? (
                  <ConfirmButton
                    danger
                    label={t('manage.registrations.cancel', { name: r.user.displayName })}
                    title={t('manage.registrations.cancelTitle', { name: r.user.displayName })}
                    confirmLabel={t('manage.registrations.cancelConfirm')}
                    onConfirm={() => cancel.mutate({ id: r.id, name: r.user.displayName })}
                  >
                    <p>{t('manage.registrations.cancelExplain')}</p>
                  </ConfirmButton>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {data && data.total > PAGE ? (
        <div className="actions">
          <Button
            className="button button--secondary"
            isDisabled={offset === 0}
            onPress={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t('manage.registrations.previous')}
          </Button>
          <Button
            className="button button--secondary"
            isDisabled={offset + PAGE >= data.total}
            onPress={() => setOffset(offset + PAGE)}
          >
            {t('manage.registrations.next')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
