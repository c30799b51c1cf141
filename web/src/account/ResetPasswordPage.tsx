import { Button, Form } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, formText, serverValidation } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { useT } from '../i18n/useT';
import { useConfirmPasswordReset } from './api';

/** The page the reset e-mail links to: `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const t = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const { validationErrors, unclaimed } = serverValidation(confirm.error, ['password', 'token']);
  return (
    <section>
      <PageTitle>{t('reset.title')}</PageTitle>
      {confirm.isSuccess ? (
        <div className="notice notice--success" role="status">
          <p>{t('reset.done')}</p>
          <p>
            <Link to="/login">{t('nav.login')}</Link>
          </p>
        </div>
      ) : !token ? (
        <div className="notice notice--warning">
          <p>{t('reset.noToken')}</p>
          <p>
            <Link to="/forgot-password">{t('reset.requestAgain')}</Link>
          </p>
        </div>
      ) : (
        <Form
          validationBehavior="aria"
          className="form"
          validationErrors={validationErrors}
          onSubmit={(e) => {
            e.preventDefault();
            confirm.mutate({
              token,
              password: formText(new FormData(e.currentTarget), 'password'),
            });
          }}
        >
          <ErrorMessage error={confirm.error} unclaimed={unclaimed} />
          {confirm.error ? (
            <p>
              <Link to="/forgot-password">{t('reset.requestAgain')}</Link>
            </p>
          ) : null}
          <Field
            label={t('reset.newPassword')}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            description={t('account.password.help')}
            isRequired
          />
          <div className="actions">
            <Button type="submit" className="button" isDisabled={confirm.isPending}>
              {t('reset.submit')}
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
