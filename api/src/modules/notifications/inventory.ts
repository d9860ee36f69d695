import { OPTIONAL_MAIL_KINDS } from '../../platform/email/templates.js';
import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Notifications: email preferences, the outbox and the suppression list. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const NOTIFICATIONS_INVENTORY: readonly RecordType[] = [
  {
    entity: 'EmailPreferences',
    label: 'Email preferences',
    fields: 'Which optional emails you want (tips, resources, product updates).',
    purpose: 'To send optional email only with your consent.',
    retention: 'account',
    providers: ['aws'],
    correction: {
      how: 'Choose on the Email page, or with the unsubscribe link in any optional email.',
      routes: [
        {
          update: 'PATCH /v1/me/email-preferences',
          read: 'GET /v1/me/email-preferences',
          fields: [...OPTIONAL_MAIL_KINDS],
        },
      ],
    },
  },
  {
    entity: 'OutboxMessage',
    label: 'Queued email',
    fields: 'Recipient, template, its data encrypted, status and attempts; the data is deleted once sent.',
    purpose: 'To send each email once, retrying when the mail provider fails.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('An email on its way; its content is deleted once sent.'),
  },
  {
    entity: 'EmailSuppression',
    label: 'Undeliverable address',
    fields: 'An address the mail provider reported as bouncing or complaining, and when.',
    purpose: 'To stop sending to addresses that reject mail.',
    retention: 'account',
    providers: ['aws'],
    correction: {
      how: 'What the mail provider reported about an address; support lifts it when you ask.',
      routes: [],
    },
  },
  {
    entity: 'TransientBounceCount',
    label: 'Temporary delivery failures',
    fields: 'How often mail to an address failed temporarily.',
    purpose: 'To notice addresses that keep failing.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('Counted from the mail provider’s reports.'),
  },
];
