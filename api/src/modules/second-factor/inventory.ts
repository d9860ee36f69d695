import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Second factors: authenticator apps, recovery codes, passkeys, attempts and the security log. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const SECOND_FACTOR_INVENTORY: readonly RecordType[] = [
  {
    entity: 'SecondFactorTotp',
    label: 'Authenticator app',
    fields: 'The authenticator secret, encrypted; when it was set up; the last code time step accepted.',
    purpose: 'To check the codes of your authenticator app before administrative actions.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('Remove it on the Security page and set it up again.'),
  },
  {
    entity: 'RecoveryCodes',
    label: 'Recovery codes',
    fields: 'Hashes of your ten recovery codes and when each was used.',
    purpose: 'So you can still prove it is you when you lose your other factors.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('Replace them with new ones on the Security page.'),
  },
  {
    entity: 'Passkey',
    label: 'Passkey',
    fields:
      'The name you gave it, its public key and credential id, a use counter, when it was added and last used.',
    purpose: 'To let you confirm administrative actions with a passkey.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('Remove it on the Security page and add it again under another name.'),
  },
  {
    entity: 'PasskeyChallenge',
    label: 'Passkey challenge',
    fields: 'A random challenge and when it expires.',
    purpose: 'So each passkey answer is fresh and cannot be replayed.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('Used once and gone within minutes.'),
  },
  {
    entity: 'SecondFactorAttempts',
    label: 'Failed second-factor attempts',
    fields: 'How many wrong codes were tried and when the count started.',
    purpose: 'To stop anyone guessing your codes.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('Cleared when you prove a factor, or after 15 minutes.'),
  },
  {
    entity: 'SecondFactorReset',
    label: 'Scheduled reset of your second factors',
    fields:
      'When support scheduled it and from when it can complete, who in support did, and the identity checks they recorded.',
    purpose:
      'So a person who lost every factor gets back in only after checks, a waiting period and an email to them.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord(
      'Cancel it on the Security page with a factor you still hold; support completes it.',
    ),
  },
  {
    entity: 'SecurityEvent',
    label: 'Security log',
    fields:
      'Time, what happened (a factor added, removed, used, or a failed attempt) and which kind of factor.',
    purpose: 'So you can spot changes and attempts that were not you.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('A record of what happened; it is history, not something you entered.'),
  },
];
