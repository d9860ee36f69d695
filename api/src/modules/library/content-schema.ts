import { Type, type Static } from 'typebox';
import { INCIDENT_CATEGORIES } from '../journal/schema.js';
import { stringEnum } from '../../platform/http/schema-ref.js';

/**
 * The shape of a shipped library file (`content/<collection>.json`). Files are checked against
 * this at load, so a malformed file stops the API from starting instead of reaching a reader.
 */

/** Content ids: lower-case words and digits joined by dashes, safe inside a sort key. */
export const CONTENT_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const ContentId = Type.String({ pattern: CONTENT_ID_PATTERN, minLength: 2, maxLength: 64 });

export const LIBRARY_KINDS = ['article', 'template', 'checklist'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];
export const LibraryKindSchema = stringEnum(LIBRARY_KINDS);

export const AUDIENCES = ['co-parenting', 'clinician', 'everyone'] as const;

/** Where a template leads: a new incident or a new message draft, pre-filled. */
export const TEMPLATE_TARGETS = ['incident', 'draft'] as const;
export type TemplateTarget = (typeof TEMPLATE_TARGETS)[number];

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const StepSchema = Type.Object({ id: ContentId, text: Text(300) }, { additionalProperties: false });
export type Step = Static<typeof StepSchema>;

// Required fields first: the response serializer writes them first, so a template reads back in
// the order it was sent.
export const TemplateSchema = Type.Object(
  {
    target: stringEnum(TEMPLATE_TARGETS),
    /** The pre-filled narrative or message, brackets marking what to replace. */
    text: Text(4000),
    /** The incident category the new incident starts with (incident templates). */
    category: Type.Optional(stringEnum(INCIDENT_CATEGORIES)),
    /** The draft's subject line (draft templates). */
    subject: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type Template = Static<typeof TemplateSchema>;

export const ContentItemSchema = Type.Object(
  {
    id: ContentId,
    kind: LibraryKindSchema,
    audience: stringEnum(AUDIENCES),
    title: Text(120),
    summary: Text(400),
    body: Text(8000),
    tags: Type.Array(Text(40), { minItems: 1, maxItems: 12 }),
    steps: Type.Optional(Type.Array(StepSchema, { minItems: 1, maxItems: 50 })),
    template: Type.Optional(TemplateSchema),
  },
  { additionalProperties: false },
);
export type ContentItem = Static<typeof ContentItemSchema>;

export const ContentFileSchema = Type.Object(
  {
    /** Raised whenever a file's items change, so a copied checklist can name what it came from. */
    contentVersion: Type.Integer({ minimum: 1, maximum: 1000 }),
    collection: ContentId,
    items: Type.Array(ContentItemSchema, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ContentFile = Static<typeof ContentFileSchema>;
