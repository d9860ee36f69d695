import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';
import { ADDITION_FIELDS } from './workspace-schema.js';

/** Library: a workspace's own items and copied checklists (privacy/inventory.ts assembles them). */
export const LIBRARY_RECORD_TYPES: readonly RecordType[] = [
  {
    entity: 'LibraryAddition',
    label: 'Library item you added',
    fields:
      'Kind (resource, template or checklist), title, summary, text, tags, checklist steps, template text.',
    purpose: "Your workspace's own resources, templates and checklists, searched with the shipped library.",
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit or delete it in the library at any time; the audit log keeps the record of every change.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/library/additions/:additionId',
          read: 'GET /v1/workspaces/:workspaceId/library/additions/:additionId',
          create: 'POST /v1/workspaces/:workspaceId/library/additions',
          fields: [...ADDITION_FIELDS],
          fixed: {
            kind: 'What kind of item it is decides how it is used; add a new item of the other kind instead.',
          },
        },
      ],
    },
  },
  {
    entity: 'LibraryChecklist',
    label: 'Checklist in progress',
    fields: 'Which checklist it was copied from, its steps, which are done and when each was ticked.',
    purpose: 'To tick a checklist off and show your progress.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Tick or untick any step at any time, or delete the copy and start again; its text is the checklist it was copied from.',
      routes: [],
    },
  },
  {
    entity: 'LibraryEmbedding',
    label: 'Library search vector',
    fields:
      'For each library item the workspace can search: a vector of numbers made from its text, the hash of that text and the model that made it.',
    purpose:
      'To search the library by meaning; made again only when an item’s text changes. The item’s text (never who wrote it) goes to OpenAI to make it.',
    retention: 'workspace',
    providers: ['aws', 'openai'],
    correction: systemRecord('Made from the library items; edit an item and its vector is made again.'),
  },
  {
    entity: 'LibraryVersion',
    label: 'Library change count',
    fields: 'How many times the workspace’s own library items were added, changed or deleted: one number.',
    purpose: 'To know, with one small read, whether the library search kept in memory is still current.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Counted by the library itself; it changes with every edit of an item.'),
  },
  {
    entity: 'LibrarySent',
    label: 'Weekly resources sent to you',
    fields: 'Which library item went out in your weekly resources email, the week and when.',
    purpose: 'So the weekly email never sends you the same item twice.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord(
      'Written when the weekly email is sent; turn the email off in your email preferences.',
    ),
  },
];
