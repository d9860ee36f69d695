import { createCommunication, listCommunications } from '@holdfast/api/modules/communications/service';
import { listIncidents } from '@holdfast/api/modules/journal/service';
import type { SeedDeps } from './demo.js';

type AuditActor = Parameters<typeof createCommunication>[2];
type MessageInput = Parameters<typeof createCommunication>[3];

/** A demo message: when (days back, wall time) and the incident tag it belongs beside, if any. */
type DemoMessage = Omit<MessageInput, 'occurredAt' | 'timeZone' | 'linkedIncidentIds'> & {
  daysAgo: number;
  time: string;
  linkedTag?: string;
};

/**
 * The messages the demo incidents speak of, so the communications log, the timeline and a
 * summary have both kinds of record: the weekend-swap texts and the three unanswered
 * winter-break messages (8:00 pm, 12:15 pm, 8:30 pm) that the newest incident records.
 */
const DEMO_MESSAGES: DemoMessage[] = [
  {
    daysAgo: 54,
    time: '21:40',
    channel: 'text',
    direction: 'received',
    counterpart: 'Sam Rivera',
    subject: '',
    content: 'Work trip came up. Can we swap the next two weekends? Need to know tonight.',
    linkedTag: 'text-messages',
  },
  {
    daysAgo: 53,
    time: '07:15',
    channel: 'text',
    direction: 'sent',
    counterpart: 'Sam Rivera',
    subject: '',
    content:
      'I can swap the first weekend. The second one is Maya’s recital on Saturday, so I would like to keep it. Could you take the weekend after instead?',
    linkedTag: 'text-messages',
  },
  {
    daysAgo: 9,
    time: '20:00',
    channel: 'app-message',
    direction: 'sent',
    counterpart: 'Sam Rivera',
    subject: 'Winter break',
    content:
      'Hi Sam, the plan asks us to confirm holiday time 30 days ahead. Can you confirm you have the children for the first half of winter break and I have them for the second half, as in section 7?',
    linkedTag: 'holidays',
  },
  {
    daysAgo: 7,
    time: '12:15',
    channel: 'app-message',
    direction: 'sent',
    counterpart: 'Sam Rivera',
    subject: 'Winter break',
    content: 'Following up on the winter break schedule. Please confirm by Friday so I can book the flights.',
    linkedTag: 'holidays',
  },
  {
    daysAgo: 6,
    time: '20:30',
    channel: 'app-message',
    direction: 'sent',
    counterpart: 'Sam Rivera',
    subject: 'Winter break',
    content:
      'Third message about winter break: first half with you, second half with me, as section 7 sets out. A yes or no is enough.',
    linkedTag: 'holidays',
  },
];

/** Seeds the demo messages when the log is empty; returns whether it wrote. */
export async function seedCommunications(
  deps: SeedDeps,
  workspaceId: string,
  actor: AuditActor,
  at: (daysAgo: number, time: string) => { occurredAt: string; timeZone: string },
): Promise<boolean> {
  if ((await listCommunications(deps, workspaceId, { limit: 1 })).items.length > 0) return false;
  const incidentByTag = new Map<string, string>();
  for (const tag of new Set(DEMO_MESSAGES.flatMap((message) => message.linkedTag ?? []))) {
    const incident = (await listIncidents(deps, workspaceId, { tag, limit: 1 })).items[0];
    if (incident !== undefined) incidentByTag.set(tag, incident.id);
  }
  for (const { daysAgo, time, linkedTag, ...message } of DEMO_MESSAGES) {
    const incidentId = linkedTag === undefined ? undefined : incidentByTag.get(linkedTag);
    await createCommunication(deps, workspaceId, actor, {
      ...message,
      ...at(daysAgo, time),
      linkedIncidentIds: incidentId === undefined ? [] : [incidentId],
    });
  }
  return true;
}
