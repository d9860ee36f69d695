import { batchGetAll } from '../../../platform/db/batch-get.js';
import type { Db } from '../../../platform/db/client.js';
import { organisationKey, requestKey, toOrganisation, toRequestItem, type RequestItem } from './repo.js';
import type { Organisation } from './schema.js';

/**
 * The requests a person was sent and the organisations that sent them, read across organisations'
 * partitions in one BatchGetItem (DynamoDB takes up to 100 keys in one), instead of one read each.
 */

export type RequestsRead = {
  request: (organisationId: string, requestId: string) => RequestItem | undefined;
  organisation: (organisationId: string) => Organisation | undefined;
};

/** The named requests and organisation profiles, each looked up by the ids it was asked by. */
export async function getRequestsAndOrganisations(
  db: Db,
  wanted: {
    requests: readonly { organisationId: string; requestId: string }[];
    organisationIds: readonly string[];
  },
): Promise<RequestsRead> {
  const found = await batchGetAll(db, db.mainTable, [
    ...wanted.requests.map(({ organisationId, requestId }) => requestKey(organisationId, requestId)),
    ...wanted.organisationIds.map(organisationKey),
  ]);
  return {
    request: (organisationId, requestId) => {
      const item = found.get(requestKey(organisationId, requestId));
      return item === undefined ? undefined : toRequestItem(item);
    },
    organisation: (organisationId) => {
      const item = found.get(organisationKey(organisationId));
      return item === undefined ? undefined : toOrganisation(item);
    },
  };
}
