import { provisionUser } from '@holdfast/api/modules/identity/service';
import { createInvite, listInvites } from '@holdfast/api/modules/workspaces/invites';
import { listMyWorkspaces, renameWorkspace } from '@holdfast/api/modules/workspaces/service';
import { findUserIdByEmail, getUser } from '@holdfast/api/modules/identity/repo';
import { Readable } from 'node:stream';
import { createIncident, listIncidents } from '@holdfast/api/modules/journal/service';
import { incidentAttachable } from '@holdfast/api/modules/journal/attachable';
import { attachDocument, listTenantDocuments, uploadDocument } from '@holdfast/api/modules/vault/service';
import { CHECK_IN } from '@holdfast/api/modules/wellbeing/schema';
import { createRecord, listRecords, saveSafetyPlan } from '@holdfast/api/modules/wellbeing/service';
import { seedCommunications } from './demo-communications.js';
import { seedCredentials } from './demo-credentials.js';
import { seedPractice } from './demo-practice.js';

/** What the API's services are given (`app.deps`). */
export type SeedDeps = Parameters<typeof createIncident>[0];
type AuditActor = Parameters<typeof createIncident>[2];
type IncidentInput = Parameters<typeof createIncident>[3];

export const DEMO_EMAIL = 'demo@holdfast.local';
export const DEMO_DISPLAY_NAME = 'Jordan Demo';
export const DEMO_WORKSPACE_NAME = 'Parenting plan — Rivera family';
export const DEMO_INVITEE_EMAIL = 'attorney@holdfast.local';
const TIME_ZONE = 'America/Chicago';

/** When the demo person checks in, in their own zone: mornings, a lunch break, evenings, a late night. */
const CHECK_IN_TIMES = ['07:40', '21:15', '12:30', '22:05', '08:10', '19:45', '23:20', '13:05', '20:30'];

export type SeedResult = {
  /** True when this run wrote anything; false when the demo data was already complete. */
  isNew: boolean;
  userId: string;
  email: string;
  workspaceId: string;
  workspaceName: string;
  incidentCount: number;
  /** Whether an invite for the attorney exists (pending unless someone acted on it). */
  hasInvite: boolean;
};

/** `hh:mm` on the calendar day `daysAgo` days before `now` in `timeZone`, as ISO 8601 with that zone's offset. */
export function zonedIso(now: Date, daysAgo: number, time: string, timeZone: string = TIME_ZONE): string {
  const dayFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const date = dayFormat.format(new Date(now.getTime() - daysAgo * 86_400_000));
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    throw new Error(`bad date or time: ${date} ${time}`);
  }
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at that wall time; checked twice so a DST change between guesses settles.
  let offsetMinutes = zoneOffsetMinutes(new Date(wallAsUtc), timeZone);
  offsetMinutes = zoneOffsetMinutes(new Date(wallAsUtc - offsetMinutes * 60_000), timeZone);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (match === null) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? '0');
  return match[1] === '-' ? -minutes : minutes;
}

/** The weekday (0 Sunday .. 6 Saturday) of the calendar day `daysAgo` days before `now` in `timeZone`. */
function weekdayOf(now: Date, daysAgo: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(
    new Date(now.getTime() - daysAgo * 86_400_000),
  );
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name);
}

/**
 * `daysAgo`, moved back (up to six days) to the nearest day that is `weekday`, so a narrative that
 * says "the Friday exchange" falls on a Friday whatever day the seed runs.
 */
export function daysAgoOnWeekday(
  now: Date,
  daysAgo: number,
  weekday: number,
  timeZone: string = TIME_ZONE,
): number {
  return daysAgo + ((weekdayOf(now, daysAgo, timeZone) - weekday + 7) % 7);
}

const SUNDAY = 0;
const WEDNESDAY = 3;
const FRIDAY = 5;
/** Monday to Friday: school, the pediatrician's office and email reminders. */
const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * An incident `daysAgo` days back at `time`; `weekday`, when the narrative names or implies one,
 * moves it back to that day (a list: the nearest of them).
 */
