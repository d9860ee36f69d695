import { useRef, useState, type FormEvent } from 'react';
import type { CreatedInvite, Profession, SharedKind } from '../../lib/api/types';
import { addDays, getBrowserTimeZone, getEndOfDay, getToday } from '../../lib/dates';
import { isEmailAddress } from '../../lib/email-address';
import { FieldErrorText, focusFirstInvalid, SelectField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useCreateInvite } from '../members/hooks';
import { toInviteErrors, type InviteField } from './invite-errors';
import {
  DEFAULT_GRANT_DAYS,
  MAX_GRANT_DAYS,
  PROFESSION_LABELS,
  PROFESSIONS,
  SHARED_KIND_LABELS,
  SHARED_KINDS,
} from './labels';

type Props = { workspaceId: string; onCreated: (created: CreatedInvite) => void };

/**
 * Invite a professional: who (email and profession), what they may read, and until when (90 days
 * unless changed). Checked here first so the common mistakes are named at their field.
 */
export function ProfessionalInviteForm({ workspaceId, onCreated }: Props) {
  const create = useCreateInvite(workspaceId);
  const timeZone = getBrowserTimeZone();
  const today = getToday(timeZone);
  const [email, setEmail] = useState('');
  const [profession, setProfession] = useState<Profession>('family-attorney');
  const [kinds, setKinds] = useState<SharedKind[]>([]);
  const [endDate, setEndDate] = useState(addDays(today, DEFAULT_GRANT_DAYS));
  const [localErrors, setLocalErrors] = useState<Partial<Record<InviteField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const apiErrors = create.error === null ? undefined : toInviteErrors(create.error);
  const errorOf = (field: InviteField) => localErrors[field] ?? apiErrors?.fields[field];
  const lastDay = addDays(today, MAX_GRANT_DAYS);

  const onToggleKind = (kind: SharedKind, isChecked: boolean) =>
    setKinds((current) =>
      isChecked
        ? SHARED_KINDS.filter((k) => k === kind || current.includes(k))
        : current.filter((k) => k !== kind),
    );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const endsAt = endDate > today && endDate <= lastDay ? getEndOfDay(endDate, timeZone) : undefined;
    const errors: Partial<Record<InviteField, string>> = {};
    if (!isEmailAddress(email.trim())) errors.email = 'Enter the email address of the professional.';
    if (kinds.length === 0) errors.kinds = 'Choose at least one kind of record to share.';
    if (endsAt === undefined) errors.endsAt = 'Choose an end date after today and within a year.';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || endsAt === undefined) {
      // After React renders the errors, so the first invalid control is marked.
      window.setTimeout(() => focusFirstInvalid(formRef.current), 0);
      return;
    }
    create.mutate(
      { email: email.trim(), role: 'professional', professional: { profession, kinds, endsAt } },
      { onSuccess: onCreated },
    );
  };

  const kindsError = errorOf('kinds');
  return (
    <form
      ref={formRef}
      className="form card"
      onSubmit={onSubmit}
      noValidate
      aria-label="Invite a professional"
      data-testid="professional-invite-form"
    >
      <FormAlert message={apiErrors?.form} />
      <div className="field-row">
        <TextField
          label="Their email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errorOf('email')}
          data-testid="professional-email"
        />
        <SelectField
          label="They are your"
          value={profession}
          onChange={(event) => setProfession(event.target.value as Profession)}
          error={errorOf('profession')}
          data-testid="professional-profession"
        >
          {PROFESSIONS.map((item) => (
            <option key={item} value={item}>
              {PROFESSION_LABELS[item]}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset
        className="fieldset"
        aria-describedby={kindsError === undefined ? 'kinds-hint' : 'kinds-hint kinds-error'}
      >
        <legend>What they may read</legend>
        <p className="field-hint" id="kinds-hint">
          Read only: they can never change or add anything. Wellbeing records stay private until you share
          each one from its page.
        </p>
        {SHARED_KINDS.map((kind) => (
          <div key={kind} className="checkbox-row">
            <input
              id={`share-kind-${kind}`}
              type="checkbox"
              checked={kinds.includes(kind)}
              aria-invalid={kindsError !== undefined ? true : undefined}
              onChange={(event) => onToggleKind(kind, event.target.checked)}
              data-testid={`professional-kind-${kind}`}
            />
            <label htmlFor={`share-kind-${kind}`}>{SHARED_KIND_LABELS[kind]}</label>
          </div>
        ))}
        <FieldErrorText id="kinds" error={kindsError} />
      </fieldset>
      <TextField
        label="Access ends on"
        hint={`${DEFAULT_GRANT_DAYS} days from today unless you change it; at most a year. You can revoke it at any time.`}
        type="date"
        min={addDays(today, 1)}
        max={lastDay}
        value={endDate}
        onChange={(event) => setEndDate(event.target.value)}
        error={errorOf('endsAt')}
        data-testid="professional-ends-on"
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending}
          data-testid="professional-invite-submit"
        >
          {create.isPending ? 'Inviting…' : 'Invite professional'}
        </button>
      </div>
    </form>
  );
}
