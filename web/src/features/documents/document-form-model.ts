import type { DocumentPatchBody, VaultDocument } from '../../lib/api/types';
import type { DocumentCategory } from './categories';

/** What the details form edits: the fields a person entered, as the inputs hold them. */
export type DocumentForm = {
  title: string;
  description: string;
  category: DocumentCategory;
  tags: string[];
  /** `YYYY-MM-DD`, or '' for no date. */
  documentDate: string;
};

export function toDocumentForm(document: VaultDocument): DocumentForm {
  return {
    title: document.title,
    description: document.description,
    category: document.category,
    tags: [...document.tags],
    documentDate: document.documentDate ?? '',
  };
}

/**
 * Only what changed, so the audit log names the corrected fields and nothing else. An emptied
 * date is sent as null, which removes it.
 */
export function getDocumentChanges(
  document: VaultDocument,
  form: DocumentForm,
): Omit<DocumentPatchBody, 'version'> {
  const changes: Omit<DocumentPatchBody, 'version'> = {};
  const title = form.title.trim();
  const description = form.description.trim();
  if (title !== document.title) changes.title = title;
  if (description !== document.description) changes.description = description;
  if (form.category !== document.category) changes.category = form.category;
  if (JSON.stringify(form.tags) !== JSON.stringify(document.tags)) changes.tags = form.tags;
  const date = form.documentDate === '' ? undefined : form.documentDate;
  if (date !== document.documentDate) changes.documentDate = date ?? null;
  return changes;
}
