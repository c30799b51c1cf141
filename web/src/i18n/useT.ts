import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageKey } from './catalogs';

type Values = Record<string, string | number | Date | null | undefined>;

/** `t('event.register.button')`: a message of the current catalog, keys checked by TypeScript. */
export function useT(): (key: MessageKey, values?: Values) => string {
  const intl = useIntl();
  return useCallback((key, values) => intl.formatMessage({ id: key }, values), [intl]);
}
