import { isApiError, toFormErrors } from '../../lib/api/problem';
import type { ApiKey } from '../../lib/api/types';
import { CorrectionActions, useCorrectionForm } from '../../lib/ui/correction-form';
import { TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useRenameApiKey } from './hooks';

/** The API's limit on a key name. */
const KEY_NAME_MAX_LENGTH = 80;

/** Renames a key in place. `onClose` gets the new name when it was saved. */
export function RenameKeyForm({
  apiKey,
  workspaceId,
  onClose,
}: {
  apiKey: ApiKey;
  workspaceId: string;
  onClose: (name?: string) => void;
}) {
  const rename = useRenameApiKey(workspaceId);
  const form = useCorrectionForm<HTMLInputElement>({
    current: apiKey.name,
    rules: { maxLength: KEY_NAME_MAX_LENGTH, whenBlank: 'Name the key after the system that uses it.' },
    onUnchanged: () => onClose(),
    onSave: (name, focusField) =>
      rename.mutate(
        { keyId: apiKey.id, name },
        { onSuccess: (renamed) => onClose(renamed.name), onError: focusField },
      ),
  });
  // The API answers 404 for a key revoked meanwhile (or by someone else).
  const errors =
    rename.error === null
      ? undefined
      : isApiError(rename.error, { status: 404 })
        ? { fields: {}, form: 'This key was revoked or no longer exists, so it cannot be renamed.' }
        : toFormErrors(rename.error, ['name'] as const);

  return (
    <form className="form" onSubmit={form.onSubmit} noValidate>
      <FormAlert message={errors?.form} />
      <TextField
        ref={form.fieldRef}
        label={`New name for “${apiKey.name}”`}
        value={form.draft}
        maxLength={KEY_NAME_MAX_LENGTH}
        autoComplete="off"
        autoFocus
        onChange={(event) => form.setDraft(event.target.value)}
        error={form.localError ?? errors?.fields.name}
        data-testid="api-key-rename-input"
      />
      <CorrectionActions
        isPending={rename.isPending}
        saveLabel="Save name"
        saveTestId="api-key-rename-save"
        onCancel={() => onClose()}
      />
    </form>
  );
}
