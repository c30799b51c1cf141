import { useState } from 'react';
import {
  Button,
  Form,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useIntl } from 'react-intl';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { components } from '../api/schema';
import { useAnnounce } from '../components/Announcer';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, formText, serverValidation } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { RequireUser } from '../components/RequireUser';
import { formatShortDateTime } from '../i18n/format';
import { useT } from '../i18n/useT';
import { useCreateHelpRequest, useHelpGroup, useHelpGroupEvents } from './api';
import { AmountField, CurrencyField, DateField, WholeNumberField } from './fields';

type Body = components['schemas']['CreateHelpRequestDto'];
type HelpType = Body['type'];

const FIELDS = [
  'type',
  'eventId',
  'message',
  'ticket',
  'ticket.quantity',
  'ticket.maxBudget',
  'ticket.currency',
  'accommodation',
  'accommodation.checkIn',
  'accommodation.checkOut',
  'accommodation.guests',
  'accommodation.maxBudgetPerNight',
  'accommodation.currency',
] as const;

const NO_EVENT = 'none';

function numberOf(data: FormData, name: string): number | undefined {
  const raw = data.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isNaN(value) ? undefined : value;
}

/** The request body from the form: only the chosen type's details, empty fields left out. */
function toBody(type: HelpType, data: FormData): Body {
  const eventId = formText(data, 'eventId');
  const base = {
    message: formText(data, 'message'),
    ...(eventId && eventId !== NO_EVENT ? { eventId } : {}),
  };
  if (type === 'ticket') {
    const maxBudget = numberOf(data, 'ticket.maxBudget');
    return {
      type,
      ...base,
      ticket: {
        quantity: numberOf(data, 'ticket.quantity') ?? 0,
        ...(maxBudget !== undefined
          ? { maxBudget, currency: formText(data, 'ticket.currency') }
          : {}),
      },
    };
  }
  const perNight = numberOf(data, 'accommodation.maxBudgetPerNight');
  return {
    type,
    ...base,
    accommodation: {
      checkIn: formText(data, 'accommodation.checkIn'),
      checkOut: formText(data, 'accommodation.checkOut'),
      guests: numberOf(data, 'accommodation.guests') ?? 0,
      ...(perNight !== undefined
        ? { maxBudgetPerNight: perNight, currency: formText(data, 'accommodation.currency') }
        : {}),
    },
  };
}

function NewRequest({ slug }: { slug: string }) {
  const t = useT();
  const intl = useIntl();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [params] = useSearchParams();
  const [type, setType] = useState<HelpType>(
    params.get('type') === 'ticket' ? 'ticket' : 'accommodation',
  );
  const group = useHelpGroup(slug);
  const events = useHelpGroupEvents(group.data?.id);
  const create = useCreateHelpRequest(group.data?.id ?? '');
  const { validationErrors, unclaimed } = serverValidation(create.error, FIELDS);
  if (group.isPending) return <p className="loading">{t('page.loading')}</p>;
  if (group.isError) return <ErrorMessage error={group.error} />;
  const preselected = params.get('eventId');
  const eventItems = [
    { id: NO_EVENT, label: t('help.form.noEvent') },
    ...(events.data?.items ?? []).map((e) => ({
      id: e.id,
      label: `${e.title} · ${formatShortDateTime(intl, e.startsAt, e.timezone)}`,
    })),
  ];
  return (
    <section>
      <PageTitle>{t('help.form.title')}</PageTitle>
      <p>{t('help.form.intro', { group: group.data.name })}</p>
      <Form
        validationBehavior="aria"
        className="form"
        validationErrors={validationErrors}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(toBody(type, new FormData(e.currentTarget)), {
            onSuccess: (created) => {
              announce(t('help.form.sent'));
              void navigate(`/me/help/${created.id}`);
            },
          });
        }}
      >
        <ErrorMessage error={create.error} unclaimed={unclaimed} />
        <RadioGroup
          className="field"
          name="type"
          value={type}
          onChange={(v) => setType(v === 'ticket' ? 'ticket' : 'accommodation')}
        >
          <Label>{t('help.form.type')}</Label>
          <div className="radio-group">
            <Radio value="accommodation">{t('help.type.accommodation')}</Radio>
            <Radio value="ticket">{t('help.type.ticket')}</Radio>
          </div>
        </RadioGroup>
        {events.data ? (
          <Select
            className="field select"
            name="eventId"
            defaultValue={
              preselected && eventItems.some((i) => i.id === preselected) ? preselected : NO_EVENT
            }
          >
            <Label>{t('help.form.event')}</Label>
            <Button>
              <SelectValue />
              <span aria-hidden="true">▾</span>
            </Button>
            <Popover>
              <ListBox items={eventItems}>
                {(item) => <ListBoxItem textValue={item.label}>{item.label}</ListBoxItem>}
              </ListBox>
            </Popover>
          </Select>
        ) : null}
        {type === 'accommodation' ? (
          <>
            <div className="field-row">
              <DateField label={t('help.form.checkIn')} name="accommodation.checkIn" isRequired />
              <DateField label={t('help.form.checkOut')} name="accommodation.checkOut" isRequired />
            </div>
            <WholeNumberField
              label={t('help.form.guests')}
              name="accommodation.guests"
              min={1}
              max={50}
              defaultValue={1}
              isRequired
            />
            <div className="field-row">
              <AmountField
                label={t('help.form.budgetPerNight')}
                name="accommodation.maxBudgetPerNight"
              />
              <CurrencyField label={t('help.form.currency')} name="accommodation.currency" />
            </div>
          </>
        ) : (
          <>
            <WholeNumberField
              label={t('help.form.quantity')}
              name="ticket.quantity"
              min={1}
              max={100}
              defaultValue={1}
              isRequired
            />
            <div className="field-row">
              <AmountField label={t('help.form.budget')} name="ticket.maxBudget" />
              <CurrencyField label={t('help.form.currency')} name="ticket.currency" />
            </div>
          </>
        )}
        <Field
          label={t('help.form.message')}
          name="message"
          multiline
          description={t('help.form.message.help')}
          isRequired
        />
        <div className="actions">
          <Button type="submit" className="button" isDisabled={create.isPending}>
            {t('help.form.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

export function NewHelpRequestPage() {
  const t = useT();
  const { slug = '' } = useParams();
  return (
    <RequireUser title={t('help.form.title')}>
      <NewRequest slug={slug} />
    </RequireUser>
  );
}
