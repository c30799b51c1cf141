import { Button, Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useAnnounce } from '../components/Announcer';
import { ConfirmButton } from '../components/ConfirmButton';
import { CountryField } from '../components/CountryField';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, formText, serverValidation } from '../components/form';
import { PageTitle } from '../components/PageTitle';
import { RequireUser } from '../components/RequireUser';
import { isLanguage } from '../i18n/languages';
import { useT } from '../i18n/useT';
import { useDeleteAccount, useMe, useUpdateMe } from './api';
import { LanguageField } from './fields';

function ProfileForm() {
  const t = useT();
  const me = useMe();
  const update = useUpdateMe();
  const announce = useAnnounce();
  const { validationErrors, unclaimed } = serverValidation(update.error, [
    'displayName',
    'country',
    'language',
  ]);
  if (me.isPending) return <p className="loading">{t('page.loading')}</p>;
  if (me.isError) return <ErrorMessage error={me.error} />;
  const user = me.data;
  return (
    <Form
      validationBehavior="aria"
      className="form"
      validationErrors={validationErrors}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const language = formText(data, 'language');
        update.mutate(
          {
            displayName: formText(data, 'displayName'),
            country: formText(data, 'country'),
            ...(isLanguage(language) ? { language } : {}),
          },
          { onSuccess: () => announce(t('account.saved')) },
        );
      }}
    >
      <ErrorMessage error={update.error} unclaimed={unclaimed} />
      <p>
        <span className="form-label">{t('account.email')}</span>
        <br />
        {user.email}
      </p>
      <Field
        label={t('account.displayName')}
        name="displayName"
        defaultValue={user.displayName}
        autoComplete="nickname"
        isRequired
      />
      <CountryField
        label={t('account.country')}
        name="country"
        defaultValue={user.country}
        isRequired
      />
      <LanguageField
        label={t('account.language')}
        name="language"
        defaultValue={isLanguage(user.language) ? user.language : 'en'}
      />
      <div className="actions">
        <Button type="submit" className="button" isDisabled={update.isPending}>
          {t('account.save')}
        </Button>
      </div>
    </Form>
  );
}

function DeleteAccount() {
  const t = useT();
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const announce = useAnnounce();
  return (
    <ConfirmButton
      label={t('account.delete.button')}
      title={t('account.delete.confirmTitle')}
      body={t('account.delete.confirmBody')}
      keepLabel={t('account.delete.keep')}
      confirmLabel={t('account.delete.confirm')}
      pending={remove.isPending}
      error={remove.error}
      onOpenChange={(open) => {
        if (!open) remove.reset();
      }}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            announce(t('account.delete.done'));
            void navigate('/');
          },
        })
      }
    />
  );
}

export function AccountPage() {
  const t = useT();
  return (
    <RequireUser title={t('account.title')}>
      <section>
        <PageTitle>{t('account.title')}</PageTitle>
        <ProfileForm />
        <section className="section" aria-labelledby="export-heading">
          <h2 id="export-heading">{t('account.export.title')}</h2>
          <p>{t('account.export.body')}</p>
          <a
            className="button button--secondary"
            href="/api/v1/me/export"
            download="fan-events-my-data.json"
          >
            {t('account.export.button')}
          </a>
        </section>
        <section className="section" aria-labelledby="delete-heading">
          <h2 id="delete-heading">{t('account.delete.title')}</h2>
          <p>{t('account.delete.body')}</p>
          <DeleteAccount />
        </section>
      </section>
    </RequireUser>
  );
}
