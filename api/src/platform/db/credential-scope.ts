import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  chooseCredentials,
  type CredentialChoice,
  type Credentials,
  type DbCredentials,
} from './db-credentials.js';
import { readLeadingKeys } from './leading-keys.js';

/** The tenant whose request is running, set by the tenancy plugin once the caller is authorized. */
const tenantScope = new AsyncLocalStorage<{ tenantId: string }>();
/** The choice made for the DynamoDB call being sent, read by the credentials provider below. */
const callScope = new AsyncLocalStorage<CredentialChoice>();

/**
 * Runs `next` (the rest of a tenant's request: later hooks, the handler, its repos) as that tenant:
 * every DynamoDB call it makes that names a tenant's partition is signed with the tenant's
 * credentials, so a repo that asked for another tenant's item would be refused by IAM.
 */
export function runAsTenant<T>(tenantId: string, next: () => T): T {
  return tenantScope.run({ tenantId }, next);
}

/** The choice for the call under way (tests read it; `base` outside any call). */
export function currentCredentialChoice(): CredentialChoice {
  return callScope.getStore() ?? { kind: 'base' };
}

/**
 * Chooses credentials for every call of `doc`: a middleware reads the partitions the call names,
 * chooses with the request's tenant, and sends the call inside that choice.
 */
export function chooseCredentialsPerCall(doc: DynamoDBDocumentClient): void {
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const leading = readLeadingKeys(context.commandName ?? '', args.input);
      const choice = chooseCredentials(tenantScope.getStore()?.tenantId, leading);
      return callScope.run(choice, () => next(args));
    },
    { step: 'initialize', name: 'holdfastCredentialChoice' },
  );
}

/** A credentials provider as the SDK takes it, flagged as caching on its own (see below). */
export type ChoosingProvider = (() => Promise<Credentials>) & { memoized: true };

/**
 * The client's credentials provider: the credentials of the current call's choice, or `fallback`
 * (the default chain, or the embedded stack's fixed pair) when the choice needs none of its own.
 * It is flagged `memoized` because `DbCredentials` caches each session itself: the SDK would
 * otherwise keep the first answer for every later call, whichever tenant made it.
 */
export function choosingProvider(
  credentials: DbCredentials,
  fallback: () => Promise<Credentials>,
): ChoosingProvider {
  const provide = async () => (await credentials.resolve(currentCredentialChoice())) ?? fallback();
  return Object.assign(provide, { memoized: true as const });
}
