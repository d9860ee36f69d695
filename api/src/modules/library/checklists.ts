import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { commitWithAudit } from '../../platform/audit/audit-log.js';
import { createId } from '../../platform/db/ids.js';
import { explainFailedCondition, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { getAddition } from './additions.js';
import { findShippedItem } from './content.js';
import * as repo from './repo.js';
import type { Checklist, ChecklistStep, CopyChecklist, TickChecklist } from './workspace-schema.js';

/**
 * Checklists copied into a workspace and ticked off there. The copy keeps its own steps, so a
 * later change to the shipped content or the addition never rewrites what was already ticked.
 */

/** The steps and title of the checklist to copy; anything that is not a checklist answers 404. */
async function readSource(
  deps: AppDeps,
  tenantId: string,
  copy: CopyChecklist,
): Promise<{ title: string; steps: { id: string; text: string }[]; version: number }> {
  if (copy.source === 'holdfast') {
    const item = findShippedItem(copy.itemId);
    if (item?.steps === undefined) throw new AppError('not_found');
    return { title: item.title, steps: item.steps, version: item.contentVersion };
  }
  const item = await getAddition(deps, tenantId, copy.itemId);
  if (item.steps === undefined) throw new AppError('not_found');
  // An added item's steps are named by their position in the item the copy was made from.
  const steps = item.steps.map((step, index) => ({ id: step.id ?? `step-${index + 1}`, text: step.text }));
  return { title: item.title, steps, version: item.version ?? 1 };
}

export async function copyChecklist(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  copy: CopyChecklist,
): Promise<Checklist> {
  const source = await readSource(deps, tenantId, copy);
  const now = deps.now().toISOString();
  const checklist: Checklist = {
    id: createId(),
    source: copy.source,
    sourceId: copy.itemId,
    sourceVersion: source.version,
    title: source.title,
    steps: source.steps.map((step) => ({ id: step.id, text: step.text, done: false })),
    doneCount: 0,
    totalCount: source.steps.length,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.id,
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutChecklist(deps.db, tenantId, checklist)],
    {
      actor,
      action: 'library.checklist.copied',
      target: { type: 'library-checklist', id: checklist.id },
      details: { source: copy.source, sourceId: copy.itemId },
    },
    deps.now,
  );
  return checklist;
}

export async function getChecklist(deps: AppDeps, tenantId: string, checklistId: string): Promise<Checklist> {
  const checklist = await repo.getChecklist(deps.db, tenantId, checklistId);
  if (checklist === undefined) throw new AppError('not_found');
  return checklist;
}

export async function listChecklists(deps: AppDeps, tenantId: string): Promise<Checklist[]> {
  return repo.listChecklists(deps.db, tenantId);
}

/**
 * Sets which steps are done (a step keeps the time it was first ticked); a stale `version`
 * answers 409 so two people ticking at once never lose each other's ticks silently.
 */
export async function tickChecklist(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  checklistId: string,
  tick: TickChecklist,
): Promise<Checklist> {
  const current = await getChecklist(deps, tenantId, checklistId);
  const known = new Set(current.steps.map((step) => step.id));
  const unknown = tick.doneStepIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AppError(
      'validation_failed',
      `body/doneStepIds names steps this checklist does not have: ${unknown.join(', ')}`,
    );
  const done = new Set(tick.doneStepIds);
  const now = deps.now().toISOString();
  const steps: ChecklistStep[] = current.steps.map((step) => {
    if (!done.has(step.id)) return { id: step.id, text: step.text, done: false };
    return { id: step.id, text: step.text, done: true, doneAt: step.doneAt ?? now };
  });
  const doneCount = steps.filter((step) => step.done).length;
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [
          repo.buildUpdateChecklist(
            deps.db,
            tenantId,
            checklistId,
            { steps, doneCount, updatedAt: now },
            tick.version,
          ),
        ],
        {
          actor,
          action: 'library.checklist.ticked',
          target: { type: 'library-checklist', id: checklistId },
          details: { doneCount, totalCount: current.totalCount, fromVersion: tick.version },
        },
        deps.now,
      ),
    async () =>
      explainFailedCondition(await repo.getChecklist(deps.db, tenantId, checklistId), 'checklist', false),
  );
  return getChecklist(deps, tenantId, checklistId);
}

export async function deleteChecklist(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  checklistId: string,
): Promise<void> {
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildDeleteChecklist(deps.db, tenantId, checklistId)],
        {
          actor,
          action: 'library.checklist.deleted',
          target: { type: 'library-checklist', id: checklistId },
        },
        deps.now,
      ),
    async () => new AppError('not_found'),
  );
}
