import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
} from 'react-aria-components';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/useT';
import codes from './country-codes.json';

type Names = Record<string, string>;

/**
 * Country names in the page's language. Chromium has no Kazakh region names (it answers the
 * code), so Kazakh pages load theirs (web/scripts/generate-kk-regions.mjs).
 */
function useCountryNames(locale: string): Names | undefined {
  const [kazakh, setKazakh] = useState<Names>();
  useEffect(() => {
    if (locale !== 'kk' || kazakh) return;
    void import('../i18n/regions.kk.json').then((m) => setKazakh(m.default));
  }, [locale, kazakh]);
  return useMemo(() => {
    if (locale === 'kk') return kazakh;
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return Object.fromEntries(CODES.map((code) => [code, names.of(code) ?? code]));
  }, [locale, kazakh]);
}

// ISO 3166-1 alpha-2, the codes the API accepts.
const CODES: string[] = codes;

/** The reader's region from the browser's language tags (`ja-JP` → JP), if any. */
export function guessCountry(): string | undefined {
  for (const tag of navigator.languages) {
    const region = tag.split('-')[1]?.toUpperCase();
    if (region && CODES.includes(region)) return region;
  }
  return undefined;
}

interface CountryFieldProps {
  label: string;
  name: string;
  defaultValue?: string;
  isRequired?: boolean;
}

/** A searchable list of countries, named in the page's language; submits the ISO code. */
export function CountryField({ label, name, defaultValue, isRequired }: CountryFieldProps) {
  const t = useT();
  const { locale } = useIntl();
  const names = useCountryNames(locale);
  const items = useMemo(() => {
    if (!names) return [];
    const collator = new Intl.Collator(locale);
    return CODES.map((code) => ({ id: code, name: names[code] ?? code })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
  }, [locale, names]);
  // The list must be there before the field takes its default (or it shows the code).
  if (!names) return null;
  return (
    <ComboBox
      className="field"
      name={name}
      formValue="key"
      defaultSelectedKey={defaultValue}
      isRequired={isRequired}
      defaultItems={items}
      menuTrigger="focus"
    >
      <Label>{label}</Label>
      <div className="combo">
        <Input />
        <Button aria-label={t('country.showAll')}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <FieldError className="field-error" />
      <Popover className="react-aria-Popover combo-popover">
        <ListBox>
          {(item: { id: string; name: string }) => <ListBoxItem>{item.name}</ListBoxItem>}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
