import { type RecordType } from '../../platform/privacy/record-types.js';

/** Feedback: what members send about the app. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const FEEDBACK_INVENTORY: readonly RecordType[] = [
  {
    entity: 'Feedback',
    label: 'Feedback',
    fields: 'Your message, the page address, your browser (user agent), an optional screenshot you approved.',
    purpose: 'To fix what you report.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit what you wrote, or remove the screenshot, from your sent feedback.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/feedback/:feedbackId',
          read: 'GET /v1/workspaces/:workspaceId/feedback/mine',
          create: 'POST /v1/workspaces/:workspaceId/feedback',
          fields: ['message'],
          fixed: {
            pageUrl: 'The page you were on when you wrote it, recorded with the message.',
            userAgent: 'Your browser as it reported itself, recorded with the message.',
            screenshot: 'Shown to you before sending; afterwards you can remove it, not replace it.',
          },
          others: {
            handled: 'Set by the workspace’s admins when they have dealt with it.',
          },
        },
      ],
    },
  },
];
