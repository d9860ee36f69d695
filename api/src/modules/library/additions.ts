import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { commitWithAudit } from '../../platform/audit/audit-log.js';
import { createId } from '../../platform/db/ids.js';
import { explainFailedCondition, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { LibraryKind } from './content-schema.js';
import * as repo from './repo.js';
import type { LibraryItem } from './schema.js';
import type { AdditionInput, AdditionPatch } from './workspace-schema.js';

/** A workspace's own library items: resources, templates and checklists, with versioned edits. */

function cleanTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ''))];
}

/** What a kind cannot do without: a checklist its steps, a template its pre-filled part. */
function assertParts(
  kind: LibraryKind,
  parts: { steps?: readonly unknown[] | undefined; template?: LibraryItem['template'] },
): void {
  if (kind === 'checklist' && parts.steps === undefined)
    throw new AppError('validation_failed', 'A checklist needs its steps (body/steps).');
  if (kind === 'template' && parts.template === undefined)
    throw new AppError('validation_failed', 'A template needs its template part (body/template).');
}

export async function createAddition(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: AdditionInput,
): Promise<LibraryItem> {
  const { steps, template } = input;
  assertParts(input.kind, { steps, template });
  const now = deps.now().toISOString();
  const addition: repo.StoredAddition = {
    id: createId(),
    source: 'workspace',
    kind: input.kind,
    audience: input.audience ?? 'everyone',
    title: input.title.trim(),
    summary: (input.summary ?? '').trim(),
    body: input.body,
    tags: cleanTags(input.tags),
    ...(steps === undefined ? {} : { steps }),
    ...(template === undefined ? {} : { template }),
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.id,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutAddition(deps.db, tenantId, addition), repo.buildCountLibraryChange(deps.db, tenantId)],
    {
      actor,
      action: 'library.addition.created',
      target: { type: 'library-addition', id: addition.id },
      details: { kind: addition.kind },
    },
    deps.now,
  );
  return present(addition);
}

/** The presented item, without who wrote it (the audit log says that). */
function present(addition: repo.StoredAddition): LibraryItem {
  const { createdBy: _createdBy, ...item } = addition;
  return item;
}

export async function getAddition(deps: AppDeps, tenantId: string, additionId: string): Promise<LibraryItem> {
  const addition = await repo.getAddition(deps.db, tenantId, additionId);
  if (addition === undefined) throw new AppError('not_found');
  return present(addition);
}

export async function listAdditions(
  deps: AppDeps,
  tenantId: string,
  options: { isConsistent?: boolean } = {},
): Promise<LibraryItem[]> {
  return (await repo.listAdditions(deps.db, tenantId, options)).map(present);
}

/** The count of changes to the workspace's additions (see `repo.getLibraryVersion`). */
export async function getLibraryVersion(deps: AppDeps, tenantId: string): Promise<number | undefined> {
  return repo.getLibraryVersion(deps.db, tenantId);
}

export async function updateAddition(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  additionId: string,
  patch: AdditionPatch,
): Promise<LibraryItem> {
  const { version, tags, ...fields } = patch;
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) if (value !== undefined) changes[field] = value;
  if (typeof changes.title === 'string') changes.title = changes.title.trim();
  if (typeof changes.summary === 'string') changes.summary = changes.summary.trim();
  if (tags !== undefined) changes.tags = cleanTags(tags);
  const changedFields = Object.keys(changes);
  if (changedFields.length === 0)
    throw new AppError('validation_failed', 'Nothing to change: send at least one field besides version.');
  changes.updatedAt = deps.now().toISOString();
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [
          repo.buildUpdateAddition(deps.db, tenantId, additionId, changes, version),
          repo.buildCountLibraryChange(deps.db, tenantId),
        ],
        {
          actor,
          action: 'library.addition.updated',
          target: { type: 'library-addition', id: additionId },
          details: { fields: changedFields, fromVersion: version },
        },
        deps.now,
      ),
    async () => explainFailedCondition(await repo.getAddition(deps.db, tenantId, additionId), 'item', false),
  );
  return getAddition(deps, tenantId, additionId);
}

export async function deleteAddition(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  additionId: string,
): Promise<void> {
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [
          repo.buildDeleteAddition(deps.db, tenantId, additionId),
          repo.buildCountLibraryChange(deps.db, tenantId),
        ],
        { actor, action: 'library.addition.deleted', target: { type: 'library-addition', id: additionId } },
        deps.now,
      ),
    async () => new AppError('not_found'),
  );
}
