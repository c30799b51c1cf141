import { useMemo } from 'react';
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

// ISO 3166-1 alpha-2, the codes the API accepts.
const CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

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
  const { locale } = useIntl();
  const items = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const collator = new Intl.Collator(locale);
    return CODES.map((code) => ({ id: code, name: names.of(code) ?? code })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
  }, [locale]);
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
        <Button>▾</Button>
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
