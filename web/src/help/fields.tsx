import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
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
  Select,
  SelectValue,
  Text,
} from 'react-aria-components';
import { useIntl } from 'react-intl';

/** A calendar day (react-aria's date picker: typed segments or a calendar popover). */
export function DateField({
  label,
  name,
  description,
  isRequired,
}: {
  label: string;
  name: string;
  description?: string;
  isRequired?: boolean;
}) {
  return (
    <DatePicker className="field date-picker" name={name} isRequired={isRequired}>
      <Label>{label}</Label>
      <Group>
        <DateInput>{(segment) => <DateSegment segment={segment} />}</DateInput>
        <Button>
          <svg
            aria-hidden="true"
            width="20"
            height="20"
            viewBox="0 0 20 20"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
          >
            <rect x="2.5" y="4" width="15" height="13.5" rx="2" />
            <path d="M2.5 8h15M6.5 2v4M13.5 2v4" />
          </svg>
        </Button>
      </Group>
      {description ? <Text slot="description">{description}</Text> : null}
      <FieldError className="field-error" />
      <Popover>
        <Dialog>
          <Calendar>
            <header>
              <Button slot="previous">◀</Button>
              <Heading />
              <Button slot="next">▶</Button>
            </header>
            <CalendarGrid>{(date) => <CalendarCell date={date} />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}

export function WholeNumberField({
  label,
  name,
  min,
  max,
  defaultValue,
  isRequired,
}: {
  label: string;
  name: string;
  min: number;
  max: number;
  defaultValue?: number;
  isRequired?: boolean;
}) {
  return (
    <NumberField
      className="field"
      name={name}
      minValue={min}
      maxValue={max}
      step={1}
      defaultValue={defaultValue}
      isRequired={isRequired}
    >
      <Label>{label}</Label>
      <Input inputMode="numeric" />
      <FieldError className="field-error" />
    </NumberField>
  );
}

export function AmountField({ label, name }: { label: string; name: string }) {
  return (
    <NumberField
      className="field"
      name={name}
      minValue={0}
      formatOptions={{ maximumFractionDigits: 2 }}
    >
      <Label>{label}</Label>
      <Input inputMode="decimal" />
      <FieldError className="field-error" />
    </NumberField>
  );
}

const CURRENCIES = ['KZT', 'USD', 'EUR', 'RUB', 'JPY', 'CNY', 'KRW', 'GBP', 'TRY', 'UZS', 'KGS'];

export function CurrencyField({ label, name }: { label: string; name: string }) {
  const { locale } = useIntl();
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  return (
    <Select className="field select" name={name} defaultValue="KZT">
      <Label>{label}</Label>
      <Button>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <FieldError className="field-error" />
      <Popover>
        <ListBox>
          {CURRENCIES.map((code) => (
            <ListBoxItem key={code} id={code} textValue={`${code} ${names.of(code) ?? ''}`}>
              {code} · {names.of(code)}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
