import { canonicalJson } from '../../platform/audit/audit-chain.js';
import { createId } from '../../platform/db/ids.js';
import { explainFailedCondition } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import {
  WriteConditionFailed,
  type PhiRecord,
  type PhiSealedHeader,
  type PhiUpdate,
} from '../../platform/phi/index.js';
import { listMembers } from '../workspaces/service.js';
import { type RecordKind, type RecordListQuery, type RecordInput, type RecordPatch } from './schema.js';
import { phiContext, type Caller } from './caller.js';

export type { Caller } from './caller.js';
// The safety plan and the trend have files of their own; the routes reach them through this one.
export {
  getSafetyPlan,
  getSafetyPlanVersion,
  listSafetyPlanVersions,
  saveSafetyPlan,
} from './safety-plan.js';
export { getTrend } from './trend.js';

export type RecordOut = Record<string, unknown>;

function toSortDate(spec: RecordKind, value: string): string {
  return spec.dateField === 'occurredAt' ? new Date(value).toISOString() : value;
}

/** Presenter: the record's fields and plain metadata; only the owner sees whom it is shared with. */
function present(spec: RecordKind, record: PhiRecord, caller: Caller): RecordOut {
  const isOwn = record.ownerId === caller.userId;
  return {
    id: record.id,
    ownerId: record.ownerId,
    sharedWith: isOwn ? record.sharedWith : [],
    isOwn,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.deletedAt === undefined ? {} : { deletedAt: record.deletedAt }),
    version: record.version,
    [spec.dateField]: record.sortDate,
    ...record.fields,
  };
}

/** A validated body by field name: the kinds' bodies differ, the PHI store keeps any of them alike. */
function fieldMap(body: RecordInput | RecordPatch): ReadonlyMap<string, unknown> {
  return new Map<string, unknown>(Object.entries(body));
}

function cleanFields(spec: RecordKind, body: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of Object.keys(spec.sensitive)) {
    const value = body.get(name);
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      fields[name] = [...new Set(value.map((v) => String(v).trim()).filter((v) => v !== ''))];
    } else fields[name] = typeof value === 'string' ? value.trim() : value;
  }
  return fields;
}

/** The header of a record the caller may read (their own, or shared with them and live), else 404. */
async function findReadable(deps: AppDeps, caller: Caller, spec: RecordKind, id: string) {
  const header = await deps.phi.getHeader(caller.tenantId, spec.kind, id);
  if (header === undefined) throw new AppError('not_found');
  const isOwner = header.ownerId === caller.userId;
  const isShared = header.sharedWith.includes(caller.userId) && header.deletedAt === undefined;
  if (!isOwner && !isShared) throw new AppError('not_found');
  return header;
}

/** The header of the caller's own record; someone it is shared with may read it but not change it. */
async function findOwned(deps: AppDeps, caller: Caller, spec: RecordKind, id: string) {
  const header = await findReadable(deps, caller, spec, id);
  if (header.ownerId !== caller.userId)
    throw new AppError('forbidden', 'Only the author can change or share this record.');
  return header;
}

async function failWithCurrentState(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
  expectDeleted: boolean,
): Promise<never> {
  const current = await findOwned(deps, caller, spec, id);
  throw explainFailedCondition(current, 'record', expectDeleted);
}

async function openOne(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  header: PhiSealedHeader,
): Promise<RecordOut> {
  const [record] = await deps.phi.open(phiContext(caller), [header], `wellbeing.${spec.label}.read`);
  if (record === undefined) throw new AppError('not_found');
  return present(spec, record, caller);
}

/** Creates a record; its fields are encrypted and the write is audited in one step. */
export async function createRecord(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  body: RecordInput,
): Promise<RecordOut> {
  const id = createId();
  const values = fieldMap(body);
  // The date field is required by every kind's input schema.
  const sortDate = toSortDate(spec, String(values.get(spec.dateField)));
  const fields = cleanFields(spec, values);
  await deps.phi.write(
    phiContext(caller),
    [{ type: 'create', kind: spec.kind, id, ownerId: caller.userId, sortDate, fields }],
    { action: `wellbeing.${spec.label}.created`, kind: spec.kind, id, ownerId: caller.userId },
  );
  return getRecord(deps, caller, spec, id);
}

export async function getRecord(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
): Promise<RecordOut> {
  return openOne(deps, caller, spec, await findReadable(deps, caller, spec, id));
}

async function applyUpdate(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
  change: Omit<PhiUpdate, 'type' | 'kind' | 'id'>,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  try {
    await deps.phi.write(phiContext(caller), [{ type: 'update', kind: spec.kind, id, ...change }], {
      action: `wellbeing.${spec.label}.${action}`,
      kind: spec.kind,
      id,
      ownerId: caller.userId,
      details,
    });
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      return failWithCurrentState(deps, caller, spec, id, change.expected.isDeleted);
    throw error;
  }
}

/** Corrects any fields of the caller's own record (P-RIGHT-2); a stale version answers 409. */
export async function updateRecord(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
  patch: RecordPatch,
): Promise<RecordOut> {
  await findOwned(deps, caller, spec, id);
  const values = fieldMap(patch);
  const fields = cleanFields(spec, values);
  const date = values.get(spec.dateField);
  const changed = [...Object.keys(fields), ...(typeof date === 'string' ? [spec.dateField] : [])];
  if (changed.length === 0)
    throw new AppError('validation_failed', 'Nothing to change: send at least one field besides version.');
  const { version } = patch;
  await applyUpdate(
    deps,
    caller,
    spec,
    id,
    {
      expected: { version, isDeleted: false },
      fields,
      ...(typeof date === 'string' ? { sortDate: toSortDate(spec, date) } : {}),
    },
    'updated',
    { fields: changed, fromVersion: version },
  );
  return getRecord(deps, caller, spec, id);
}

