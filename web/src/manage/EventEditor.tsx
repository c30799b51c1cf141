import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import type { CalendarDateTime } from '@internationalized/date';
import { api, unwrap } from '../api/client';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/form';
import { useLanguage } from '../i18n/I18nProvider';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useT } from '../i18n/useT';
import {
  CheckField,
  DateTimeField,
  TimeZoneField,
  toInstant,
  toWallTime,
  WholeNumberField,
} from './fields';
import { emptyTexts, type TextsByLanguage, textsFromRead, textsToBody } from './translations';

export const EVENT_TEXT_FIELDS = ['title', 'description', 'venue'] as const;
type EventText = (typeof EVENT_TEXT_FIELDS)[number];

export interface EditableEvent {
  id: string;
  title: string;
  description: string | null;
  venue: string | null;
  city: string | null;
  startsAt: string;
  endsAt: string | null;
  registrationClosesAt: string | null;
  timezone: string;
  capacity: number;
  waitlistEnabled: boolean;
  translations?: Partial<Record<string, Partial<Record<EventText, string | null>> | null>> | null;
  original?: Partial<Record<EventText, string | null>> | null;
}

interface FormState {
  texts: TextsByLanguage<EventText>;
  city: string;
  timezone: string;
  startsAt: CalendarDateTime | null;
  endsAt: CalendarDateTime | null;
  registrationClosesAt: CalendarDateTime | null;
  capacity: number;
  waitlistEnabled: boolean;
}

/**
 * Create or edit an event: every field of the API, the texts in the three languages side by
 * side, times typed in the event's own zone.
 */
export function EventEditor({
  event,
  groupId,
  defaultCity,
  defaultTimeZone,
}: {
  event?: EditableEvent;
  groupId: string;
  defaultCity?: string | null;
  defaultTimeZone: string;
}) {
  const t = useT();
  const { language } = useLanguage();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [state, setState] = useState<FormState>(() => {
    const zone = event?.timezone ?? defaultTimeZone;
    return {
      texts: event
        ? textsFromRead(EVENT_TEXT_FIELDS, event, language)
        : emptyTexts(EVENT_TEXT_FIELDS),
      city: event?.city ?? defaultCity ?? '',
      timezone: zone,
      startsAt: toWallTime(event?.startsAt, zone),
      endsAt: toWallTime(event?.endsAt, zone),
      registrationClosesAt: toWallTime(event?.registrationClosesAt, zone),
      capacity: event?.capacity ?? 100,
      waitlistEnabled: event?.waitlistEnabled ?? true,
    };
  });
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setState((s) => ({ ...s, [key]: value }));
  const setText = (lang: (typeof LANGUAGES)[number], field: EventText, value: string) =>
    setState((s) => ({
      ...s,
      texts: { ...s.texts, [lang]: { ...s.texts[lang], [field]: value } },
    }));

  const save = useMutation({
    mutationFn: async () => {
      const { plain, translations } = textsToBody(
        EVENT_TEXT_FIELDS,
        'title',
        state.texts,
        language,
        Boolean(event),
      );
      const languagesWithText = Object.values(translations).filter(Boolean).length;
      // Translations are sent when there is more than one language, or some to remove.
      const withTranslations = languagesWithText > 1 || Boolean(event?.translations);
      const body = {
        title: plain.title ?? '',
        description: plain.description,
        venue: plain.venue,
        city: state.city.trim() || undefined,
        timezone: state.timezone,
        startsAt: toInstant(state.startsAt, state.timezone) ?? '',
        endsAt: toInstant(state.endsAt, state.timezone),
        registrationClosesAt: toInstant(state.registrationClosesAt, state.timezone),
        capacity: state.capacity,
        waitlistEnabled: state.waitlistEnabled,
        ...(withTranslations ? { translations } : {}),
      };
      if (event) {
        return unwrap(
          api.PATCH('/api/v1/events/{eventId}', {
            params: { path: { eventId: event.id } },
            body,
          }),
        );
      }
      return unwrap(
        api.POST('/api/v1/fan-groups/{groupId}/events', { params: { path: { groupId } }, body }),
      );
    },
    onSuccess: (saved) => {
      announce(t('manage.event.saved', { title: saved.title }));
      void queryClient.invalidateQueries({ queryKey: ['manage-event', saved.id] });
      void queryClient.invalidateQueries({ queryKey: ['group-events', groupId] });
      if (!event) void navigate(`/manage/events/${saved.id}`);
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
      <p className="muted">{t('manage.event.languagesHint')}</p>
      <div className="languages-grid">
        {LANGUAGES.map((lang) => (
          <fieldset key={lang} lang={lang}>
            <legend>{LANGUAGE_NAMES[lang]}</legend>
            <Field
              label={t('manage.event.titleIn', { language: LANGUAGE_NAMES[lang] })}
              value={state.texts[lang].title}
              onChange={(v) => setText(lang, 'title', v)}
            />
            <Field
              label={t('manage.event.descriptionIn', { language: LANGUAGE_NAMES[lang] })}
              value={state.texts[lang].description}
              onChange={(v) => setText(lang, 'description', v)}
              multiline
            />
            <Field
              label={t('manage.event.venueIn', { language: LANGUAGE_NAMES[lang] })}
              value={state.texts[lang].venue}
              onChange={(v) => setText(lang, 'venue', v)}
            />
          </fieldset>
        ))}
      </div>
      <div className="field-row">
        <Field label={t('manage.event.city')} value={state.city} onChange={(v) => set('city', v)} />
        <TimeZoneField value={state.timezone} onChange={(v) => set('timezone', v)} />
      </div>
      <div className="field-row">
        <DateTimeField
          label={t('manage.event.startsAt')}
          value={state.startsAt}
          onChange={(v) => set('startsAt', v)}
          isRequired
          description={t('manage.event.inZone', { zone: state.timezone })}
        />
        <DateTimeField
          label={t('manage.event.endsAt')}
          value={state.endsAt}
          onChange={(v) => set('endsAt', v)}
        />
      </div>
      <div className="field-row">
        <WholeNumberField
          label={t('manage.event.capacity')}
          value={state.capacity}
          onChange={(v) => set('capacity', v)}
          min={1}
          max={100_000}
        />
        <DateTimeField
          label={t('manage.event.registrationClosesAt')}
          value={state.registrationClosesAt}
          onChange={(v) => set('registrationClosesAt', v)}
        />
      </div>
      <CheckField
        label={t('manage.event.waitlistEnabled')}
        value={state.waitlistEnabled}
        onChange={(v) => set('waitlistEnabled', v)}
      />
      <ErrorMessage error={save.error} />
      <div className="actions">
        <Button type="submit" className="button" isDisabled={save.isPending}>
          {event ? t('manage.event.save') : t('manage.event.create')}
        </Button>
      </div>
    </Form>
  );
}
