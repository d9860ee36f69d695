import { describe, expect, it } from 'vitest';
import type { VaultDocument } from '../../lib/api/types';
import { getDocumentChanges, toDocumentForm } from './document-form-model';

const document = {
  id: '01J0000000000000000000000A',
  version: 3,
  title: 'Custody order',
  description: 'Signed copy',
  category: 'court-order',
  tags: ['order'],
  documentDate: '2026-03-02',
} as VaultDocument;

describe('document details form', () => {
  it('sends nothing when nothing changed', () => {
    expect(getDocumentChanges(document, toDocumentForm(document))).toEqual({});
  });

  it('sends only the corrected fields, trimmed', () => {
    const form = { ...toDocumentForm(document), title: '  Custody order (final) ', tags: ['order', 'final'] };
    expect(getDocumentChanges(document, form)).toEqual({
      title: 'Custody order (final)',
      tags: ['order', 'final'],
    });
  });

  it('removes the date with null when the field is emptied, and sets one that was missing', () => {
    expect(getDocumentChanges(document, { ...toDocumentForm(document), documentDate: '' })).toEqual({
      documentDate: null,
    });
    const undated = { ...document, documentDate: undefined } as VaultDocument;
    expect(getDocumentChanges(undated, { ...toDocumentForm(undated), documentDate: '2026-04-01' })).toEqual({
      documentDate: '2026-04-01',
    });
  });
});
