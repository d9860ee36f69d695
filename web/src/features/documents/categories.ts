import type { VaultDocument } from '../../lib/api/types';

export type DocumentCategory = VaultDocument['category'];

export const DOCUMENT_CATEGORY_LABELS: Record<DocumentCategory, string> = {
  'court-order': 'Court order',
  school: 'School',
  medical: 'Medical',
  'message-screenshot': 'Message screenshot',
  certificate: 'Certificate',
  financial: 'Financial',
  other: 'Other',
};

export const DOCUMENT_CATEGORIES = Object.keys(DOCUMENT_CATEGORY_LABELS) as DocumentCategory[];
