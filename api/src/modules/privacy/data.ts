import type { DataHolder } from '../../platform/privacy/data-holders.js';

/** Privacy: exports, deletion requests, legal holds, mail opt-outs and policy notices. */
export const privacyData: DataHolder = {
  owner: 'privacy',
  entities: ['PolicyNotice', 'Export', 'DeletionRequest', 'LegalHold', 'MailOptOut'],
  notExported: {
    Export: 'the status of exports like this one',
    DeletionRequest: 'exists only while the account is deleted, when it cannot be exported',
    LegalHold: 'a workspace setting shown on the workspace and to a deleting member, set by its admins',
    MailOptOut: 'exists only after the account is purged, as a fingerprint of the address',
    PolicyNotice: 'a record that a policy email was sent; the emails themselves are in your mailbox',
  },
};
