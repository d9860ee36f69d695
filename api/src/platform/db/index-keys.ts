/**
 * The keys of the secondary indexes (GSI1, GSI2): their partitions, sort keys and bounds. Part of
 * the key catalogue with keys.ts, which holds the table's own partition and sort keys.
 */
import { PLATFORM_PREFIX, assertSafeId, platformPk, tenantPk } from './keys.js';

/** The largest GSI1 sort key a `<at>#<id>` item can have: everything due at or before `at`. */
export function buildDueBound(at: string): string {
  return `${at}#~`;
}

const MEMBERSHIP_PREFIX = 'MEMBERSHIP#';
const OUTBOX_DUE_PREFIX = 'OUTBOXDUE#';
const SESSION_OF_USER_PREFIX = 'SESSION#';
/** The one GSI1 partition that lists deletion requests by when their purge is due. */
const DELETIONS_DUE_PARTITION = `${PLATFORM_PREFIX.deletion}DUE`;
/** The one GSI1 partition that lists licenses by the day their next renewal reminder is due. */
const CE_REMINDERS_DUE_PARTITION = 'CEREMINDERDUE';

function incidentsPartition(tenantId: string): string {
  return `${tenantPk(tenantId)}#INCIDENTS`;
}

/** GSI1 keys, and the partitions and prefixes their queries read. */
export const GSI1 = {
  /** A member item, listed under its user so a person can see their workspaces. */
  membership: (userId: string, tenantId: string) => ({
    GSI1PK: platformPk('user', userId),
    GSI1SK: `${MEMBERSHIP_PREFIX}${tenantId}`,
  }),
  membershipsOfUser: (userId: string) => ({ GSI1PK: platformPk('user', userId), prefix: MEMBERSHIP_PREFIX }),
  /** Incidents of a tenant ordered by when they happened. */
  incidentByOccurrence: (tenantId: string, occurredAtUtc: string, incidentId: string) => ({
    GSI1PK: incidentsPartition(tenantId),
    GSI1SK: `${occurredAtUtc}#${incidentId}`,
  }),
  incidentsOfTenant: (tenantId: string) => ({ GSI1PK: incidentsPartition(tenantId) }),
  /** Communications of a tenant ordered by when they were sent or received. */
  communicationByOccurrence: (tenantId: string, occurredAtUtc: string, communicationId: string) => ({
    GSI1PK: `${tenantPk(tenantId)}#COMMUNICATIONS`,
    GSI1SK: `${occurredAtUtc}#${communicationId}`,
  }),
  communicationsOfTenant: (tenantId: string) => ({ GSI1PK: `${tenantPk(tenantId)}#COMMUNICATIONS` }),
  /**
   * Outbox messages still to be handled, by when they are next due (sparse: removed once done).
   * One partition per queue: enough for transactional volume; a larger sender shards the queue.
   */
  outboxDue: (queue: string, dueAt: string, messagePk: string) => ({
    GSI1PK: `${OUTBOX_DUE_PREFIX}${queue}`,
    GSI1SK: `${dueAt}#${messagePk}`,
  }),
  outboxDueOfQueue: (queue: string) => ({ GSI1PK: `${OUTBOX_DUE_PREFIX}${queue}` }),
  /** A session, listed under its user so every session of a person can be ended at once. */
  sessionOfUser: (userId: string, sessionHash: string) => ({
    GSI1PK: platformPk('user', userId),
    GSI1SK: `${SESSION_OF_USER_PREFIX}${sessionHash}`,
  }),
  sessionsOfUser: (userId: string) => ({
    GSI1PK: platformPk('user', userId),
    prefix: SESSION_OF_USER_PREFIX,
  }),
  /** A deletion request, ordered by the time its purge is due. */
  deletionDue: (purgeAfter: string, userId: string) => ({
    GSI1PK: DELETIONS_DUE_PARTITION,
    GSI1SK: `${purgeAfter}#${userId}`,
  }),
  deletionsDue: () => ({ GSI1PK: DELETIONS_DUE_PARTITION }),
  /**
   * A person's practice card, in their own partition of due dates: "what is due" reads only the
   * due cards, however many cards the person has. Written with the card in its transaction.
   */
  practiceCardByDue: (tenantId: string, userId: string, due: string, exerciseId: string) => ({
    GSI1PK: practiceDuePartition(tenantId, userId),
    GSI1SK: `${due}#${exerciseId}`,
  }),
  practiceCardsByDueOfUser: (tenantId: string, userId: string) => ({
    GSI1PK: practiceDuePartition(tenantId, userId),
  }),
  /**
   * A license, listed by the day its next CE renewal reminder is due (`YYYY-MM-DD`), so the daily
   * run reads only the licenses with a reminder due. Sparse: on the license item while a reminder
   * of its current cycle is still ahead, moved by the license change or the reminder that moves it.
   */
  ceReminderDue: (dueOn: string, tenantId: string, licenseId: string) => {
    assertSafeId(tenantId, 'tenant id');
    assertSafeId(licenseId, 'license id');
    return { GSI1PK: CE_REMINDERS_DUE_PARTITION, GSI1SK: `${dueOn}#${tenantId}#${licenseId}` };
  },
  ceRemindersDue: () => ({ GSI1PK: CE_REMINDERS_DUE_PARTITION }),
} as const;

/** The parts of a `ceReminderDue` sort key (ids are safe ids, so `#` only separates them). */
export function parseCeReminderDue(
  sortKey: string,
): { dueOn: string; tenantId: string; licenseId: string } | undefined {
  const [dueOn, tenantId, licenseId, ...rest] = sortKey.split('#');
  if (dueOn === undefined || tenantId === undefined || licenseId === undefined || rest.length > 0)
    return undefined;
  return { dueOn, tenantId, licenseId };
}

/** The GSI1 partition of one person's practice cards in a workspace, sorted by due date. */
function practiceDuePartition(tenantId: string, userId: string): string {
  assertSafeId(userId, 'user id');
  return `${tenantPk(tenantId)}#PRACTICEDUE#${userId}`;
}

/** The GSI2 partition of every person's profile, by user id. */
const PEOPLE_PARTITION = 'PEOPLE';
/** The GSI2 partition of the people who turned the weekly resources email on, by user id. */
const WEEKLY_RESOURCES_PARTITION = 'CONSENT#weeklyResources';

/** GSI2 keys: sparse indexes of people, for jobs that reach every account or every consenting one. */
export const GSI2 = {
  /** Written on a person's profile item (and by the backfill on profiles made before the index). */
  person: (userId: string) => ({ GSI2PK: PEOPLE_PARTITION, GSI2SK: platformPk('user', userId) }),
  people: () => ({ GSI2PK: PEOPLE_PARTITION }),
  /**
   * Written on a person's email-preferences item while the weekly resources email is on, and
   * removed by the write that turns it off, so the weekly run reads only the people who want it.
   */
  weeklyResourcesConsent: (userId: string) => ({
    GSI2PK: WEEKLY_RESOURCES_PARTITION,
    GSI2SK: platformPk('user', userId),
  }),
  weeklyResourcesConsents: () => ({ GSI2PK: WEEKLY_RESOURCES_PARTITION }),
} as const;
