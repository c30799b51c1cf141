import { type ReactNode, useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';

let firstPage = true;

/**
 * The page's `<h1>` and document title. After an in-app navigation it takes the focus, so a
 * screen reader starts reading the new page as after a full load.
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const intl = useIntl();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text
      ? `${text} · ${intl.formatMessage({ id: 'app.name' })}`
      : intl.formatMessage({ id: 'app.name' });
  }, [text, intl]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
