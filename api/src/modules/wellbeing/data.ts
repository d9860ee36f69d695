import { rowsPaged, type DataHolder, type WorkspaceScope } from '../../platform/privacy/data-holders.js';
import { CARE_NOTE, CHECK_IN, COMPLAINT, type RecordKind } from './schema.js';
import * as service from './service.js';

function callerOf(scope: WorkspaceScope): service.Caller {
  return {
    tenantId: scope.tenantId,
    userId: scope.userId,
    actor: { type: 'user', id: scope.userId, label: 'data export' },
  };
}

/** CSV columns of a record kind: when it happened, its own fields, then its bookkeeping. */
function columnsOf(spec: RecordKind): string[] {
  return [
    'id',
    spec.dateField,
    ...Object.keys(spec.sensitive),
    'createdAt',
    'updatedAt',
    'deletedAt',
    'version',
  ];
}

/** One kind of the person's own wellbeing records, decrypted through the chokepoint (each read is access-logged). */
function ownRecords(
  deps: Parameters<NonNullable<DataHolder['exportWorkspace']>>[0],
  scope: WorkspaceScope,
  spec: RecordKind,
) {
  return rowsPaged(async (startKey) => {
    const cursor = startKey?.cursor;
    const page = await service.listRecords(deps, callerOf(scope), spec, {
      limit: 100,
      ...(typeof cursor === 'string' ? { cursor } : {}),
    });
    return {
      items: page.items,
      ...(page.nextCursor === undefined ? {} : { lastKey: { cursor: page.nextCursor } }),
    };
  });
}

/**
 * Wellbeing: only the person's own records are exported (they are private to their author even in
 * a shared workspace). A purged workspace loses its wellbeing key first, so any copy left behind
 * (a backup) cannot be read (P-PHI-4).
 */
export const wellbeingData: DataHolder = {
  owner: 'wellbeing',
  entities: ['WellbeingRecord', 'WellbeingShare', 'PhiTenantKey'],
  notExported: {
    WellbeingShare: 'who a record is shared with; the records themselves are exported',
    PhiTenantKey: 'the encrypted key that protects the workspace’s wellbeing data',
  },
  exportWorkspace: (deps, scope) => [
    {
      name: 'wellbeing-check-ins',
      columns: columnsOf(CHECK_IN),
      rows: () => ownRecords(deps, scope, CHECK_IN),
    },
    {
      name: 'wellbeing-complaints',
      columns: columnsOf(COMPLAINT),
      rows: () => ownRecords(deps, scope, COMPLAINT),
    },
    {
      name: 'wellbeing-care-notes',
      columns: columnsOf(CARE_NOTE),
      rows: () => ownRecords(deps, scope, CARE_NOTE),
    },
  ],
  purgeWorkspace: async (deps, tenantId) => {
    await deps.phi.destroyTenantWellbeingKey(tenantId, {
      type: 'system',
      id: 'purge',
      label: 'account purge',
    });
  },
};
