import { versionConflict } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { WriteConditionFailed, type PhiRecord } from '../../platform/phi/index.js';
import { phiContext, type Caller } from './caller.js';
import { SAFETY_PLAN_SECTIONS, type SafetyPlan, type SafetyPlanInput } from './schema.js';

/** Safety plan: one head record per person (current content) and one immutable record per version. */

const PLAN = 'safetyplan';
const PLAN_VERSION = 'safetyplanv';
const versionId = (ownerId: string, version: number) => `${ownerId}_${String(version).padStart(6, '0')}`;

function presentPlan(record: PhiRecord, version: number, savedAt: string, isCurrent: boolean): SafetyPlan {
  const plan: Record<string, unknown> = { version, savedAt, isCurrent };
  for (const section of SAFETY_PLAN_SECTIONS) plan[section] = record.fields[section] ?? '';
  return plan as SafetyPlan;
}

/** The caller's current safety plan (404 before the first save). */
export async function getSafetyPlan(deps: AppDeps, caller: Caller): Promise<SafetyPlan> {
  const head = await deps.phi.getHeader(caller.tenantId, PLAN, caller.userId);
  if (head === undefined) throw new AppError('not_found', 'You have no safety plan yet.');
  const [record] = await deps.phi.open(phiContext(caller), [head], 'wellbeing.safety-plan.read');
  if (record === undefined) throw new AppError('not_found');
  return presentPlan(record, head.version, head.updatedAt, true);
}

/** Saves a new version of the caller's safety plan; earlier versions stay readable. */
export async function saveSafetyPlan(
  deps: AppDeps,
  caller: Caller,
  input: SafetyPlanInput,
): Promise<SafetyPlan> {
  const { version: expected, ...sections } = input;
  const fields: Record<string, unknown> = {};
  for (const section of SAFETY_PLAN_SECTIONS)
    fields[section] = ((sections as Record<string, string | undefined>)[section] ?? '').trim();
  const head = await deps.phi.getHeader(caller.tenantId, PLAN, caller.userId);
  const current = head?.version ?? 0;
  if ((expected ?? 0) !== current) {
    if (current > 0) throw versionConflict('Your safety plan', current);
    throw new AppError('version_conflict', 'You have no safety plan yet: save it without a version.');
  }
  const next = current + 1;
  const savedAt = deps.now().toISOString();
  const ownerId = caller.userId;
  try {
    await deps.phi.write(
      phiContext(caller),
      [
        head === undefined
          ? { type: 'create', kind: PLAN, id: ownerId, ownerId, sortDate: savedAt, fields }
          : {
              type: 'update',
              kind: PLAN,
              id: ownerId,
              expected: { version: current, isDeleted: false },
              fields,
              sortDate: savedAt,
            },
        {
          type: 'create',
          kind: PLAN_VERSION,
          id: versionId(ownerId, next),
          ownerId,
          sortDate: String(next).padStart(6, '0'),
          fields,
        },
      ],
      { action: 'wellbeing.safety-plan.saved', kind: PLAN, id: ownerId, ownerId, details: { version: next } },
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError(
        'version_conflict',
        'Your safety plan changed while you saved it. Reload it and try again.',
      );
    throw error;
  }
  return getSafetyPlan(deps, caller);
}

/** The versions of the caller's safety plan, newest first (numbers and times only: nothing decrypted). */
export async function listSafetyPlanVersions(
  deps: AppDeps,
  caller: Caller,
  query: { cursor?: string; limit?: number },
) {
  const queryKey = `wellbeing:safety-plan-versions:${caller.userId}`;
  const startKey = deps.cursors.decode(caller.tenantId, queryKey, query.cursor);
  const page = await deps.phi.queryHeaders(caller.tenantId, {
    kind: PLAN_VERSION,
    ownerId: caller.userId,
    isDeleted: false,
    isNewestFirst: true,
    limit: query.limit ?? 50,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(caller.tenantId, queryKey, page.lastKey);
  return {
    items: page.headers.map((h) => ({ version: Number(h.sortDate), savedAt: h.createdAt })),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
}

/** One earlier (or the current) version of the caller's safety plan. */
export async function getSafetyPlanVersion(
  deps: AppDeps,
  caller: Caller,
  version: number,
): Promise<SafetyPlan> {
  const header = await deps.phi.getHeader(caller.tenantId, PLAN_VERSION, versionId(caller.userId, version));
  if (header === undefined) throw new AppError('not_found');
  const head = await deps.phi.getHeader(caller.tenantId, PLAN, caller.userId);
  const [record] = await deps.phi.open(phiContext(caller), [header], 'wellbeing.safety-plan.version-read');
  if (record === undefined) throw new AppError('not_found');
  return presentPlan(record, version, header.createdAt, head?.version === version);
}
