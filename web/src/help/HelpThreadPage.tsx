import { Button, Form } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router';
import type { components } from '../api/schema';
import { useAnnounce } from '../components/Announcer';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, formText, serverValidation } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { RequireUser } from '../components/RequireUser';
import { useSession } from '../hooks/session';
import { formatInstant } from '../i18n/format';
import { useT } from '../i18n/useT';
import { useAddComment, useCancelHelpRequest, useHelpComments, useHelpRequest } from './api';
import { HelpDetails } from './HelpSummary';

type HistoryEntry = components['schemas']['HelpHistoryEntryDto'];
type Comment = components['schemas']['CommentResponseDto'];
type ThreadItem =
  | { kind: 'history'; at: string; entry: HistoryEntry }
  | { kind: 'comment'; at: string; comment: Comment };

function HistoryText({ entry }: { entry: HistoryEntry }) {
  const t = useT();
  switch (entry.action) {
    case 'created':
      return <>{t('help.history.created')}</>;
    case 'status':
      return (
        <>
          {t('help.history.status', {
            status: entry.toStatus ? t(`help.status.${entry.toStatus}`) : '',
          })}
        </>
      );
    case 'assigned':
      return <>{t('help.history.assigned')}</>;
    case 'unassigned':
      return <>{t('help.history.unassigned')}</>;
  }
}

function CommentForm({ requestId }: { requestId: string }) {
  const t = useT();
  const add = useAddComment(requestId);
  const announce = useAnnounce();
  const { validationErrors, unclaimed } = serverValidation(add.error, ['body']);
  return (
    <Form
      validationBehavior="aria"
      className="form"
      validationErrors={validationErrors}
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        add.mutate(formText(new FormData(form), 'body'), {
          onSuccess: () => {
            form.reset();
            announce(t('help.comment.sent'));
          },
        });
      }}
    >
      <ErrorMessage error={add.error} unclaimed={unclaimed} />
      <Field label={t('help.comment.label')} name="body" multiline isRequired />
      <div className="actions">
        <Button type="submit" className="button" isDisabled={add.isPending}>
          {t('help.comment.submit')}
        </Button>
      </div>
    </Form>
  );
}

function Thread({ requestId }: { requestId: string }) {
  const t = useT();
  const intl = useIntl();
  const { user } = useSession();
  const request = useHelpRequest(requestId);
  const comments = useHelpComments(requestId);
  const cancel = useCancelHelpRequest(requestId);
  const announce = useAnnounce();
  if (request.isPending) return <p className="loading">{t('page.loading')}</p>;
  if (request.isError) {
    return (
      <section>
        <PageTitle>{t('help.thread.title')}</PageTitle>
        <ErrorMessage error={request.error} />
      </section>
    );
  }
  const r = request.data;
  const items: ThreadItem[] = [
    ...r.history.map((entry) => ({ kind: 'history' as const, at: entry.at, entry })),
    ...(comments.data?.items ?? []).map((comment) => ({
      kind: 'comment' as const,
      at: comment.createdAt,
      comment,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const open = r.status === 'open' || r.status === 'in_progress';
  const canWithdraw = r.allowedTransitions.includes('cancelled');
  return (
    <section>
      <PageTitle>{t(`help.type.${r.type}`)}</PageTitle>
      <p>
        <span className={`badge badge--${r.status}`}>{t(`help.status.${r.status}`)}</span>
        {r.assignee ? ` · ${t('help.assignee', { name: r.assignee.displayName })}` : ''}
      </p>
      <div className="card">
        <HelpDetails request={r} />
        <p className="description">{r.message}</p>
      </div>
      <h2>{t('help.thread.history')}</h2>
      {comments.isError ? <ErrorMessage error={comments.error} /> : null}
      <ol className="thread">
        {items.map((item) =>
          item.kind === 'history' ? (
            <li key={`h-${item.at}-${item.entry.action}`} className="thread-status">
              <HistoryText entry={item.entry} /> · {formatInstant(intl, item.at)}
            </li>
          ) : (
            <li key={item.comment.id}>
              <p className="small muted">
                {item.comment.author?.id === user?.id
                  ? t('help.comment.you')
                  : (item.comment.author?.displayName ?? t('help.comment.deletedUser'))}{' '}
                · {formatInstant(intl, item.at)}
              </p>
              <p className="description">{item.comment.body}</p>
            </li>
          ),
        )}
      </ol>
      {open ? (
        <>
          <CommentForm requestId={requestId} />
          {canWithdraw ? (
            <div className="section">
              <ConfirmButton
                label={t('help.cancel.button')}
                title={t('help.cancel.title')}
                body={t('help.cancel.body')}
                keepLabel={t('help.cancel.keep')}
                confirmLabel={t('help.cancel.confirm')}
                pending={cancel.isPending}
                error={cancel.error}
                onConfirm={(done) =>
                  cancel.mutate(undefined, {
                    onSuccess: () => {
                      done();
                      announce(t('help.cancel.done'));
                    },
                  })
                }
              />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function HelpThreadPage() {
  const t = useT();
  const { requestId = '' } = useParams();
  return (
    <RequireUser title={t('help.thread.title')}>
      <Thread requestId={requestId} />
    </RequireUser>
  );
}
