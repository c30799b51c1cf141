import { Button, Form } from 'react-aria-components';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CountryField, guessCountry } from '../components/CountryField';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, formText, serverValidation } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { safeNext } from '../hooks/safe-next';
import { useLanguage } from '../i18n/I18nProvider';
import { isLanguage } from '../i18n/languages';
import { useT } from '../i18n/useT';
import { useSignup } from './api';
import { LanguageField } from './fields';

const FIELDS = ['email', 'password', 'displayName', 'country', 'language'] as const;

export function SignupPage() {
  const t = useT();
  const signup = useSignup();
  const navigate = useNavigate();
  const { language } = useLanguage();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { validationErrors, unclaimed } = serverValidation(signup.error, FIELDS);
  return (
    <section>
      <PageTitle>{t('signup.title')}</PageTitle>
      <p>{t('signup.intro')}</p>
      <Form
        validationBehavior="aria"
        className="form"
        validationErrors={validationErrors}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const chosen = formText(data, 'language');
          signup.mutate(
            {
              email: formText(data, 'email'),
              password: formText(data, 'password'),
              displayName: formText(data, 'displayName'),
              country: formText(data, 'country'),
              language: isLanguage(chosen) ? chosen : language,
            },
            { onSuccess: () => void navigate(next, { replace: true }) },
          );
        }}
      >
        <ErrorMessage error={signup.error} unclaimed={unclaimed} />
        <Field
          label={t('account.displayName')}
          name="displayName"
          autoComplete="nickname"
          description={t('account.displayName.help')}
          isRequired
        />
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
          autoComplete="new-password"
          minLength={10}
          description={t('account.password.help')}
          isRequired
        />
        <CountryField
          label={t('account.country')}
          name="country"
          defaultValue={guessCountry()}
          isRequired
        />
        <LanguageField label={t('account.language')} name="language" defaultValue={language} />
        <div className="actions">
          <Button type="submit" className="button" isDisabled={signup.isPending}>
            {t('signup.submit')}
          </Button>
        </div>
      </Form>
      <p>
        {t('signup.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </section>
  );
}
