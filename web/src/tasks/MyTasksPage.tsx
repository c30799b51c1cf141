import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, DialogTrigger, Heading, Modal } from 'react-aria-components';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageTitle } from '../components/PageTitle';
import { useSession } from '../hooks/session';
import { useT } from '../i18n/useT';
import './tasks.css';

interface TaskItem {
  id: string;
  title: string;
  description: string | null;
  location: string | null;
  startsAt: string;
  endsAt: string;
  status: 'open' | 'done' | 'cancelled';
  volunteersNeeded: number;
  assignedCount: number;
  event: { id: string; title: string; venue: string | null; timezone: string };
}

/** The calendar day of an instant in a zone, `YYYY-MM-DD`. */
function dayIn(iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(iso))
    .filter((p) => p.type !== 'literal')
    .map((p) => p.value)
    .join('-');
}

/** Tasks grouped by their day in their event's zone, in order. */
function byDay(tasks: TaskItem[]): { day: string; tasks: TaskItem[] }[] {
  const groups = new Map<string, TaskItem[]>();
  for (const task of tasks) {
    const day = dayIn(task.startsAt, task.event.timezone);
    groups.set(day, [...(groups.get(day) ?? []), task]);
  }
  return [...groups.entries()].map(([day, list]) => ({ day, tasks: list }));
}

function useTaskTime() {
  const intl = useIntl();
  return {
    day: (task: TaskItem) =>
      intl.formatDate(task.startsAt, {
        timeZone: task.event.timezone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
      }),
    range: (task: TaskItem) =>
      `${intl.formatTime(task.startsAt, { timeZone: task.event.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}–${intl.formatTime(task.endsAt, { timeZone: task.event.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}`,
  };
}

