import { systemRecord, type RecordType } from '../../../platform/privacy/record-types.js';

/** Completions reported by training providers: entries of the data inventory (privacy/inventory.ts assembles them). */
export const CE_COMPLETIONS_INVENTORY: readonly RecordType[] = [
  {
    entity: 'CeProviderLink',
    label: 'Link with a training provider',
    fields:
      'Who you made the code for, when it expires, when the provider redeemed it, when you revoked it or it ended because the provider’s workspace was deleted, how many of its completions wait for you; a hash of the code.',
    purpose: 'To let a training provider you chose report your completed courses to you.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'A link is not edited: revoke it and make a new code.',
      routes: [],
    },
  },
  {
    entity: 'CeLinkCode',
    label: 'Waiting link code',
    fields: 'A hash of the code, which link it opens and until when.',
    purpose: 'To find your link when the provider redeems the code.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('Made with the link and removed when the code is redeemed or the link revoked.'),
  },
  {
    entity: 'CeProviderLinkRef',
    label: 'A provider’s side of a link',
    fields:
      'The link id, when it was redeemed and when it ended, and which workspace it leads to (never shown to the provider).',
    purpose: 'To route a provider’s reports to the person who linked it, until they revoke the link.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord(
      'Made when the provider redeems a code; ended when the person revokes the link or leaves.',
    ),
  },
  {
    entity: 'CeCompletion',
    label: 'Reported completion',
    fields:
      'The course title, provider name, completion date, hours, category, format and certificate number a provider reported, and whether you accepted or declined it (one still waiting is dropped if the provider’s workspace is deleted).',
    purpose: 'To let you add a provider’s report to your CE activities, or decline it.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Accept or decline it; an accepted one becomes an activity you can edit like any other.',
      routes: [],
    },
  },
  {
    entity: 'CeCompletionReport',
    label: 'Completion reported to a person',
    fields:
      'What the provider reported through a link and whether the person accepted or declined it; nothing else of the person.',
    purpose: 'To let a provider see what became of its reports.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'A report is not edited: report the completion again with the right details.',
      routes: [],
    },
  },
];
