import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import type { EmailPreference } from '../../lib/api/types';
import { CheckboxField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useEmailPreferences, useUpdateEmailPreferences } from './hooks';

/**
 * Which optional emails the person gets, one checkbox per kind (all off until they opt in). Each
 * change is saved at once and the result announced; service emails are always sent (P-MAIL-1).
 */
export function EmailPreferencesPage() {
  const preferences = useEmailPreferences();
  const update = useUpdateEmailPreferences();
  const [announcement, setAnnouncement] = useState('');
  // The box shows the person's choice at once; it falls back to the saved value if saving fails.
  const [choices, setChoices] = useState<Partial<Record<EmailPreference['kind'], boolean>>>({});

  const onToggle = (item: EmailPreference, isOptedIn: boolean) => {
    setAnnouncement('');
    setChoices((current) => ({ ...current, [item.kind]: isOptedIn }));
    update.mutate(
      { [item.kind]: isOptedIn },
      {
        onSettled: () =>
          setChoices((current) => {
            const { [item.kind]: _settled, ...rest } = current;
            return rest;
          }),
        onSuccess: () =>
          setAnnouncement(
            isOptedIn
              ? `Saved: you will get “${item.label}”.`
              : `Saved: you will no longer get “${item.label}”.`,
          ),
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Email preferences"
        description={
          <>
            Choose which optional emails you get. <Link to="/account">Back to your account</Link>
          </>
        }
      />
      {preferences.isPending ? (
        <Loading label="Loading your email preferences…" />
      ) : preferences.isError ? (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <section className="section card" aria-labelledby="optional-email-heading">
          <form className="form" onSubmit={(event) => event.preventDefault()} data-testid="email-preferences">
            <fieldset className="fieldset">
              <legend id="optional-email-heading">Optional emails</legend>
              {preferences.data.items.map((item) => (
                <CheckboxField
                  key={item.kind}
                  label={item.label}
                  hint={item.description}
                  checked={choices[item.kind] ?? item.isOptedIn}
                  disabled={update.isPending}
                  onChange={(event) => onToggle(item, event.target.checked)}
                  data-testid={`email-pref-${item.kind}`}
                />
              ))}
            </fieldset>
          </form>
          <p className="muted small">{preferences.data.transactionalNote}</p>
          <p role="status" className="status-line" data-testid="email-prefs-status">
            {update.isPending ? 'Saving…' : announcement}
          </p>
          <FormAlert message={update.isError ? describeError(update.error) : undefined} />
        </section>
      )}
    </>
  );
}
