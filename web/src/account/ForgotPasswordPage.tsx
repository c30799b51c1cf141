import { Button, Form } from 'react-aria-components';
import { Link } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, formText, serverValidation } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { useT } from '../i18n/useT';
import { useRequestPasswordReset } from './api';

export function ForgotPasswordPage() {
  const t = useT();
  const request = useRequestPasswordReset();
  const { validationErrors, unclaimed } = serverValidation(request.error, ['email']);
  return (
    <section>
      <PageTitle>{t('forgot.title')}</PageTitle>
      {request.isSuccess ? (
        <div className="notice notice--success" role="status">
          <p>{t('forgot.sent')}</p>
        </div>
      ) : (
        <Form
          validationBehavior="aria"
          className="form"
          validationErrors={validationErrors}
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate(formText(new FormData(e.currentTarget), 'email'));
          }}
        >
          <p>{t('forgot.intro')}</p>
          <ErrorMessage error={request.error} unclaimed={unclaimed} />
          <Field
            label={t('account.email')}
            name="email"
            type="email"
            autoComplete="email"
            isRequired
          />
          <div className="actions">
            <Button type="submit" className="button" isDisabled={request.isPending}>
              {t('forgot.submit')}
            </Button>
          </div>
        </Form>
      )}
      <p>
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </section>
  );
}
