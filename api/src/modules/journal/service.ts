import { commitWithAudit } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { canonicalJson } from '../../platform/audit/audit-chain.js';
import { createId } from '../../platform/db/ids.js';
import { explainFailedCondition, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { assertTimeZone } from '../../platform/time-zone.js';
import * as repo from './repo.js';
import type { JournalMessage, MessageSources } from './messages.js';
import type { Incident, IncidentInput, IncidentListQuery, IncidentPatch, TimelineQuery } from './schema.js';

const TIMELINE_MAX = 500;

function cleanList(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))];
}

/** Records an incident; the audit entry names the record, never its content (P-AUD-1). */
export async function createIncident(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: IncidentInput,
): Promise<Incident> {
  assertTimeZone(input.timeZone);
  const now = deps.now().toISOString();
  const incident: Incident = {
    id: createId(),
    occurredAt: input.occurredAt,
    timeZone: input.timeZone,
    category: input.category,
    location: (input.location ?? '').trim(),
    peopleInvolved: cleanList(input.peopleInvolved),
    childrenPresent: cleanList(input.childrenPresent),
    narrative: input.narrative,
    witnesses: cleanList(input.witnesses),
    tags: cleanList(input.tags).map((t) => t.toLowerCase()),
    followUpNeeded: input.followUpNeeded ?? false,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.id,
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutIncident(deps.db, tenantId, incident)],
    {
      actor,
      action: 'incident.created',
      target: { type: 'incident', id: incident.id },
      details: { category: incident.category },
    },
    deps.now,
  );
  return incident;
}

export async function getIncident(deps: AppDeps, tenantId: string, incidentId: string): Promise<Incident> {
  const incident = await repo.getIncident(deps.db, tenantId, incidentId);
  if (incident === undefined) throw new AppError('not_found');
  return incident;
}

/** Why a conditional write on an incident failed, read from its current state. */
async function explainFailedWrite(
  deps: AppDeps,
  tenantId: string,
  incidentId: string,
  expectDeleted: boolean,
): Promise<AppError> {
  const current = await repo.getIncident(deps.db, tenantId, incidentId);
  return explainFailedCondition(current, 'incident', expectDeleted);
}

/** Corrects any fields of an incident; a stale `version` answers 409 with the current one. */
export async function updateIncident(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  incidentId: string,
  patch: IncidentPatch,
): Promise<Incident> {
  const { version, ...fields } = patch;
  if (fields.timeZone !== undefined) assertTimeZone(fields.timeZone);
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (field === 'peopleInvolved' || field === 'childrenPresent' || field === 'witnesses')
      changes[field] = cleanList(value as string[]);
    else if (field === 'tags') changes[field] = cleanList(value as string[]).map((t) => t.toLowerCase());
    else if (field === 'location') changes[field] = (value as string).trim();
    else changes[field] = value;
  }
  const changedFields = Object.keys(changes);
  if (changedFields.length === 0) {
    throw new AppError('validation_failed', 'Nothing to change: send at least one field besides version.');
  }
  const now = deps.now().toISOString();
  changes.updatedAt = now;
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildUpdateIncident(deps.db, tenantId, incidentId, changes, { version, isDeleted: false })],
        {
          actor,
          action: 'incident.updated',
          target: { type: 'incident', id: incidentId },
          details: { fields: changedFields, fromVersion: version },
        },
        deps.now,
      ),
    () => explainFailedWrite(deps, tenantId, incidentId, false),
  );
  return getIncident(deps, tenantId, incidentId);
}

/** Soft delete: hidden from lists and the timeline, restorable, kept in the audit trail. */
export async function deleteIncident(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  incidentId: string,
): Promise<void> {
  const current = await getIncident(deps, tenantId, incidentId);
  if (current.deletedAt !== undefined) return;
  const now = deps.now().toISOString();
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [
          repo.buildUpdateIncident(
            deps.db,
            tenantId,
            incidentId,
            { deletedAt: now, updatedAt: now },
            { version: current.version, isDeleted: false },
          ),
        ],
        {
          actor,
          action: 'incident.deleted',
          target: { type: 'incident', id: incidentId },
          details: { fromVersion: current.version },
        },
        deps.now,
      ),
    () => explainFailedWrite(deps, tenantId, incidentId, false),
  );
}

export async function restoreIncident(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  incidentId: string,
): Promise<Incident> {
  const current = await getIncident(deps, tenantId, incidentId);
  if (current.deletedAt === undefined) return current;
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [
          repo.buildUpdateIncident(
            deps.db,
            tenantId,
            incidentId,
            { updatedAt: deps.now().toISOString() },
            { version: current.version, isDeleted: true },
            ['deletedAt'],
          ),
        ],
        {
          actor,
          action: 'incident.restored',
          target: { type: 'incident', id: incidentId },
          details: { fromVersion: current.version },
        },
        deps.now,
      ),
    () => explainFailedWrite(deps, tenantId, incidentId, true),
  );
  return getIncident(deps, tenantId, incidentId);
}

