import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as repo from './repo.js';

/**
 * Second factors: the export says which factors exist and the security log, never a secret, a
 * hash or a public key. Everything lives in the person's own partition, which the account purge
 * deletes whole.
 */
export const secondFactorData: DataHolder = {
  owner: 'second-factor',
  entities: [
    'SecondFactorTotp',
    'RecoveryCodes',
    'Passkey',
    'PasskeyChallenge',
    'SecondFactorAttempts',
    'SecondFactorReset',
    'SecurityEvent',
  ],
  notExported: {
    PasskeyChallenge: 'a random challenge that expires within minutes',
    SecondFactorAttempts:
      'a count of failed attempts that expires within 15 minutes; each attempt is in the exported security log',
  },
  exportUser: (deps, userId) => [
    {
      name: 'second-factors',
      columns: ['kind', 'name', 'createdAt', 'lastUsedAt', 'recoveryCodesLeft'],
      rows: () =>
        rowsFrom(async () => {
          const factors = await repo.loadFactors(deps.db, userId);
          const unused = Object.values(factors.recovery?.codes ?? {}).filter(
            (state) => state === repo.UNUSED,
          );
          return [
            ...(factors.totp?.status === 'active'
              ? [{ kind: 'authenticator-app', createdAt: factors.totp.activatedAt ?? factors.totp.createdAt }]
              : []),
            ...factors.passkeys.map((passkey) => ({
              kind: 'passkey',
              name: passkey.name,
              createdAt: passkey.createdAt,
              lastUsedAt: passkey.lastUsedAt,
            })),
            ...(factors.reset === undefined
              ? []
              : [{ kind: 'support-reset-scheduled', createdAt: factors.reset.requestedAt }]),
            ...(factors.recovery === undefined
              ? []
              : [
                  {
                    kind: 'recovery-codes',
                    createdAt: factors.recovery.createdAt,
                    recoveryCodesLeft: unused.length,
                  },
                ]),
          ];
        }),
    },
    {
      name: 'security-log',
      columns: ['at', 'kind', 'method', 'name'],
      rows: () => rowsFrom(() => repo.listSecurityEvents(deps.db, userId, 1000)),
    },
  ],
};
