import { rowsPaged, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as service from './service.js';

/** Privacy: feedback sent in a workspace (admins get all of it, others their own), policy notices, usage totals. */
export const privacyData: DataHolder = {
  owner: 'privacy',
  entities: ['Feedback', 'PolicyNotice', 'PageCount', 'Export', 'DeletionRequest', 'LegalHold', 'MailOptOut'],
  notExported: {
    Export: 'the status of exports like this one',
    PageCount: 'daily totals that name no one',
    DeletionRequest: 'exists only while the account is deleted, when it cannot be exported',
    LegalHold: 'a workspace setting shown on the workspace and to a deleting member, set by its admins',
    MailOptOut: 'exists only after the account is purged, as a fingerprint of the address',
    PolicyNotice: 'a record that a policy email was sent; the emails themselves are in your mailbox',
  },
  // Admins get all of the workspace's feedback; everyone else what they wrote themselves.
  exportWorkspace: (deps, scope) => {
    const authorId = scope.role === 'owner' || scope.role === 'admin' ? undefined : scope.userId;
    return [
      {
        name: 'feedback',
        columns: [
          'id',
          'message',
          'pageUrl',
          'userAgent',
          'hasScreenshot',
          'submittedBy',
          'createdAt',
          'editedAt',
          'handledAt',
          'handledBy',
        ],
        rows: () =>
          rowsPaged((startKey) => service.listFeedbackPage(deps, scope.tenantId, authorId, startKey)),
      },
    ];
  },
};
