import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Form,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { useSession } from '../hooks/session';
import { LANGUAGE_NAMES } from '../i18n/languages';
import { useT } from '../i18n/useT';
import { useMembers, useMyRole } from './hooks';
import './manage.css';

type HelpStatus = 'open' | 'in_progress' | 'resolved' | 'declined' | 'cancelled';

/** One help request: details, assignee, the next states allowed, history and comments. */
export function HelpRequestPage() {
  const { requestId = '' } = useParams();
  const t = useT();
  const intl = useIntl();
  const { user } = useSession();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [assignee, setAssignee] = useState<string>('');
  const [comment, setComment] = useState('');
  const request = useQuery({
    queryKey: ['help-request', requestId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/help-requests/{requestId}', { params: { path: { requestId } } })),
  });
  const comments = useQuery({
    queryKey: ['help-comments', requestId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/help-requests/{requestId}/comments', {
          params: { path: { requestId }, query: { limit: 100 } },
        }),
      ),
  });
  const groupId = request.data?.groupId;
  const role = useMyRole(groupId);
  const members = useMembers(role === 'organizer' || role === 'volunteer' ? groupId : undefined);
  const group = useQuery({
    queryKey: ['group', groupId],
    enabled: Boolean(groupId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/fan-groups/{groupId}', { params: { path: { groupId: groupId! } } })),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['help-request', requestId] });
    void queryClient.invalidateQueries({ queryKey: ['help-inbox'] });
  };
  const update = useMutation({
    mutationFn: (body: { status?: HelpStatus; assigneeId?: string | null }) =>
      unwrap(
        api.PATCH('/api/v1/help-requests/{requestId}', { params: { path: { requestId } }, body }),
      ),
    onSuccess: (r, body) => {
      announce(
        body.status
          ? t('manage.help.statusNow', { status: t(`manage.help.status.${r.status}`) })
          : r.assignee
            ? t('manage.help.assignedTo', { name: r.assignee.displayName })
            : t('manage.help.unassigned'),
      );
      refresh();
    },
  });
  const addComment = useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST('/api/v1/help-requests/{requestId}/comments', {
          params: { path: { requestId } },
          body: { body },
        }),
      ),
    onSuccess: () => {
      setComment('');
      announce(t('manage.help.commentAdded'));
      void queryClient.invalidateQueries({ queryKey: ['help-comments', requestId] });
    },
  });

  if (request.error) return <ErrorMessage error={request.error} />;
  if (!request.data) return <p className="loading">{t('page.loading')}</p>;
  const r = request.data;
  const names = new Map<string, string>();
  for (const m of members.data ?? []) names.set(m.userId, m.displayName);
  if (r.requester) names.set(r.requester.id, r.requester.displayName);
  if (r.assignee) names.set(r.assignee.id, r.assignee.displayName);
  const who = (id: string | null) =>
    id ? (names.get(id) ?? t('manage.help.someone')) : t('manage.help.someone');
  const when = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const staff = (members.data ?? []).filter((m) => m.role !== 'member');

  type Entry = { at: string; key: string; node: React.ReactNode };
  const thread: Entry[] = [
    ...r.history.map((h, i) => ({
      at: h.at,
      key: `h${i}`,
      node: (
        <p className="thread-status">
          {h.action === 'created'
            ? t('manage.help.history.created', { name: who(h.actorId) })
            : h.action === 'status'
              ? t('manage.help.history.status', {
                  name: who(h.actorId),
                  status: t(`manage.help.status.${h.toStatus ?? 'open'}`),
                })
              : h.action === 'assigned'
                ? t('manage.help.history.assigned', {
                    name: who(h.actorId),
                    assignee: who(h.assigneeId),
                  })
                : t('manage.help.history.unassigned', { name: who(h.actorId) })}
        </p>
      ),
    })),
    ...(comments.data?.items ?? []).map((c) => ({
      at: c.createdAt,
      key: c.id,
      node: (
        <>
          <p>
            <strong>{c.author?.displayName ?? t('manage.help.deletedUser')}</strong>
          </p>
          <p className="comment-body">{c.body}</p>
        </>
      ),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <section className="manage">
      {group.data && (role === 'organizer' || role === 'volunteer') ? (
        <p>
          <Link to={`/manage/groups/${group.data.slug}/help`}>{t('manage.help.backToInbox')}</Link>
        </p>
      ) : null}
      <PageTitle title={`${t(`manage.help.type.${r.type}`)}: ${r.requester?.displayName ?? ''}`}>
        {t(`manage.help.type.${r.type}`)}:{' '}
        {r.requester?.displayName ?? t('manage.help.deletedUser')}
      </PageTitle>
      <p>
        <span className={`badge badge--${r.status}`}>{t(`manage.help.status.${r.status}`)}</span>{' '}
        {r.assignee
          ? t('manage.help.assignedTo', { name: r.assignee.displayName })
          : t('manage.help.unassigned')}
      </p>
      <dl className="meta">
        {r.requester ? (
          <>
            <dt>{t('manage.help.requester')}</dt>
            <dd>
              {r.requester.displayName} · {r.requester.country} ·{' '}
              {LANGUAGE_NAMES[r.requester.language]}
            </dd>
          </>
        ) : null}
        {r.accommodation ? (
          <>
            <dt>{t('manage.help.nights')}</dt>
            <dd>
              {intl.formatDate(r.accommodation.checkIn, { dateStyle: 'medium', timeZone: 'UTC' })} –{' '}
              {intl.formatDate(r.accommodation.checkOut, { dateStyle: 'medium', timeZone: 'UTC' })}
            </dd>
            <dt>{t('manage.help.guests')}</dt>
            <dd>{r.accommodation.guests}</dd>
            {r.accommodation.maxBudgetPerNight != null && r.accommodation.currency ? (
              <>
                <dt>{t('manage.help.budgetPerNight')}</dt>
                <dd>
                  {intl.formatNumber(r.accommodation.maxBudgetPerNight, {
                    style: 'currency',
                    currency: r.accommodation.currency,
                  })}
                </dd>
              </>
            ) : null}
          </>
        ) : null}
        {r.ticket ? (
          <>
            <dt>{t('manage.help.tickets')}</dt>
            <dd>{r.ticket.quantity}</dd>
            {r.ticket.maxBudget != null && r.ticket.currency ? (
              <>
                <dt>{t('manage.help.budget')}</dt>
                <dd>
                  {intl.formatNumber(r.ticket.maxBudget, {
                    style: 'currency',
                    currency: r.ticket.currency,
                  })}
                </dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      <p className="card">{r.message}</p>

      {role === 'organizer' ? (
        <div className="actions">
          <Select
            className="field select"
            value={assignee || r.assigneeId || ''}
            onChange={(v) => setAssignee(String(v))}
          >
            <Label>{t('manage.help.assignee')}</Label>
            <Button>
              <SelectValue />
              <span aria-hidden="true">▾</span>
            </Button>
            <Popover>
              <ListBox>
                <ListBoxItem id="">{t('manage.help.nobody')}</ListBoxItem>
                {staff.map((m) => (
                  <ListBoxItem key={m.userId} id={m.userId} textValue={m.displayName}>
                    {m.displayName} ({t(`manage.role.${m.role}`)})
                  </ListBoxItem>
                ))}
              </ListBox>
            </Popover>
          </Select>
          <Button
            className="button"
            isDisabled={
              update.isPending || (assignee || r.assigneeId || '') === (r.assigneeId ?? '')
            }
            onPress={() => update.mutate({ assigneeId: assignee || null })}
          >
            {t('manage.help.assign')}
          </Button>
        </div>
      ) : null}

      {r.allowedTransitions.length > 0 ? (
        <div className="actions" role="group" aria-label={t('manage.help.moveTo')}>
          {r.allowedTransitions.map((s) => (
            <Button
              key={s}
              className={`button ${s === 'declined' || s === 'cancelled' ? 'button--danger' : ''}`}
              isDisabled={update.isPending}
              onPress={() => update.mutate({ status: s })}
            >
              {t(`manage.help.moveTo.${s}`)}
            </Button>
          ))}
        </div>
      ) : null}
      <ErrorMessage error={update.error} />

      <h2>{t('manage.help.thread')}</h2>
      <ErrorMessage error={comments.error} />
      <ol className="thread">
        {thread.map((e) => (
          <li key={e.key}>
            <p className="small muted">
              <time dateTime={e.at}>{when(e.at)}</time>
            </p>
            {e.node}
          </li>
        ))}
      </ol>
      {user ? (
        <Form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) addComment.mutate(comment.trim());
          }}
        >
          <Field label={t('manage.help.comment')} value={comment} onChange={setComment} multiline />
          <ErrorMessage error={addComment.error} />
          <Button type="submit" className="button" isDisabled={addComment.isPending}>
            {t('manage.help.send')}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}
