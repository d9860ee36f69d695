import { commitWithAudit } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { canonicalJson } from '../../platform/audit/audit-chain.js';
import { createId } from '../../platform/db/ids.js';
import { explainFailedCondition, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { assertTimeZone } from '../../platform/time-zone.js';
import * as repo from './repo.js';
import {
  MAX_NOTES,
  VERBATIM_FIELDS,
  type Communication,
  type CommunicationInput,
  type CommunicationListQuery,
  type CommunicationPatch,
  type NoteInput,
} from './schema.js';

function uniqueIds(ids: string[] | undefined): string[] {
  return [...new Set(ids ?? [])];
}

/** Logs a message; the audit entry names the record and its channel, never its content (P-AUD-1). */
export async function createCommunication(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: CommunicationInput,
): Promise<Communication> {
  assertTimeZone(input.timeZone);
  const now = deps.now().toISOString();
  const communication: Communication = {
    id: createId(),
    occurredAt: input.occurredAt,
    timeZone: input.timeZone,
    channel: input.channel,
    direction: input.direction,
    counterpart: input.counterpart.trim(),
    subject: (input.subject ?? '').trim(),
    // Kept exactly as given: a received message is evidence.
    content: input.content,
    linkedIncidentIds: uniqueIds(input.linkedIncidentIds),
    notes: [],
    createdAt: now,
    updatedAt: now,
    createdBy: actor.id,
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutCommunication(deps.db, tenantId, communication)],
    {
      actor,
      action: 'communication.created',
      target: { type: 'communication', id: communication.id },
      details: { channel: communication.channel, direction: communication.direction },
    },
    deps.now,
  );
  return communication;
}

export async function getCommunication(
  deps: AppDeps,
  tenantId: string,
  communicationId: string,
): Promise<Communication> {
  const communication = await repo.getCommunication(deps.db, tenantId, communicationId);
  if (communication === undefined) throw new AppError('not_found');
  return communication;
}

async function explainFailedWrite(
  deps: AppDeps,
  tenantId: string,
  communicationId: string,
): Promise<AppError> {
  const current = await repo.getCommunication(deps.db, tenantId, communicationId);
  return explainFailedCondition(current, 'message', false);
}

/**
 * Corrects a message. A sent one can be corrected in every field; a received one keeps its subject
 * and content verbatim (add a note beside it instead), while when, where and with whom can be fixed.
 */
export async function updateCommunication(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  communicationId: string,
  patch: CommunicationPatch,
): Promise<Communication> {
  const { version, ...fields } = patch;
  if (fields.timeZone !== undefined) assertTimeZone(fields.timeZone);
  const current = await getCommunication(deps, tenantId, communicationId);
  if (current.direction === 'received') {
    const verbatim = VERBATIM_FIELDS.filter((field) => fields[field] !== undefined);
    if (verbatim.length > 0)
      throw new AppError(
        'conflict',
        'A received message is kept as it arrived. Add a note beside it to correct or explain it.',
        { errors: verbatim.map((field) => ({ field, message: 'cannot change on a received message' })) },
      );
  }
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (field === 'counterpart' || field === 'subject') changes[field] = String(value).trim();
    else if (field === 'linkedIncidentIds') changes[field] = uniqueIds(fields.linkedIncidentIds);
    else changes[field] = value;
  }
  const changedFields = Object.keys(changes);
  if (changedFields.length === 0)
    throw new AppError('validation_failed', 'Nothing to change: send at least one field besides version.');
  changes.updatedAt = deps.now().toISOString();
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildUpdateCommunication(deps.db, tenantId, communicationId, changes, version)],
        {
          actor,
          action: 'communication.updated',
          target: { type: 'communication', id: communicationId },
          details: { fields: changedFields, fromVersion: version },
        },
        deps.now,
      ),
    () => explainFailedWrite(deps, tenantId, communicationId),
  );
  return getCommunication(deps, tenantId, communicationId);
}

