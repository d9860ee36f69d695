import { OPTIONAL_MAIL_KINDS } from '../../platform/email/templates.js';
import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as repo from './repo.js';

/** Notifications: the person's email preferences; the outbox and suppression list are operational. */
export const notificationsData: DataHolder = {
  owner: 'notifications',
  entities: ['EmailPreferences', 'OutboxMessage', 'EmailSuppression', 'TransientBounceCount'],
  notExported: {
    OutboxMessage: 'a queued email, its data encrypted and deleted once sent; the email is in your mailbox',
    EmailSuppression: 'an address the mail provider reported as bouncing or complaining',
    TransientBounceCount: 'a count of temporary delivery failures of an address',
  },
  exportUser: (deps, userId) => [
    {
      name: 'email-preferences',
      columns: [...OPTIONAL_MAIL_KINDS],
      rows: () => rowsFrom(async () => [await repo.getPreferences(deps.db, userId)]),
    },
  ],
};
