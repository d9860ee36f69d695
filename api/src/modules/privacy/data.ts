import { rowsPaged, type DataHolder } from './data-holders.js';
import * as service from './service.js';

/** Privacy: feedback sent in a workspace (admins get all of it), policy notices, usage totals. */
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
  exportWorkspace: (deps, scope) =>
    scope.role === 'owner' || scope.role === 'admin'
      ? [
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
              'handledAt',
              'handledBy',
            ],
            rows: () => rowsPaged((startKey) => service.listFeedbackPage(deps, scope.tenantId, startKey)),
          },
        ]
      : [],
};