type DemoIncident = Omit<IncidentInput, 'occurredAt' | 'timeZone'> & {
  daysAgo: number;
  time: string;
  weekday?: number | readonly number[];
};

/** The days back an incident is dated, on its weekday when it has one. */
function incidentDaysAgo(now: Date, incident: Pick<DemoIncident, 'daysAgo' | 'weekday'>): number {
  if (incident.weekday === undefined) return incident.daysAgo;
  const days = typeof incident.weekday === 'number' ? [incident.weekday] : incident.weekday;
  return Math.min(...days.map((day) => daysAgoOnWeekday(now, incident.daysAgo, day)));
}

const CO_PARENT = 'Sam Rivera';
const EXCHANGE_POINT = 'Exchange point: Walgreens parking lot, Harlem Ave & North Ave';

/** A realistic two months of a co-parenting log, oldest first. */
const DEMO_INCIDENTS: DemoIncident[] = [
  {
    daysAgo: 58,
    weekday: FRIDAY,
    time: '17:45',
    category: 'late-pickup',
    location: EXCHANGE_POINT,
    peopleInvolved: [CO_PARENT],
    childrenPresent: ['Maya', 'Leo'],
    narrative:
      'The parenting plan sets the Friday exchange at 5:00 pm. I arrived at 4:55 pm with Maya and Leo. Sam arrived at 5:45 pm. ' +
      'No message was sent before 5:20 pm, when Sam texted "running behind". The children waited in the car; Leo asked twice when Sam was coming.',
    tags: ['exchange', 'late', 'weekend'],
    followUpNeeded: false,
  },
  {
    daysAgo: 54,
    time: '21:40',
    category: 'communication',
    location: 'Text messages',
    peopleInvolved: [CO_PARENT],
    narrative:
      'At 9:40 pm Sam texted asking to swap the next two weekends because of a work trip. I replied the next morning at 7:15 am ' +
      'that I could swap the first weekend but not the second (Maya has a birthday party). Sam answered "fine, whatever". Screenshots saved.',
    tags: ['schedule', 'text-messages'],
    followUpNeeded: false,
  },
  {
    daysAgo: 49,
    weekday: SUNDAY,
    time: '18:00',
    category: 'missed-exchange',
    location: EXCHANGE_POINT,
    peopleInvolved: [CO_PARENT],
    childrenPresent: ['Maya', 'Leo'],
    narrative:
      'Sunday return exchange scheduled for 6:00 pm. I waited with the children until 6:45 pm; Sam did not arrive. I called at 6:10 pm and 6:30 pm ' +
      '(no answer) and texted at 6:15 pm. At 8:10 pm Sam texted "forgot, my bad, keep them". My mother was with us in the car the whole time.',
    witnesses: ['Rosa Martinez (maternal grandmother)'],
    tags: ['exchange', 'no-show'],
    followUpNeeded: true,
  },
  {
    daysAgo: 44,
    weekday: WEEKDAYS,
    time: '11:05',
    category: 'medical',
    location: 'Oak Park Pediatrics, Dr. Anita Patel',
    peopleInvolved: ['Dr. Anita Patel'],
    childrenPresent: ['Leo'],
    narrative:
      'Took Leo to his pediatrician for ear pain and a fever of 101.8°F. Diagnosis: left ear infection; prescribed amoxicillin for 10 days. ' +
      'I messaged Sam at 11:40 am with the diagnosis, dosage schedule and a photo of the label. Sam read the message but did not reply until two days later.',
    witnesses: ['Dr. Anita Patel'],
    tags: ['medical', 'medication', 'notice-given'],
    followUpNeeded: false,
  },
  {
    daysAgo: 38,
    weekday: WEEKDAYS,
    time: '15:30',
    category: 'school',
    location: 'Lincoln Elementary School, room 114',
    peopleInvolved: [CO_PARENT, 'Ms. Grace Okafor (3rd grade teacher)'],
    childrenPresent: [],
    narrative:
      "Parent-teacher conference for Maya with Ms. Okafor. Sam joined by phone at 3:42 pm for about ten minutes. Ms. Okafor said Maya's reading is " +
      'on track but homework is often missing after weekends. We agreed on a shared reading log that travels in her backpack. I said I would send Sam a copy of the plan.',
    witnesses: ['Ms. Grace Okafor'],
    tags: ['school', 'conference', 'homework'],
    followUpNeeded: true,
  },
  {
    daysAgo: 35,
    weekday: WEDNESDAY,
    time: '15:50',
    category: 'late-pickup',
    location: 'Lincoln Elementary School, front office',
    peopleInvolved: [CO_PARENT, 'Ms. Lucia Alvarez (front office)'],
    childrenPresent: ['Maya', 'Leo'],
    narrative:
      "Wednesday was Sam's pickup day (school ends at 3:05 pm). The front office called me at 3:50 pm because nobody had come. Ms. Alvarez stayed " +
      'with Maya and Leo in the office. I picked them up at 4:25 pm. Sam texted at 5:10 pm that the pickup "slipped my mind".',
    witnesses: ['Ms. Lucia Alvarez'],
    tags: ['school', 'pickup', 'late'],
    followUpNeeded: false,
  },
  {
    daysAgo: 30,
    time: '19:20',
    category: 'communication',
    location: 'Phone call during the drive home',
    peopleInvolved: [CO_PARENT],
    childrenPresent: ['Maya', 'Leo'],
    narrative:
      'Sam called while I was driving the children home, on speaker because I was driving. Sam raised their voice about the swapped weekend and ' +
      'used profanity. I said I would not discuss it in front of the children and ended the call after about one minute. Maya asked why Sam was yelling.',
    tags: ['phone-call', 'tone', 'children-present'],
    followUpNeeded: false,
  },
  {
    daysAgo: 26,
    time: '10:00',
    category: 'schedule-change',
    location: 'Co-parenting app messages',
    peopleInvolved: [CO_PARENT],
    childrenPresent: [],
    narrative:
      "Sam asked in writing to keep the children one extra night for a cousin's birthday. I agreed in writing the same morning. " +
      'The children were returned the next day at 6:00 pm as agreed, on time, with their school bags.',
    tags: ['schedule', 'agreed', 'on-time'],
    followUpNeeded: false,
  },
  {
    daysAgo: 21,
    weekday: WEEKDAYS,
    time: '09:15',
    category: 'financial',
    location: 'Email',
    peopleInvolved: [CO_PARENT],
    childrenPresent: [],
    narrative:
      "Third reminder about Sam's half of Leo's soccer registration ($140 of $280), first requested with the receipt 24 days ago. " +
      'The parenting plan splits extracurricular costs equally. No payment and no reply so far.',
    tags: ['expenses', 'soccer', 'reimbursement'],
    followUpNeeded: true,
  },
  {
    daysAgo: 17,
    weekday: FRIDAY,
    time: '17:22',
    category: 'late-pickup',
    location: EXCHANGE_POINT,
    peopleInvolved: [CO_PARENT],
    childrenPresent: ['Maya', 'Leo'],
    narrative:
      'Sam texted at 4:40 pm that traffic on I-290 would make them about 20 minutes late, and arrived at 5:22 pm. The exchange itself was calm. ' +
      'Noting it because advance notice was given this time.',
    tags: ['exchange', 'late', 'notice-given'],
    followUpNeeded: false,
  },
  {
    daysAgo: 11,
    weekday: SUNDAY,
    time: '18:05',
    category: 'medical',
    location: EXCHANGE_POINT,
    peopleInvolved: [CO_PARENT],
    childrenPresent: ['Maya', 'Leo'],
    narrative:
      "Leo came back from Sam's without his rescue inhaler, which is supposed to travel with him. I texted Sam at 6:10 pm; Sam dropped it off at " +
      'my door at 8:30 pm. Leo did not need it in the meantime. My neighbor saw the drop-off.',
    witnesses: ['Pat Nguyen (neighbor)'],
    tags: ['medication', 'exchange', 'inhaler'],
    followUpNeeded: false,
  },
  {
    daysAgo: 6,
    time: '20:30',
    category: 'communication',
    location: 'Co-parenting app messages',
    peopleInvolved: [CO_PARENT],
    childrenPresent: [],
    narrative:
      'No reply to three messages over four days (sent at 8:00 pm, 12:15 pm and 8:30 pm) asking Sam to confirm the winter break schedule. ' +
      'The parenting plan asks both parents to confirm holiday time 30 days ahead. The app shows all three messages as read.',
    tags: ['holidays', 'no-response', 'schedule'],
    followUpNeeded: true,
  },
];