export function MyTasksPage() {
  const t = useT();
  const { user } = useSession();
  if (!user) {
    return (
      <section>
        <PageTitle>{t('tasks.title')}</PageTitle>
        <p>
          <Link to="/login">{t('error.unauthorized')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="my-tasks">
      <PageTitle>{t('tasks.title')}</PageTitle>
      <MyTasks />
      <OpenTasks />
      <CalendarFeed />
      <MyGroups />
    </section>
  );
}

function MyTasks() {
  const t = useT();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const { day, range } = useTaskTime();
  // Read once per visit: what counts as today, upcoming and past.
  const [now] = useState(() => Date.now());
  const mine = useQuery({
    queryKey: ['my-tasks'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/me/tasks', {
          // Past tasks of the last 60 days too.
          params: { query: { from: new Date(now - 60 * 86_400_000).toISOString(), limit: 100 } },
        }),
      ),
  });
  const complete = useMutation({
    mutationFn: (task: TaskItem) =>
      unwrap(
        api.POST('/api/v1/tasks/{taskId}/complete', { params: { path: { taskId: task.id } } }),
      ),
    onSuccess: (_d, task) => {
      announce(t('tasks.doneNow', { title: task.title }));
      void queryClient.invalidateQueries({ queryKey: ['my-tasks'] });
    },
  });
  const items = (mine.data?.items ?? []) as TaskItem[];
  const todayOf = (task: TaskItem) => dayIn(new Date(now), task.event.timezone);
  const today = items.filter(
    (x) => dayIn(x.startsAt, x.event.timezone) === todayOf(x) && Date.parse(x.endsAt) >= now,
  );
  const upcoming = items.filter((x) => !today.includes(x) && Date.parse(x.startsAt) > now);
  const past = items.filter((x) => !today.includes(x) && !upcoming.includes(x)).reverse();
  const sections = [
    { id: 'today', title: t('tasks.today'), tasks: today },
    { id: 'upcoming', title: t('tasks.upcoming'), tasks: upcoming },
    { id: 'past', title: t('tasks.past'), tasks: past },
  ];
  return (
    <>
      <ErrorMessage error={mine.error ?? complete.error} />
      {mine.data && items.length === 0 ? <p>{t('tasks.none')}</p> : null}
      {sections.map((s) =>
        s.tasks.length === 0 ? null : (
          <section key={s.id} aria-labelledby={`tasks-${s.id}`}>
            <h2 id={`tasks-${s.id}`}>{s.title}</h2>
            {byDay(s.tasks).map((g) => (
              <div key={g.day}>
                <h3>{day(g.tasks[0])}</h3>
                <ul className="card-list">
                  {g.tasks.map((task) => (
                    <li key={task.id} className="card task-item">
                      <h4>{task.title}</h4>
                      <p>
                        <strong>{range(task)}</strong>{' '}
                        <span className="small muted">
                          {t('tasks.zone', { zone: task.event.timezone })}
                        </span>
                      </p>
                      <p className="small">
                        {task.event.title}
                        {task.location
                          ? ` · ${task.location}`
                          : task.event.venue
                            ? ` · ${task.event.venue}`
                            : ''}
                      </p>
                      {task.description ? <p>{task.description}</p> : null}
                      {task.status === 'done' ? (
                        <p>
                          <span className="badge badge--done">{t('tasks.done')}</span>
                        </p>
                      ) : task.status === 'open' ? (
                        <Button
                          className="button button--secondary"
                          isDisabled={complete.isPending}
                          onPress={() => complete.mutate(task)}
                        >
                          {t('tasks.markDone', { title: task.title })}
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ),
      )}
    </>
  );
}

function OpenTasks() {
  const t = useT();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const { day, range } = useTaskTime();
  const open = useQuery({
    queryKey: ['open-tasks'],
    queryFn: () => unwrap(api.GET('/api/v1/me/open-tasks', { params: { query: { limit: 100 } } })),
  });
  const signUp = useMutation({
    mutationFn: (task: TaskItem) =>
      unwrap(api.POST('/api/v1/tasks/{taskId}/sign-up', { params: { path: { taskId: task.id } } })),
    onSuccess: (_d, task) => {
      announce(t('tasks.signedUp', { title: task.title }));
      void queryClient.invalidateQueries({ queryKey: ['my-tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['open-tasks'] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: ['open-tasks'] }),
  });
  const items = open.data?.items ?? [];
  return (
    <section aria-labelledby="open-tasks">
      <h2 id="open-tasks">{t('tasks.open.title')}</h2>
      <ErrorMessage error={open.error ?? signUp.error} />
      {open.data && items.length === 0 ? <p>{t('tasks.open.none')}</p> : null}
      <ul className="card-list">
        {items.map((task) => (
          <li key={task.id} className="card task-item">
            <h3>{task.title}</h3>
            <p>
              <strong>
                {day(task)}, {range(task)}
              </strong>{' '}
              <span className="small muted">{t('tasks.zone', { zone: task.event.timezone })}</span>
            </p>
            <p className="small">
              {task.event.title}
              {task.location ? ` · ${task.location}` : ''}
            </p>
            <p className="small">
              {t('tasks.open.free', { count: task.volunteersNeeded - task.assignedCount })}
            </p>
            {task.clashesWith ? (
              <p className="small">{t('tasks.open.clash', { title: task.clashesWith.title })}</p>
            ) : (
              <Button
                className="button"
                isDisabled={signUp.isPending}
                onPress={() => signUp.mutate(task)}
              >
                {t('tasks.open.signUp', { title: task.title })}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CalendarFeed() {
  const t = useT();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const feed = useQuery({
    queryKey: ['calendar-feed'],
    queryFn: () => unwrap(api.GET('/api/v1/me/calendar-feed')),
  });
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/calendar-feed/rotate')),
    onSuccess: (data) => {
      queryClient.setQueryData(['calendar-feed'], data);
      announce(t('tasks.feed.rotated'));
    },
  });
  return (
    <section aria-labelledby="calendar-feed">
      <h2 id="calendar-feed">{t('tasks.feed.title')}</h2>
      <p>{t('tasks.feed.explain')}</p>
      <ErrorMessage error={feed.error ?? rotate.error} />
      {feed.data ? (
        <>
          <p>
            <label className="form-label" htmlFor="feed-url">
              {t('tasks.feed.address')}
            </label>
            <input
              id="feed-url"
              className="feed-url"
              readOnly
              value={feed.data.url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </p>
          <div className="actions">
            <a className="button button--secondary" href={feed.data.webcalUrl}>
              {t('tasks.feed.subscribe')}
            </a>
            <DialogTrigger>
              <Button className="button button--secondary">{t('tasks.feed.rotate')}</Button>
              <Modal isDismissable>
                <Dialog role="alertdialog">
                  {({ close }) => (
                    <>
                      <Heading slot="title">{t('tasks.feed.rotateTitle')}</Heading>
                      <p>{t('tasks.feed.rotateExplain')}</p>
                      <div className="actions">
                        <Button className="button button--secondary" onPress={close} autoFocus>
                          {t('manage.confirm.back')}
                        </Button>
                        <Button
                          className="button"
                          onPress={() => {
                            close();
                            rotate.mutate();
                          }}
                        >
                          {t('tasks.feed.rotateConfirm')}
                        </Button>
                      </div>
                    </>
                  )}
                </Dialog>
              </Modal>
            </DialogTrigger>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** Links to the groups the user runs or volunteers for: dashboard and help inbox. */
function MyGroups() {
  const t = useT();
  const groups = useQuery({
    queryKey: ['my-groups'],
    queryFn: () => unwrap(api.GET('/api/v1/me/groups', { params: { query: { limit: 100 } } })),
  });
  const staff = (groups.data?.items ?? []).filter((g) => g.role !== 'member');
  if (staff.length === 0) return null;
  return (
    <section aria-labelledby="my-groups">
      <h2 id="my-groups">{t('tasks.groups.title')}</h2>
      <ul>
        {staff.map((g) => (
          <li key={g.group.id}>
            <Link to={`/manage/groups/${g.group.slug}`}>{g.group.name}</Link>
            {' · '}
            <Link to={`/manage/groups/${g.group.slug}/help`}>
              {t('tasks.groups.help', { group: g.group.name })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
