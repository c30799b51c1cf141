import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal } from 'react-aria-components';
import type { CalendarDateTime } from '@internationalized/date';
import { api, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/form';
import { useLanguage } from '../i18n/I18nProvider';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useT } from '../i18n/useT';
import { DateTimeField, toInstant, toWallTime, WholeNumberField } from './fields';
import { hourKey, useZonedFormat } from './time';
import { emptyTexts, type TextsByLanguage, textsFromRead, textsToBody } from './translations';

const TASK_TEXT_FIELDS = ['title', 'description', 'location'] as const;
type TaskText = (typeof TASK_TEXT_FIELDS)[number];

interface Task {
  id: string;
  eventId: string;
  title: string;
  description: string | null;
  location: string | null;
  startsAt: string;
  endsAt: string;
  status: 'open' | 'done' | 'cancelled';
  volunteersNeeded: number;
  assignedCount: number;
  assignees: { userId: string; displayName: string }[];
  translations?: Partial<Record<string, Partial<Record<TaskText, string | null>> | null>> | null;
  original?: Partial<Record<TaskText, string | null>> | null;
}

/** An event's volunteer tasks on a timeline by hour (in the event's zone), needed vs assigned. */
export function TaskBoard({
  eventId,
  timeZone,
  organizer,
}: {
  eventId: string;
  groupId: string;
  timeZone: string;
  organizer: boolean;
}) {
  const t = useT();
  const { time, day } = useZonedFormat(timeZone);
  const tasks = useQuery({
    queryKey: ['event-tasks', eventId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/events/{eventId}/tasks', {
          params: { path: { eventId }, query: { limit: 100 } },
        }),
      ),
  });
  const items = [...((tasks.data?.items ?? []) as Task[])].sort((a, b) =>
    a.startsAt.localeCompare(b.startsAt),
  );
  const hours = new Map<string, Task[]>();
  for (const task of items) {
    const key = hourKey(task.startsAt, timeZone);
    hours.set(key, [...(hours.get(key) ?? []), task]);
  }
  let lastDay = '';
  return (
    <div>
      {organizer ? (
        <TaskDialog eventId={eventId} timeZone={timeZone} label={t('manage.tasks.new')} />
      ) : null}
      <ErrorMessage error={tasks.error} />
      {tasks.data && items.length === 0 ? <p>{t('manage.tasks.none')}</p> : null}
      <ol className="timeline" aria-label={t('manage.tasks.timeline')}>
        {[...hours.entries()].map(([key, list]) => {
          const dayText = day(list[0].startsAt);
          const showDay = dayText !== lastDay;
          lastDay = dayText;
          return (
            <li key={key}>
              <div className="timeline__hour">
                {showDay ? <div className="small">{dayText}</div> : null}
                {time(list[0].startsAt).replace(/:\d\d/, ':00')}
              </div>
              <div className="timeline__tasks">
                {list.map((task) => (
                  <article
                    key={task.id}
                    className={`task-card ${task.assignedCount >= task.volunteersNeeded ? 'task-card--full' : ''}`}
                    aria-labelledby={`task-${task.id}`}
                  >
                    <h4 id={`task-${task.id}`}>{task.title}</h4>
                    <p className="small">
                      {time(task.startsAt)}–{time(task.endsAt)}
                      {task.location ? ` · ${task.location}` : ''}
                    </p>
                    <p>
                      <strong>
                        {t('manage.tasks.staffing', {
                          assigned: task.assignedCount,
                          needed: task.volunteersNeeded,
                        })}
                      </strong>
                      {task.status !== 'open' ? (
                        <>
                          {' '}
                          <span className={`badge badge--${task.status}`}>
                            {t(`manage.tasks.status.${task.status}`)}
                          </span>
                        </>
                      ) : null}
                    </p>
                    {task.assignees.length > 0 ? (
                      <p className="small">{task.assignees.map((a) => a.displayName).join(', ')}</p>
                    ) : null}
                    {organizer ? (
                      <div className="actions">
                        <AssignDialog task={task} timeZone={timeZone} />
                        <TaskDialog
                          eventId={eventId}
                          timeZone={timeZone}
                          task={task}
                          label={t('manage.tasks.edit', { title: task.title })}
                        />
                      </div>
                    ) : null}
                  </article>
                ))}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Create or edit a task, its texts in the three languages. */
function TaskDialog({
  eventId,
  timeZone,
  task,
  label,
}: {
  eventId: string;
  timeZone: string;
  task?: Task;
  label: string;
}) {
  return (
    <DialogTrigger>
      <Button className={`button ${task ? 'button--secondary' : ''}`}>{label}</Button>
      <Modal isDismissable className="react-aria-Modal modal--wide">
        <Dialog>
          {({ close }) => (
            <TaskForm eventId={eventId} timeZone={timeZone} task={task} onDone={close} />
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

function TaskForm({
  eventId,
  timeZone,
  task,
  onDone,
}: {
  eventId: string;
  timeZone: string;
  task?: Task;
  onDone: () => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [texts, setTexts] = useState<TextsByLanguage<TaskText>>(() =>
    task ? textsFromRead(TASK_TEXT_FIELDS, task, language) : emptyTexts(TASK_TEXT_FIELDS),
  );
  const [startsAt, setStartsAt] = useState<CalendarDateTime | null>(() =>
    toWallTime(task?.startsAt, timeZone),
  );
  const [endsAt, setEndsAt] = useState<CalendarDateTime | null>(() =>
    toWallTime(task?.endsAt, timeZone),
  );
  const [needed, setNeeded] = useState(task?.volunteersNeeded ?? 2);
  const save = useMutation({
    mutationFn: async () => {
      const { plain, translations } = textsToBody(
        TASK_TEXT_FIELDS,
        'title',
        texts,
        language,
        Boolean(task),
      );
      const withTranslations =
        Object.values(translations).filter(Boolean).length > 1 || Boolean(task?.translations);
      const body = {
        title: plain.title ?? '',
        description: plain.description,
        location: plain.location,
        startsAt: toInstant(startsAt, timeZone) ?? '',
        endsAt: toInstant(endsAt, timeZone) ?? '',
        volunteersNeeded: needed,
        ...(withTranslations ? { translations } : {}),
      };
      if (task) {
        return unwrap(
          api.PATCH('/api/v1/tasks/{taskId}', { params: { path: { taskId: task.id } }, body }),
        );
      }
      return unwrap(
        api.POST('/api/v1/events/{eventId}/tasks', { params: { path: { eventId } }, body }),
      );
    },
    onSuccess: (saved) => {
      announce(t('manage.tasks.saved', { title: saved.title }));
      void queryClient.invalidateQueries({ queryKey: ['event-tasks', eventId] });
      onDone();
    },
  });
  return (
    <Form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Heading slot="title">
        {task ? t('manage.tasks.edit', { title: task.title }) : t('manage.tasks.new')}
      </Heading>
      <div className="languages-grid">
        {LANGUAGES.map((lang) => (
          <fieldset key={lang} lang={lang}>
            <legend>{LANGUAGE_NAMES[lang]}</legend>
            {TASK_TEXT_FIELDS.map((field) => (
              <Field
                key={field}
                label={t(`manage.tasks.${field}In`, { language: LANGUAGE_NAMES[lang] })}
                value={texts[lang][field]}
                multiline={field === 'description'}
                onChange={(v) => setTexts((s) => ({ ...s, [lang]: { ...s[lang], [field]: v } }))}
              />
            ))}
          </fieldset>
        ))}
      </div>
      <div className="field-row">
        <DateTimeField
          label={t('manage.tasks.startsAt')}
          value={startsAt}
          onChange={setStartsAt}
          isRequired
          description={t('manage.event.inZone', { zone: timeZone })}
        />
        <DateTimeField
          label={t('manage.tasks.endsAt')}
          value={endsAt}
          onChange={setEndsAt}
          isRequired
        />
      </div>
      <WholeNumberField
        label={t('manage.tasks.needed')}
        value={needed}
        onChange={setNeeded}
        min={1}
        max={1000}
      />
      <ErrorMessage error={save.error} />
      <div className="actions">
        <Button className="button button--secondary" onPress={onDone}>
          {t('manage.confirm.back')}
        </Button>
        <Button type="submit" className="button" isDisabled={save.isPending}>
          {t('manage.tasks.save')}
        </Button>
      </div>
    </Form>
  );
}

/** Volunteers and organizers of the group; those who would clash or are on it are greyed out. */
function AssignDialog({ task, timeZone }: { task: Task; timeZone: string }) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button className="button">{t('manage.tasks.assign', { title: task.title })}</Button>
      <Modal isDismissable>
        <Dialog>
          {({ close }) => <Candidates task={task} timeZone={timeZone} onDone={close} />}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

function Candidates({
  task,
  timeZone,
  onDone,
}: {
  task: Task;
  timeZone: string;
  onDone: () => void;
}) {
  const t = useT();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const { time } = useZonedFormat(timeZone);
  const candidates = useQuery({
    queryKey: ['task-candidates', task.id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tasks/{taskId}/candidates', {
          params: { path: { taskId: task.id }, query: { limit: 100 } },
        }),
      ),
  });
  const assign = useMutation({
    mutationFn: ({ userId }: { userId: string; name: string }) =>
      unwrap(
        api.POST('/api/v1/tasks/{taskId}/assignments', {
          params: { path: { taskId: task.id } },
          body: { userId },
        }),
      ),
    onSuccess: (_d, v) => {
      announce(t('manage.tasks.assigned', { name: v.name, title: task.title }));
      void queryClient.invalidateQueries({ queryKey: ['event-tasks', task.eventId] });
      void queryClient.invalidateQueries({ queryKey: ['task-candidates'] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: ['task-candidates', task.id] }),
  });
  return (
    <div>
      <Heading slot="title">{t('manage.tasks.assignTitle', { title: task.title })}</Heading>
      <p>
        {t('manage.tasks.staffing', {
          assigned: task.assignedCount,
          needed: task.volunteersNeeded,
        })}
      </p>
      <ErrorMessage error={candidates.error ?? assign.error} />
      <ul className="candidate-list">
        {candidates.data?.items.map((c) => {
          const available = c.state === 'available';
          return (
            <li key={c.userId} aria-disabled={!available}>
              <span>
                <strong>{c.displayName}</strong>{' '}
                <span className="small">{t(`manage.role.${c.role}`)}</span>
                {c.state === 'assigned' ? (
                  <span className="small"> · {t('manage.tasks.alreadyOn')}</span>
                ) : null}
                {c.state === 'clash' && c.clashesWith ? (
                  <span className="small">
                    {' · '}
                    {t('manage.tasks.clash', {
                      title: c.clashesWith.title,
                      from: time(c.clashesWith.startsAt),
                      to: time(c.clashesWith.endsAt),
                    })}
                  </span>
                ) : null}
              </span>
              <Button
                className="button button--secondary"
                isDisabled={!available || assign.isPending}
                onPress={() => assign.mutate({ userId: c.userId, name: c.displayName })}
              >
                {t('manage.tasks.assignPerson', { name: c.displayName })}
              </Button>
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <Button className="button button--secondary" onPress={onDone}>
          {t('manage.tasks.close')}
        </Button>
      </div>
    </div>
  );
}
