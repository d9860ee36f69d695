import { rowsPaged, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as service from './service.js';

/** Feedback sent in a workspace: admins get all of it in their export, others what they wrote. */
export const feedbackData: DataHolder = {
  owner: 'feedback',
  entities: ['Feedback'],
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
