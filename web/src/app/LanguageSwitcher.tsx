import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useLanguage } from '../i18n/I18nProvider';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../i18n/languages';
import { useT } from '../i18n/useT';

export function LanguageSwitcher() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <Select
      className="language-select"
      value={language}
      onChange={(key) => {
        if (isLanguage(key)) setLanguage(key);
      }}
    >
      <Label>{t('language.label')}</Label>
      <Button>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover>
        <ListBox>
          {LANGUAGES.map((l) => (
            <ListBoxItem key={l} id={l} textValue={LANGUAGE_NAMES[l]} lang={l}>
              {LANGUAGE_NAMES[l]}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