/** Soft delete: hidden from lists (and from those it was shared with), restorable by its author. */
export async function deleteRecord(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
): Promise<void> {
  const header = await findOwned(deps, caller, spec, id);
  if (header.deletedAt !== undefined) return;
  await applyUpdate(
    deps,
    caller,
    spec,
    id,
    { expected: { version: header.version, isDeleted: false }, deletedAt: deps.now().toISOString() },
    'deleted',
    { fromVersion: header.version },
  );
}

export async function restoreRecord(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
): Promise<RecordOut> {
  const header = await findOwned(deps, caller, spec, id);
  if (header.deletedAt !== undefined) {
    await applyUpdate(
      deps,
      caller,
      spec,
      id,
      { expected: { version: header.version, isDeleted: true }, deletedAt: null },
      'restored',
      { fromVersion: header.version },
    );
  }
  return getRecord(deps, caller, spec, id);
}

/** Shares the caller's record with one current member of the workspace, read only. */
export async function shareRecord(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
  granteeId: string,
): Promise<RecordOut> {
  const header = await findOwned(deps, caller, spec, id);
  if (header.deletedAt !== undefined)
    throw new AppError('conflict', 'This record is deleted; restore it first.');
  if (granteeId === caller.userId) throw new AppError('validation_failed', 'You already own this record.');
  const members = await listMembers(deps, caller.tenantId);
  if (!members.some((m) => m.userId === granteeId))
    throw new AppError('validation_failed', 'Share only with a member of this workspace.', {
      errors: [{ field: 'userId', message: 'is not a member of this workspace' }],
    });
  if (!header.sharedWith.includes(granteeId)) {
    await applyUpdate(
      deps,
      caller,
      spec,
      id,
      {
        expected: { version: header.version, isDeleted: false },
        share: { granteeId, isGranted: true, sharedWith: [...header.sharedWith, granteeId] },
      },
      'shared',
      { granteeId },
    );
  }
  return getRecord(deps, caller, spec, id);
}

/** Takes a member's access to the caller's record away. */
export async function unshareRecord(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  id: string,
  granteeId: string,
): Promise<RecordOut> {
  const header = await findOwned(deps, caller, spec, id);
  if (header.sharedWith.includes(granteeId)) {
    await applyUpdate(
      deps,
      caller,
      spec,
      id,
      {
        expected: { version: header.version, isDeleted: header.deletedAt !== undefined },
        share: { granteeId, isGranted: false, sharedWith: header.sharedWith.filter((u) => u !== granteeId) },
      },
      'unshared',
      { granteeId },
    );
  }
  return getRecord(deps, caller, spec, id);
}

function toRange(spec: RecordKind, query: { from?: string; to?: string }): { from?: string; to?: string } {
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
    throw new AppError('validation_failed', '"from" must be before "to".', {
      errors: [{ field: 'from', message: 'must be before "to"' }],
    });
  }
  const convert = (value: string) => {
    const iso = new Date(value).toISOString();
    return spec.dateField === 'occurredAt' ? iso : iso.slice(0, 10);
  };
  return {
    ...(query.from === undefined ? {} : { from: convert(query.from) }),
    ...(query.to === undefined ? {} : { to: convert(query.to) }),
  };
}

/** One page of the caller's own records (or those shared with them), newest first, decrypted and logged. */
export async function listRecords(
  deps: AppDeps,
  caller: Caller,
  spec: RecordKind,
  query: RecordListQuery,
): Promise<{ items: RecordOut[]; nextCursor?: string }> {
  const scope = query.scope ?? 'mine';
  const range = toRange(spec, query);
  const queryKey = `wellbeing:${spec.kind}:${caller.userId}:${scope}:${canonicalJson({ ...range, deleted: query.deleted === true })}`;
  const startKey = deps.cursors.decode(caller.tenantId, queryKey, query.cursor);
  const limit = query.limit ?? 25;
  const page =
    scope === 'shared'
      ? await deps.phi.querySharedHeaders(caller.tenantId, {
          kind: spec.kind,
          granteeId: caller.userId,
          limit,
          ...(startKey === undefined ? {} : { startKey }),
        })
      : await deps.phi.queryHeaders(caller.tenantId, {
          kind: spec.kind,
          ownerId: caller.userId,
          ...range,
          isDeleted: query.deleted === true,
          isNewestFirst: true,
          limit,
          ...(startKey === undefined ? {} : { startKey }),
        });
  const records = await deps.phi.open(phiContext(caller), page.headers, `wellbeing.${spec.label}.listed`);
  const nextCursor = deps.cursors.encode(caller.tenantId, queryKey, page.lastKey);
  return {
    items: records.map((record) => present(spec, record, caller)),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
}

/** "Who opened my wellbeing data": the access log of the caller's own records, newest first. */
export async function listAccessLog(
  deps: AppDeps,
  caller: Caller,
  query: { cursor?: string; limit?: number },
) {
  const queryKey = `wellbeing:access-log:${caller.userId}`;
  const startKey = deps.cursors.decode(caller.tenantId, queryKey, query.cursor);
  const page = await deps.phi.listAccessLog(caller.tenantId, caller.userId, {
    limit: query.limit ?? 50,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(caller.tenantId, queryKey, page.lastKey);
  return {
    items: page.items.map((entry) => ({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      recordIds: Array.isArray(entry.details.recordIds) ? entry.details.recordIds : [entry.target.id],
    })),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
}
