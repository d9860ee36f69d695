import { Type, type Static } from 'typebox';
import { IdParam, limitQuery } from '../../platform/http/params.js';
import { stringEnum } from '../../platform/http/schema-ref.js';
import {
  AUDIENCES,
  ContentId,
  LIBRARY_KINDS,
  LibraryKindSchema,
  TEMPLATE_TARGETS,
  TemplateSchema,
} from './content-schema.js';

/** Where an item comes from: shipped with Holdfast, or added by the workspace. */
export const LIBRARY_SOURCES = ['holdfast', 'workspace'] as const;
export type LibrarySource = (typeof LIBRARY_SOURCES)[number];

/** Shown with every library answer: the content is information, never advice. */
export const LIBRARY_DISCLAIMER =
  'General information written for Holdfast, not legal, medical or professional advice. Rules differ by state and court; ask a qualified professional about your situation.';

/** One library item as the API presents it (shipped or a workspace addition). */
export const LibraryItemSchema = Type.Object(
  {
    id: Type.String({ maxLength: 64 }),
    source: stringEnum(LIBRARY_SOURCES),
    kind: LibraryKindSchema,
    audience: stringEnum(AUDIENCES),
    title: Type.String({ maxLength: 120 }),
    summary: Type.String({ maxLength: 400 }),
    body: Type.String({ maxLength: 8000 }),
    tags: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 12 }),
    /** A checklist's steps; a shipped step has an id, an added one is named by its position. */
    steps: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Type.Optional(Type.String({ maxLength: 64 })), text: Type.String({ maxLength: 300 }) },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    template: Type.Optional(TemplateSchema),
    /** Shipped items: the version of the content file they come from. */
    contentVersion: Type.Optional(Type.Integer()),
    /** Workspace additions: the record's version, for corrections. */
    version: Type.Optional(Type.Integer()),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'LibraryItem', additionalProperties: false },
);
export type LibraryItem = Static<typeof LibraryItemSchema>;

/** A search hit: enough to list it; the item itself is one more read. */
export const LibraryHitSchema = Type.Object(
  {
    id: Type.String({ maxLength: 64 }),
    source: stringEnum(LIBRARY_SOURCES),
    kind: LibraryKindSchema,
    title: Type.String({ maxLength: 120 }),
    summary: Type.String({ maxLength: 400 }),
    tags: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 12 }),
  },
  { $id: 'LibraryHit', additionalProperties: false },
);
export type LibraryHit = Static<typeof LibraryHitSchema>;

/** How a search was ranked: by words only, or by words fused with meaning (embeddings). */
export const SEARCH_MODES = ['lexical', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const LibrarySearchQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Words to search for; empty lists everything' }),
    ),
    kind: Type.Optional(LibraryKindSchema),
    target: Type.Optional(
      stringEnum(TEMPLATE_TARGETS, {
        description: 'Only templates that start this (a new incident or a message draft)',
      }),
    ),
    limit: limitQuery(20),
  },
  { additionalProperties: false },
);
export type LibrarySearchQuery = Static<typeof LibrarySearchQuerySchema>;

export const LibrarySearchResultSchema = Type.Object(
  {
    mode: stringEnum(SEARCH_MODES),
    /** Which mode ranked this answer and, when lexical, why (no provider, or it failed just now), in words the page can show. */
    notice: Type.Optional(Type.String()),
    disclaimer: Type.String(),
    items: Type.Array(LibraryHitSchema),
  },
  { $id: 'LibrarySearchResult', additionalProperties: false },
);
export type LibrarySearchResult = Static<typeof LibrarySearchResultSchema>;

export const ContentParams = Type.Object({ workspaceId: IdParam, contentId: ContentId });

export { LIBRARY_KINDS };