/**
 * Appends a note beside a message (the way to correct a received one); audit-logged. The message's
 * fields and version are untouched, so an edit in progress elsewhere is not made stale by it.
 */
export async function addNote(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  communicationId: string,
  input: NoteInput,
): Promise<Communication> {
  const note = { at: deps.now().toISOString(), by: actor.id, text: input.text.trim() };
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildAppendNote(deps.db, tenantId, communicationId, note, MAX_NOTES)],
        {
          actor,
          action: 'communication.note_added',
          target: { type: 'communication', id: communicationId },
        },
        deps.now,
      ),
    async () => {
      const current = await repo.getCommunication(deps.db, tenantId, communicationId);
      return current === undefined
        ? new AppError('not_found')
        : new AppError('conflict', `A message can have at most ${MAX_NOTES} notes.`);
    },
  );
  return getCommunication(deps, tenantId, communicationId);
}

export async function deleteCommunication(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  communicationId: string,
): Promise<void> {
  const current = await getCommunication(deps, tenantId, communicationId);
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildDeleteCommunication(deps.db, tenantId, communicationId, current.version)],
        {
          actor,
          action: 'communication.deleted',
          target: { type: 'communication', id: communicationId },
          details: { fromVersion: current.version },
        },
        deps.now,
      ),
    () => explainFailedWrite(deps, tenantId, communicationId),
  );
}

/** The repo filter of a list query or a date range, refusing a range that ends before it starts. */
export function toFilter(query: {
  from?: string;
  to?: string;
  channel?: string;
  direction?: string;
}): repo.CommunicationFilter {
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to))
    throw new AppError('validation_failed', '"from" must be before "to".', {
      errors: [{ field: 'from', message: 'must be before "to"' }],
    });
  return {
    ...(query.from === undefined ? {} : { fromUtc: repo.toUtc(query.from) }),
    ...(query.to === undefined ? {} : { toUtc: repo.toUtc(query.to) }),
    ...(query.channel === undefined ? {} : { channel: query.channel }),
    ...(query.direction === undefined ? {} : { direction: query.direction }),
  };
}

export async function listCommunications(
  deps: AppDeps,
  tenantId: string,
  query: CommunicationListQuery,
): Promise<{ items: Communication[]; nextCursor?: string }> {
  const filter = toFilter(query);
  const queryKey = `communications:${canonicalJson(filter)}`;
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.queryCommunications(deps.db, tenantId, filter, {
    limit: query.limit ?? 25,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/** Messages of a range, oldest first, refusing a range with more than `max` (for summaries). */
export async function listCommunicationsInRange(
  deps: AppDeps,
  tenantId: string,
  range: { from: string; to: string },
  max: number,
): Promise<Communication[]> {
  const filter = toFilter(range);
  const items: Communication[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await repo.queryCommunications(deps.db, tenantId, filter, {
      limit: 100,
      oldestFirst: true,
      ...(startKey === undefined ? {} : { startKey }),
    });
    items.push(...page.items);
    startKey = page.lastKey;
    if (items.length > max)
      throw new AppError(
        'validation_failed',
        `This range holds more than ${max} messages. Choose a shorter range.`,
        {
          errors: [{ field: 'from', message: `the range holds more than ${max} messages` }],
        },
      );
  } while (startKey !== undefined);
  return items;
}

/**
 * Messages of a range for the timeline and the court report, newest first, at most `max`: a
 * longer range is cut (and says so) rather than refused, as the incidents beside them are.
 */
export async function listCommunicationsUpTo(
  deps: AppDeps,
  tenantId: string,
  range: { from?: string; to?: string },
  max: number,
): Promise<{ items: Communication[]; isTruncated: boolean }> {
  const filter = toFilter(range);
  const items: Communication[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await repo.queryCommunications(deps.db, tenantId, filter, {
      limit: Math.min(100, max + 1 - items.length),
      ...(startKey === undefined ? {} : { startKey }),
    });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey !== undefined && items.length <= max);
  return { items: items.slice(0, max), isTruncated: items.length > max };
}
