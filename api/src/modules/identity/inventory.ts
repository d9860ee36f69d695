import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Identity: accounts, their sign-in indexes, sign-ins, one-time links and sessions. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const IDENTITY_INVENTORY: readonly RecordType[] = [
  {
    entity: 'User',
    label: 'Account profile',
    fields: 'Email, display name, created time.',
    purpose: 'To sign you in and address you.',
    retention: 'account',
    providers: ['aws', 'clerk'],
    correction: {
      how: 'Change your name on the Account page; your email address on the same page, confirmed by a link sent to the new address.',
      routes: [
        {
          update: 'PATCH /v1/me',
          read: 'GET /v1/me',
          fields: ['displayName'],
        },
        {
          update: 'POST /v1/me/email-change',
          read: 'GET /v1/me',
          confirm: 'POST /v1/me/email-change/confirm',
          fields: ['email'],
        },
      ],
    },
  },
  {
    entity: 'EmailLookup',
    label: 'Email index',
    fields: 'Email address and the account it belongs to.',
    purpose: 'So one email address is one account.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('Follows your account’s email address.'),
  },
  {
    entity: 'ClerkLookup',
    label: 'Sign-in provider index',
    fields: 'Clerk user id and the account it belongs to; when the Clerk user was deleted, if it was.',
    purpose: 'To match a Clerk sign-in to your account.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('Set by the sign-in provider; nothing in it was entered by you.'),
  },
  {
    entity: 'SignIn',
    label: 'Sign-in history',
    fields: 'Time, method (link or Clerk), browser (user agent).',
    purpose: 'So you can spot sign-ins that were not you.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord(
      'A record of a sign-in that happened; it is history, not something you entered.',
    ),
  },
  {
    entity: 'SignInToken',
    label: 'Sign-in link',
    fields: 'A hash of the one-time link, the email it was sent to, expiry.',
    purpose: 'To sign you in by email.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('Used once and gone within minutes.'),
  },
  {
    entity: 'EmailChangeToken',
    label: 'Email change confirmation',
    fields: 'A hash of the one-time confirmation link, the new address it was sent to, the account, expiry.',
    purpose: 'So your sign-in address changes only once the new address is confirmed as yours.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('Used once and gone within the hour; ask again to change to another address.'),
  },
  {
    entity: 'Session',
    label: 'Session',
    fields: 'A hash of the session id, the account and its email, expiry.',
    purpose: 'To keep you signed in and let you sign out everywhere.',
    retention: 'session',
    providers: ['aws'],
    correction: systemRecord('Sign out to end it.'),
  },
];
