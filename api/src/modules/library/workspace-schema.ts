import { Type, type Static } from 'typebox';
import { IdParam, versionField } from '../../platform/http/params.js';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { AUDIENCES, LibraryKindSchema, TemplateSchema } from './content-schema.js';
import { LIBRARY_SOURCES } from './schema.js';

/** Schemas of what a workspace keeps in its library: its own items and its copied checklists. */

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

/** A workspace's own checklist steps, in order; ids are given by position when one is copied. */
const StepTexts = Type.Array(Type.Object({ text: Text(300) }, { additionalProperties: false }), {
  minItems: 1,
  maxItems: 50,
});

const additionFields = {
  title: Text(120),
  summary: Type.Optional(Type.String({ maxLength: 400 })),
  body: Type.String({ maxLength: 8000 }),
  audience: Type.Optional(stringEnum(AUDIENCES)),
  tags: Type.Optional(Type.Array(Text(40), { maxItems: 12 })),
  /** Checklists need their steps; other kinds may list steps too. */
  steps: Type.Optional(StepTexts),
  /** Templates need what a new incident or draft starts with. */
  template: Type.Optional(TemplateSchema),
};

export const AdditionInputSchema = Type.Object(
  { kind: LibraryKindSchema, ...additionFields },
  { additionalProperties: false },
);
export type AdditionInput = Static<typeof AdditionInputSchema>;

export const AdditionPatchSchema = Type.Object(
  {
    version: versionField(),
    title: Type.Optional(additionFields.title),
    summary: additionFields.summary,
    body: Type.Optional(additionFields.body),
    audience: additionFields.audience,
    tags: additionFields.tags,
    steps: additionFields.steps,
    template: additionFields.template,
  },
  { additionalProperties: false },
);
export type AdditionPatch = Static<typeof AdditionPatchSchema>;

/** The fields of an addition a person writes (the correction route's fields). */
export const ADDITION_FIELDS = ['title', 'summary', 'body', 'audience', 'tags', 'steps', 'template'] as const;

export const AdditionParams = Type.Object({ workspaceId: IdParam, additionId: IdParam });
export const ChecklistParams = Type.Object({ workspaceId: IdParam, checklistId: IdParam });

export const ChecklistStepSchema = Type.Object(
  {
    id: Type.String({ maxLength: 64 }),
    text: Type.String({ maxLength: 300 }),
    done: Type.Boolean(),
    doneAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type ChecklistStep = Static<typeof ChecklistStepSchema>;

/** A checklist copied into the workspace: its own steps, ticked off there. */
export const ChecklistSchema = Type.Object(
  {
    id: Type.String({ maxLength: 64 }),
    source: stringEnum(LIBRARY_SOURCES),
    /** The item it was copied from (a shipped content id or an addition id). */
    sourceId: Type.String({ maxLength: 64 }),
    /** For a shipped checklist, the content version it was copied at. */
    sourceVersion: Type.Integer(),
    title: Type.String({ maxLength: 120 }),
    steps: Type.Array(ChecklistStepSchema, { maxItems: 50 }),
    doneCount: Type.Integer({ minimum: 0 }),
    totalCount: Type.Integer({ minimum: 0 }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String({ maxLength: 64 }),
    version: Type.Integer(),
  },
  { $id: 'LibraryChecklist', additionalProperties: false },
);
export type Checklist = Static<typeof ChecklistSchema>;
export const CHECKLIST_STORED_FIELDS = Object.keys(ChecklistSchema.properties) as (keyof Checklist)[];

export const CopyChecklistSchema = Type.Object(
  {
    source: stringEnum(LIBRARY_SOURCES),
    /** A shipped content id, or the id of one of the workspace's checklists. */
    itemId: IdParam,
  },
  { additionalProperties: false },
);
export type CopyChecklist = Static<typeof CopyChecklistSchema>;

export const TickChecklistSchema = Type.Object(
  {
    version: versionField(),
    /** Every step id that is done after this change; the others are not done. */
    doneStepIds: Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }), {
      maxItems: 50,
    }),
  },
  { additionalProperties: false },
);
export type TickChecklist = Static<typeof TickChecklistSchema>;
