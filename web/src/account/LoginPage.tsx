import { Button, Form } from 'react-aria-components';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, formText, serverValidation } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { safeNext } from '../hooks/safe-next';
import { useT } from '../i18n/useT';
import { useLogin } from './api';

export function LoginPage() {
  const t = useT();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { validationErrors, unclaimed } = serverValidation(login.error, ['email', 'password']);
  return (
    <section>
      <PageTitle>{t('login.title')}</PageTitle>
      <Form
        validationBehavior="aria"
        className="form"
        validationErrors={validationErrors}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          login.mutate(
            { email: formText(data, 'email'), password: formText(data, 'password') },
            { onSuccess: () => void navigate(next, { replace: true }) },
          );
        }}
      >
        <ErrorMessage error={login.error} unclaimed={unclaimed} />
        <Field
          label={t('account.email')}
          name="email"
          type="email"
          autoComplete="email"
          isRequired
        />
        <Field
          label={t('account.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          isRequired
        />
        <div className="actions">
          <Button type="submit" className="button" isDisabled={login.isPending}>
            {t('login.submit')}
          </Button>
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </div>
      </Form>
      <p>
        {t('login.noAccount')}{' '}
        <Link to={`/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}>
          {t('nav.signup')}
        </Link>
      </p>
    </section>
  );
}
