import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { TIERS } from '../billing/plans.js';
import { CursorQuery, limitQuery, versionField } from '../../platform/http/params.js';

export const DOCUMENT_CATEGORIES = [
  'court-order',
  'school',
  'medical',
  'message-screenshot',
  'certificate',
  'financial',
  'other',
] as const;

const CategorySchema = stringEnum(DOCUMENT_CATEGORIES);
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, hex' });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 40, pattern: '^[^,]+$' }), { maxItems: 30 });
const DocumentDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Date written on the document, YYYY-MM-DD',
});

/** The fields a person describes a document with; all can be corrected later (P-RIGHT-2). */
const describedFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 4000 }),
  category: CategorySchema,
  tags: Tags,
  documentDate: Type.Optional(DocumentDate),
};

export const DocumentSchema = Type.Object(
  {
    id: Type.String(),
    ...describedFields,
    filename: Type.String({ description: 'The uploaded file’s name, sanitised' }),
    size: Type.Integer({ description: 'Bytes' }),
    contentType: Type.String({ description: 'Decided from the content’s magic bytes' }),
    sha256: Sha256,
    uploadedBy: Type.String({ description: 'User or API key id' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    version: Type.Integer(),
  },
  { $id: 'Document' },
);
export type VaultDocument = Static<typeof DocumentSchema>;

/** Every attribute of a document as stored and answered, in order (from the schema, so never copied). */
export const DOCUMENT_FIELDS: readonly (keyof VaultDocument)[] = Object.keys(
  DocumentSchema.properties,
).filter((field): field is keyof VaultDocument => field in DocumentSchema.properties);

export const UploadQuerySchema = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255, description: 'Name of the file being sent' }),
    title: Type.Optional(describedFields.title),
    description: Type.Optional(describedFields.description),
    category: Type.Optional(CategorySchema),
    tags: Type.Optional(Tags),
    documentDate: Type.Optional(DocumentDate),
  },
  { additionalProperties: false },
);
export type UploadQuery = Static<typeof UploadQuerySchema>;

export const UploadResultSchema = Type.Object(
  {
    document: Type.Unsafe<VaultDocument>({ $ref: 'Document#' }),
    isDeduplicated: Type.Boolean({
      description: 'True when the workspace already held these bytes, so nothing new was stored',
    }),
  },
  { $id: 'UploadResult' },
);

export const DocumentPatchSchema = Type.Object(
  {
    version: versionField(),
    title: Type.Optional(describedFields.title),
    description: Type.Optional(describedFields.description),
    category: Type.Optional(CategorySchema),
    tags: Type.Optional(Tags),
    documentDate: Type.Optional(Type.Union([DocumentDate, Type.Null()])),
  },
  { additionalProperties: false },
);
export type DocumentPatch = Static<typeof DocumentPatchSchema>;

export const DocumentListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words of the title, or a tag' })),
    category: Type.Optional(CategorySchema),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    cursor: CursorQuery,
    limit: limitQuery(25),
  },
  { additionalProperties: false },
);
export type DocumentListQuery = Static<typeof DocumentListQuerySchema>;

/** Record types documents can be attached to; a new one is added here and registered in app.ts. */
export const ATTACHABLE_RECORD_TYPES = ['incident', 'license', 'ce-activity'] as const;
export type AttachableRecordType = (typeof ATTACHABLE_RECORD_TYPES)[number];

export const AttachmentSchema = Type.Object(
  {
    recordType: stringEnum(ATTACHABLE_RECORD_TYPES),
    recordId: Type.String(),
    document: Type.Unsafe<VaultDocument>({ $ref: 'Document#' }),
    attachedAt: Type.String({ format: 'date-time' }),
    attachedBy: Type.String(),
  },
  { $id: 'Attachment' },
);
export type Attachment = Static<typeof AttachmentSchema>;

export const StorageUsageSchema = Type.Object(
  {
    usedBytes: Type.Integer({ description: 'May exceed quotaBytes after a move to a smaller plan' }),
    quotaBytes: Type.Integer(),
    plan: stringEnum(TIERS, { description: 'The plan the quota comes from (local: billing is off)' }),
    planName: Type.String(),
    largerPlan: Type.Optional(
      Type.Object(
        { name: Type.String(), quotaBytes: Type.Integer() },
        { description: 'The smallest plan with more storage, when billing is on and one exists' },
      ),
    ),
  },
  { $id: 'StorageUsage' },
);
export type StorageUsage = Static<typeof StorageUsageSchema>;