function toFilter(query: {
  from?: string;
  to?: string;
  category?: string;
  child?: string;
  tag?: string;
  deleted?: boolean;
}): repo.IncidentFilter {
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
    throw new AppError('validation_failed', '"from" must be before "to".', {
      errors: [{ field: 'from', message: 'must be before "to"' }],
    });
  }
  return {
    ...(query.from === undefined ? {} : { fromUtc: repo.toUtc(query.from) }),
    ...(query.to === undefined ? {} : { toUtc: repo.toUtc(query.to) }),
    ...(query.category === undefined ? {} : { category: query.category }),
    ...(query.child === undefined || query.child.trim() === '' ? {} : { child: query.child.trim() }),
    ...(query.tag === undefined || query.tag.trim() === '' ? {} : { tag: query.tag.trim().toLowerCase() }),
    isDeleted: query.deleted === true,
  };
}

/** Lists incidents with filters and an opaque cursor bound to this tenant and these filters. */
export async function listIncidents(
  deps: AppDeps,
  tenantId: string,
  query: IncidentListQuery,
): Promise<{ items: Incident[]; nextCursor?: string }> {
  const filter = toFilter(query);
  const queryKey = `incidents:${canonicalJson(filter)}`;
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.queryIncidents(deps.db, tenantId, filter, {
    limit: query.limit ?? 25,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/**
 * Live incidents that happened in a range, oldest first, for a report. Refuses a range holding
 * more than `max`, so a report stays a size a court can read and the server can render.
 */
export async function listIncidentsForReport(
  deps: AppDeps,
  tenantId: string,
  range: { from?: string; to?: string },
  max: number,
): Promise<Incident[]> {
  const filter = toFilter(range);
  const incidents: Incident[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await repo.queryIncidents(deps.db, tenantId, filter, {
      limit: 200,
      ...(startKey === undefined ? {} : { startKey }),
    });
    incidents.push(...page.items);
    startKey = page.lastKey;
    if (incidents.length > max)
      throw new AppError(
        'validation_failed',
        `This range holds more than ${max} incidents. Choose a shorter range.`,
        {
          errors: [{ field: 'from', message: `the range holds more than ${max} incidents` }],
        },
      );
  } while (startKey !== undefined);
  return incidents.reverse();
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * Where the timeline reads messages from, handed in when the app registers the journal's routes:
 * the communications module reads the journal (summaries cite incidents), so the journal does not
 * import it back.
 */
export type TimelineSources = Pick<MessageSources, 'listMessages'>;

type TimelineDay = { date: string; incidents: Incident[]; communications: JournalMessage[] };

async function listTimelineIncidents(
  deps: AppDeps,
  tenantId: string,
  range: { from?: string; to?: string },
): Promise<{ items: Incident[]; isTruncated: boolean }> {
  const filter = toFilter(range);
  const incidents: Incident[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await repo.queryIncidents(deps.db, tenantId, filter, {
      limit: 100,
      ...(startKey === undefined ? {} : { startKey }),
    });
    incidents.push(...page.items);
    startKey = page.lastKey;
  } while (startKey !== undefined && incidents.length < TIMELINE_MAX);
  return {
    items: incidents.slice(0, TIMELINE_MAX),
    isTruncated: incidents.length > TIMELINE_MAX || startKey !== undefined,
  };
}

/**
 * Live incidents and logged messages of a range on one time axis, grouped by the day they happened
 * in their own time zone, newest day first, each day oldest first. `messages` is left out for a
 * caller who may not read messages (a professional shown incidents only), and `kind` keeps one.
 */
export async function getTimeline(
  deps: AppDeps,
  tenantId: string,
  query: TimelineQuery,
  messages: TimelineSources | undefined,
): Promise<{ days: TimelineDay[]; isTruncated: boolean }> {
  const range = {
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  };
  const none = { items: [], isTruncated: false };
  const [incidents, communications] = await Promise.all([
    query.kind === 'communications' ? none : listTimelineIncidents(deps, tenantId, range),
    query.kind === 'incidents' || messages === undefined
      ? none
      : messages.listMessages(deps, tenantId, range, TIMELINE_MAX),
  ]);
  const byDay = new Map<string, TimelineDay>();
  const dayOf = (date: string): TimelineDay => {
    const day = byDay.get(date) ?? { date, incidents: [], communications: [] };
    byDay.set(date, day);
    return day;
  };
  for (const incident of incidents.items)
    dayOf(localDate(incident.occurredAt, incident.timeZone)).incidents.push(incident);
  for (const message of communications.items)
    dayOf(localDate(message.occurredAt, message.timeZone)).communications.push(message);
  const oldestFirst = (a: { occurredAt: string }, b: { occurredAt: string }) =>
    Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  const days = [...byDay.values()]
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .map((day) => ({
      date: day.date,
      incidents: day.incidents.sort(oldestFirst),
      communications: day.communications.sort(oldestFirst),
    }));
  return { days, isTruncated: incidents.isTruncated || communications.isTruncated };
}
