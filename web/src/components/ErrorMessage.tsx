import { ApiError } from '../api/client';
import type { MessageKey } from '../i18n/catalogs';
import { useT } from '../i18n/useT';
import { useIntl } from 'react-intl';

/** The message key that explains an error to the reader, in the page's language. */
export function errorKey(error: unknown, known: Record<string, unknown>): MessageKey {
  if (!(error instanceof ApiError))
    return error instanceof TypeError ? 'error.network' : 'error.generic';
  if (error.code) {
    const key = `error.code.${error.code}`;
    if (key in known) return key as MessageKey;
  }
  switch (error.status) {
    case 400:
      return 'error.badRequest';
    case 401:
      return 'error.unauthorized';
    case 403:
      return 'error.forbidden';
    case 404:
      return 'error.notFound';
    case 409:
      return 'error.code.CONFLICT';
    case 429:
      return 'error.rateLimited';
    default:
      return 'error.generic';
  }
}

/**
 * An error of a request, translated: a 409's `code` in the page's language, a 400's messages
 * that belong to no field listed below the lead sentence (fields show their own).
 */
export function ErrorMessage({ error, unclaimed }: { error: unknown; unclaimed?: string[] }) {
  const t = useT();
  const { messages } = useIntl();
  if (!error) return null;
  const details =
    unclaimed ?? (error instanceof ApiError && error.status === 400 ? error.messages : []);
  return (
    <div className="error-message" role="alert">
      <p>{t(errorKey(error, messages))}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
