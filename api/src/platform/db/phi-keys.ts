import { assertSafeId, tenantPk } from './keys.js';

// The PHI (wellbeing) table's keys, beside keys.ts: the key catalogue is these two files
// (test/security/keys-in-one-place.test.ts), split only so neither outgrows the file-size limit.

const PHI_RECORD_PREFIX = 'WB#';
const PHI_SHARE_PREFIX = 'WBSHARE#';

/**
 * Keys of the PHI (wellbeing) table. Declared here with every other key; only platform/phi uses
 * them (test/security/phi-chokepoint.test.ts), since only it may reach that table.
 */
export const PHI_KEYS = {
  /** Under a tenant's partition: the tenant's wrapped wellbeing key. */
  tenantKey: () => 'PHIKEY',
  /** Under a tenant's partition: one record of a kind. */
  record: (kind: string, id: string) => {
    assertSafeId(kind, 'wellbeing kind');
    assertSafeId(id, 'wellbeing record id');
    return `${PHI_RECORD_PREFIX}${kind}#${id}`;
  },
  /** Under a tenant's partition: that a record was shared with a member, listed per member and kind. */
  share: (granteeId: string, kind: string, id: string) => {
    assertSafeId(granteeId, 'grantee id');
    return `${PHI_SHARE_PREFIX}${granteeId}#${kind}#${id}`;
  },
  /** The prefix of the shares one member received of a kind. */
  sharesOf: (granteeId: string, kind: string) => `${PHI_SHARE_PREFIX}${granteeId}#${kind}#`,
  /** GSI1 partition of one owner's records of a kind, sorted by their date. */
  ownerPartition: (tenantId: string, kind: string, ownerId: string) => {
    assertSafeId(ownerId, 'owner id');
    return `${tenantPk(tenantId)}#${PHI_RECORD_PREFIX}${kind}#${ownerId}`;
  },
  /** GSI1 sort key of a record: its date, then its id. */
  recordByDate: (sortDate: string, id: string) => `${sortDate}#${id}`,
} as const;
