import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as repo from './repo.js';
import * as service from './service.js';

/** Identity: the person's profile and sign-ins, the lookups and one-time tokens that sign them in. */
export const identityData: DataHolder = {
  owner: 'identity',
  entities: ['User', 'EmailLookup', 'ClerkLookup', 'SignIn', 'SignInToken', 'EmailChangeToken', 'Session'],
  notExported: {
    EmailLookup: 'an index of the profile’s email, which is exported',
    ClerkLookup: 'an index of the sign-in provider id',
    SignInToken: 'a hash of a one-time link that expires within 15 minutes',
    EmailChangeToken: 'a hash of a one-time confirmation link that expires within an hour',
    Session: 'a hash of a session secret',
  },
  exportUser: (deps, userId) => [
    {
      name: 'profile',
      columns: ['id', 'email', 'displayName', 'createdAt'],
      rows: () =>
        rowsFrom(async () => {
          const user = await repo.getUser(deps.db, userId);
          return user === undefined
            ? []
            : [{ id: user.id, email: user.email, displayName: user.displayName, createdAt: user.createdAt }];
        }),
    },
    {
      name: 'sign-ins',
      columns: ['at', 'method', 'userAgent'],
      rows: () => rowsFrom(() => repo.listSignIns(deps.db, userId, 1000)),
    },
  ],
  // What points at the person outside their own partition: email and Clerk lookups, sessions, the Clerk user.
  purgeUser: (deps, userId) => service.purgeUserLookups(deps, userId),
};
