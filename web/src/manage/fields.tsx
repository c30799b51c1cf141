import { useMemo } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  Checkbox,
  ComboBox,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Text,
} from 'react-aria-components';
import {
  type CalendarDateTime,
  parseAbsolute,
  toCalendarDateTime,
  toZoned,
} from '@internationalized/date';
import { useT } from '../i18n/useT';

/** An instant as the wall-clock time in a zone (what an organizer types), and back. */
export function toWallTime(iso: string | null | undefined, timeZone: string) {
  return iso ? toCalendarDateTime(parseAbsolute(iso, timeZone)) : null;
}

export function toInstant(value: CalendarDateTime | null, timeZone: string): string | undefined {
  return value ? toZoned(value, timeZone).toAbsoluteString() : undefined;
}

/** A date and a time (24-hour) in the event's zone, typed or picked from a calendar. */
export function DateTimeField({
  label,
  value,
  onChange,
  isRequired,
  description,
}: {
  label: string;
  value: CalendarDateTime | null;
  onChange: (value: CalendarDateTime | null) => void;
  isRequired?: boolean;
  description?: string;
}) {
  const t = useT();
  return (
    <DatePicker
      className="field date-picker"
      value={value}
      onChange={onChange}
      granularity="minute"
      hourCycle={24}
      isRequired={isRequired}
    >
      <Label>{label}</Label>
      <Group>
        <DateInput>{(segment) => <DateSegment segment={segment} />}</DateInput>
        <Button aria-label={t('manage.date.openCalendar', { field: label })}>▾</Button>
      </Group>
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
      <Popover>
        <Dialog aria-label={label}>
          <Calendar>
            <header>
              <Button slot="previous" aria-label={t('manage.date.previousMonth')}>
                ◀
              </Button>
              <Heading />
              <Button slot="next" aria-label={t('manage.date.nextMonth')}>
                ▶
              </Button>
            </header>
            <CalendarGrid>{(date) => <CalendarCell date={date} />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}

function allTimeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

/** An IANA time zone, searched by typing any part of its name ("Alm" → Asia/Almaty). */
export function TimeZoneField({
  value,
  onChange,
}: {
  value: string;
  onChange: (zone: string) => void;
}) {
  const t = useT();
  const items = useMemo(() => allTimeZones().map((id) => ({ id })), []);
  return (
    <ComboBox
      className="field zone-combo"
      defaultItems={items}
      selectedKey={value}
      onSelectionChange={(key) => {
        if (typeof key === 'string') onChange(key);
      }}
      menuTrigger="focus"
      isRequired
    >
      <Label>{t('manage.event.timezone')}</Label>
      <Group>
        <Input />
        <Button aria-label={t('manage.event.timezoneList')}>▾</Button>
      </Group>
      <Popover className="react-aria-Popover combo-popover">
        <ListBox>
          {(item: { id: string }) => <ListBoxItem id={item.id}>{item.id}</ListBoxItem>}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

export function WholeNumberField({
  label,
  value,
  onChange,
  min,
  max,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  min: number;
  max: number;
}) {
  return (
    <NumberField
      className="field"
      value={value}
      onChange={(n) => onChange(Number.isNaN(n) ? min : n)}
      minValue={min}
      maxValue={max}
      step={1}
      isRequired
    >
      <Label>{label}</Label>
      <Input />
      <FieldError className="field-error" />
    </NumberField>
  );
}

export function CheckField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <Checkbox className="checkbox" isSelected={value} onChange={onChange}>
      <span className="box" aria-hidden="true">
        {value ? '✓' : ''}
      </span>
      {label}
    </Checkbox>
  );
}
