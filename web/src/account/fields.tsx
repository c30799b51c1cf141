import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages';

/** The language e-mails and the app use for the account. */
export function LanguageField({
  label,
  name,
  defaultValue,
}: {
  label: string;
  name: string;
  defaultValue: Language;
}) {
  return (
    <Select className="field select" name={name} defaultValue={defaultValue}>
      <Label>{label}</Label>
      <Button>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover>
        <ListBox>
          {LANGUAGES.map((l) => (
            <ListBoxItem key={l} id={l} lang={l} textValue={LANGUAGE_NAMES[l]}>
              {LANGUAGE_NAMES[l]}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