const PLAN_EXCERPT = [
  'Parenting plan (excerpt), section 7: holidays',
  '',
  '7.1 Winter break alternates each year; the parent with the first half hands over at 2 pm on December 26.',
  '7.2 Each parent confirms their holiday time in writing at least 30 days ahead.',
  '7.3 Medication and school items travel with the children at every exchange.',
  '',
].join('\n');

/** A document in the vault, attached to the incident about the holiday schedule. */
async function seedDocument(deps: SeedDeps, workspaceId: string, actor: AuditActor): Promise<boolean> {
  if ((await listTenantDocuments(deps, workspaceId)).length > 0) return false;
  const bytes = Buffer.from(PLAN_EXCERPT, 'utf8');
  const { document } = await uploadDocument(
    deps,
    workspaceId,
    actor,
    {
      filename: 'parenting-plan-holidays.txt',
      title: 'Parenting plan: holiday clause',
      category: 'court-order',
      tags: ['holidays', 'parenting-plan'],
    },
    Readable.from([bytes]),
    bytes.length,
  );
  const holidays = (await listIncidents(deps, workspaceId, { tag: 'holidays', limit: 1 })).items[0];
  if (holidays !== undefined) {
    await attachDocument(deps, { incident: incidentAttachable(deps) }, workspaceId, actor, {
      recordType: 'incident',
      recordId: holidays.id,
      documentId: document.id,
    });
  }
  return true;
}

