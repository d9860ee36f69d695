import { useState, type FormEvent } from 'react';
import { isApiError, toFormErrors } from '../../lib/api/problem';
import type { VaultDocument } from '../../lib/api/types';
import { mergeChipDraft } from '../../lib/ui/chips';
import { ChipsInput } from '../../lib/ui/chips-input';
import { SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS, type DocumentCategory } from './categories';
import { getDocumentChanges, toDocumentForm, type DocumentForm } from './document-form-model';
import { useUpdateDocument } from './hooks';

const FIELDS = ['title', 'description', 'category', 'tags', 'documentDate'] as const;

type DocumentDetailsFormProps = {
  workspaceId: string;
  document: VaultDocument;
  onDone: (message: string) => void;
  onCancel: () => void;
  /** Loads the newest version after someone else saved first. */
  onReload: () => Promise<unknown>;
};

/**
 * Correct a document's details. The file itself never changes (it is evidence, named by its
 * fingerprint); everything typed about it can be corrected, and the audit log names each change.
 */
export function DocumentDetailsForm({
  workspaceId,
  document,
  onDone,
  onCancel,
  onReload,
}: DocumentDetailsFormProps) {
  const [form, setForm] = useState<DocumentForm>(() => toDocumentForm(document));
  const [tagDraft, setTagDraft] = useState('');
  const update = useUpdateDocument(workspaceId, document.id);
  const isConflict = isApiError(update.error, { code: 'version_conflict' });
  const errors = update.isError && !isConflict ? toFormErrors(update.error, FIELDS) : { fields: {} };
  const set = <K extends keyof DocumentForm>(key: K, value: DocumentForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const tags = mergeChipDraft(form.tags, tagDraft);
    setTagDraft('');
    const changes = getDocumentChanges(document, { ...form, tags });
    if (Object.keys(changes).length === 0) {
      onDone('No changes to save.');
      return;
    }
    update.mutate({ ...changes, version: document.version }, { onSuccess: () => onDone('Details saved.') });
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="edit-details-heading"
      data-testid="document-edit-form"
    >
      <h3 id="edit-details-heading" className="section-title">
        Edit details
      </h3>
      {isConflict && (
        <div className="notice notice-warning" role="alert" data-testid="document-conflict">
          <p className="notice-title">This document changed since you opened it</p>
          <p>Someone saved newer details. Reload them, then make your correction again.</p>
          <button
            type="button"
            className="button"
            onClick={() =>
              void onReload().then(() => {
                update.reset();
                onCancel();
              })
            }
          >
            Reload the latest details
          </button>
        </div>
      )}
      <TextField
        label="Title"
        value={form.title}
        onChange={(event) => set('title', event.target.value)}
        maxLength={200}
        required
        error={errors.fields.title}
        data-testid="document-edit-title"
      />
      <TextAreaField
        label="Description"
        value={form.description}
        onChange={(event) => set('description', event.target.value)}
        maxLength={4000}
        rows={3}
        error={errors.fields.description}
        data-testid="document-edit-description"
      />
      <SelectField
        label="Category"
        value={form.category}
        onChange={(event) => set('category', event.target.value as DocumentCategory)}
        error={errors.fields.category}
        data-testid="document-edit-category"
      >
        {DOCUMENT_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {DOCUMENT_CATEGORY_LABELS[category]}
          </option>
        ))}
      </SelectField>
      <ChipsInput
        label="Tags"
        itemName="tag"
        value={form.tags}
        onChange={(tags) => set('tags', tags)}
        draft={tagDraft}
        onDraftChange={setTagDraft}
        maxLength={40}
        error={errors.fields.tags}
        data-testid="document-edit-tags"
      />
      <TextField
        label="Date of the document"
        hint="The date written on it, if any. Leave empty for none."
        type="date"
        value={form.documentDate}
        onChange={(event) => set('documentDate', event.target.value)}
        error={errors.fields.documentDate}
        data-testid="document-edit-date"
      />
      <FormAlert message={'form' in errors ? errors.form : undefined} />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={update.isPending}
          data-testid="document-edit-save"
        >
          {update.isPending ? 'Saving…' : 'Save details'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={update.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
