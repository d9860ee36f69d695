import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';
import { CareNoteSchemas, CheckInSchemas, ComplaintSchemas, SAFETY_PLAN_SECTIONS } from './schema.js';

/**
 * Wellbeing: encrypted records, their sharing, and the workspace’s wellbeing key. Entries of the
 * data inventory (privacy/inventory.ts assembles them); the fields a person corrects are read from
 * each kind's schema, so a new field cannot be left out.
 */
export const WELLBEING_INVENTORY: readonly RecordType[] = [
  {
    entity: 'WellbeingRecord',
    label: 'Wellbeing record',
    fields:
      'Check-ins (mood, anxiety, sleep, symptoms, triggers, notes), provider complaints, care notes and safety-plan versions: every sensitive field encrypted under the workspace’s own key; the date, author and sharing stay readable.',
    purpose: 'Your private wellbeing notes, shared only with the members you choose.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit each check-in, complaint and care note; saving the safety plan keeps every earlier version.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/wellbeing/check-ins/:checkInId',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/check-ins/:checkInId',
          create: 'POST /v1/workspaces/:workspaceId/wellbeing/check-ins',
          fields: Object.keys(CheckInSchemas.input.properties),
        },
        {
          update: 'PATCH /v1/workspaces/:workspaceId/wellbeing/complaints/:complaintId',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/complaints/:complaintId',
          create: 'POST /v1/workspaces/:workspaceId/wellbeing/complaints',
          fields: Object.keys(ComplaintSchemas.input.properties),
        },
        {
          update: 'PATCH /v1/workspaces/:workspaceId/wellbeing/care-notes/:careNoteId',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/care-notes/:careNoteId',
          create: 'POST /v1/workspaces/:workspaceId/wellbeing/care-notes',
          fields: Object.keys(CareNoteSchemas.input.properties),
        },
        {
          update: 'PUT /v1/workspaces/:workspaceId/wellbeing/safety-plan',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/safety-plan',
          create: 'PUT /v1/workspaces/:workspaceId/wellbeing/safety-plan',
          fields: SAFETY_PLAN_SECTIONS,
        },
      ],
    },
  },
  {
    entity: 'WellbeingShare',
    label: 'Wellbeing sharing',
    fields: 'Which member a wellbeing record is shared with.',
    purpose: 'To let a named member (an attorney, a therapist) read one record.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Stop sharing with one member, or share with another.',
      routes: [],
    },
  },
  {
    entity: 'PhiTenantKey',
    label: 'Wellbeing key',
    fields: 'The workspace’s wellbeing data key, encrypted under the service’s master key (KMS).',
    purpose: 'Deleting it makes every leftover copy of the workspace’s wellbeing data unreadable.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Made and kept by the service.'),
  },
];