async function countIncidents(deps: SeedDeps, tenantId: string, deleted: boolean): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await listIncidents(deps, tenantId, {
      limit: 100,
      deleted,
      ...(cursor === undefined ? {} : { cursor }),
    });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return count;
}

/**
 * Seeds the demo account: `demo@holdfast.local` ("Jordan Demo", age confirmed) whose workspace,
 * "Parenting plan — Rivera family", holds about two months of incidents, a pending viewer
 * invite for `attorney@holdfast.local`, a parenting-plan excerpt attached to an incident, and five weeks of
 * practice with two assessments. Everything goes through
 * the services, so the audit chain records it. Idempotent: each part is written only when it is
 * missing, so a second run writes nothing and a run interrupted half-way is completed.
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedResult> {
  let isNew = false;
  const existingId = await findUserIdByEmail(deps.db, DEMO_EMAIL);
  let user = existingId === undefined ? undefined : await getUser(deps.db, existingId);
  if (user === undefined) {
    user = await provisionUser(deps, {
      email: DEMO_EMAIL,
      displayName: DEMO_DISPLAY_NAME,
      ageConfirmedAt: deps.now().toISOString(),
    });
    isNew = true;
  }
  // Everything is written as the demo person, so the audit log a newcomer opens names them, as it
  // would had they typed it themselves.
  const demoActor: AuditActor = { type: 'user', id: user.id, label: user.email };

  const workspaces = await listMyWorkspaces(deps, user.id);
  let workspaceId = workspaces.find((w) => w.name === DEMO_WORKSPACE_NAME)?.id;
  if (workspaceId === undefined) {
    // The personal workspace made at sign-up becomes the demo one, so the demo user lands on
    // the incidents (a second workspace would sort after the empty personal one).
    const personal = workspaces[0];
    if (personal === undefined) throw new Error('the demo user has no workspace');
    workspaceId = (await renameWorkspace(deps, personal.id, demoActor, 'owner', DEMO_WORKSPACE_NAME)).id;
    isNew = true;
  }

  let incidentCount = await countIncidents(deps, workspaceId, false);
  if (incidentCount === 0 && (await countIncidents(deps, workspaceId, true)) === 0) {
    const now = deps.now();
    for (const { daysAgo, weekday, time, ...fields } of DEMO_INCIDENTS) {
      await createIncident(deps, workspaceId, demoActor, {
        ...fields,
        occurredAt: zonedIso(now, incidentDaysAgo(now, { daysAgo, weekday }), time),
        timeZone: TIME_ZONE,
      });
    }
    incidentCount = DEMO_INCIDENTS.length;
    isNew = true;
  }

  // The demo person invites their attorney, so the invite names them.
  let hasInvite = (await listInvites(deps, workspaceId)).some(
    (invite) => invite.email === DEMO_INVITEE_EMAIL,
  );
  if (!hasInvite) {
    await createInvite(deps, workspaceId, demoActor, 'owner', { email: DEMO_INVITEE_EMAIL, role: 'viewer' });
    hasInvite = true;
    isNew = true;
  }

  if (await seedDocument(deps, workspaceId, demoActor)) isNew = true;
  // The messages the incidents speak of, linked to them, for the log, the timeline and summaries.
  const at = (daysAgo: number, time: string) => ({
    occurredAt: zonedIso(deps.now(), daysAgo, time),
    timeZone: TIME_ZONE,
  });
  if (await seedCommunications(deps, workspaceId, demoActor, at)) isNew = true;
  // The demo person is also a clinician licensed in two states (credentials and CE).
  if (await seedCredentials(deps, workspaceId, demoActor)) isNew = true;
  // The demo person's own wellbeing data (private to them): eight weeks of check-ins and a plan.
  const caller = { tenantId: workspaceId, userId: user.id, actor: demoActor };
  const existingCheckIns = await listRecords(deps, caller, CHECK_IN, { limit: 1 });
  if (existingCheckIns.items.length === 0) {
    const now = deps.now();
    for (let daysAgo = 56; daysAgo >= 1; daysAgo -= 1) {
      if (daysAgo % 3 === 2) continue;
      const wave = Math.sin(daysAgo / 6);
      await createRecord(deps, caller, CHECK_IN, {
        occurredAt: zonedIso(now, daysAgo, CHECK_IN_TIMES[daysAgo % CHECK_IN_TIMES.length] ?? '21:00'),
        mood: Math.round(6 + 2.5 * wave),
        anxiety: Math.round(5 - 2.5 * wave),
        sleepHours: Math.round((7 + wave) * 2) / 2,
        symptoms: wave < 0 ? ['worry', 'trouble sleeping'] : [],
        triggers: daysAgo % 7 === 0 ? ['exchange day'] : [],
        notes: '',
      });
    }
    await saveSafetyPlan(deps, caller, {
      warningSigns: 'Not sleeping; skipping meals; replaying arguments.',
      copingStrategies: 'Walk the dog; breathing exercise; music.',
      peopleAndPlaces: 'The library; coffee with Dana.',
      peopleToAsk: 'Dana (sister); Alex (friend).',
      professionals: 'My counselor; 988 Suicide & Crisis Lifeline (call or text 988 in the US).',
      safeEnvironment: 'Medication kept by Dana.',
      reasonsForLiving: 'My kids; the garden.',
    });
    isNew = true;
  }
  // Five weeks of practice, so the progress charts and the recommendations have something to show.
  if (await seedPractice(deps, caller)) isNew = true;

  return {
    isNew,
    userId: user.id,
    email: user.email,
    workspaceId,
    workspaceName: DEMO_WORKSPACE_NAME,
    incidentCount,
    hasInvite,
  };
}
