import { useIntl } from 'react-intl';
import type { components } from '../api/schema';
import { formatDay } from '../i18n/format';
import { useT } from '../i18n/useT';

type Request = components['schemas']['HelpRequestListItemDto'];

function money(intl: ReturnType<typeof useIntl>, amount: number, currency: string | null): string {
  return currency
    ? intl.formatNumber(amount, { style: 'currency', currency })
    : intl.formatNumber(amount);
}

/** The structured part of a request: tickets wanted, or nights, guests and budget. */
export function HelpDetails({ request }: { request: Request }) {
  const t = useT();
  const intl = useIntl();
  if (request.ticket) {
    const { quantity, maxBudget, currency } = request.ticket;
    return (
      <p>
        {t('help.ticket.summary', { quantity })}
        {maxBudget !== null
          ? ` · ${t('help.budget', { amount: money(intl, maxBudget, currency) })}`
          : ''}
      </p>
    );
  }
  if (request.accommodation) {
    const { checkIn, checkOut, guests, maxBudgetPerNight, currency } = request.accommodation;
    return (
      <p>
        {t('help.accommodation.summary', {
          from: formatDay(intl, checkIn),
          to: formatDay(intl, checkOut),
          guests,
        })}
        {maxBudgetPerNight !== null
          ? ` · ${t('help.budgetPerNight', { amount: money(intl, maxBudgetPerNight, currency) })}`
          : ''}
      </p>
    );
  }
  return null;
}
