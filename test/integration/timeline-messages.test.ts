import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  addProfessional,
  as,
  createTestApp,
  signIn,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { createdId, logMessage, recordIncident } from '../support/journal-fixtures.js';

type Day = {
  date: string;
  incidents: { id: string; location: string }[];
  communications: { id: string; content: string }[];
};
type Timeline = { days: Day[]; isTruncated: boolean };

// Kept byte for byte in the timeline and the report: odd spacing, capitals and a line break.
const RECEIVED = 'You are late AGAIN.  Typical.\nDo NOT bring him back early.';
const SENT = 'I will be at the school at 3:15 on Friday.';
const LOCATION = '12 Hidden Lane, Springfield';
const RANGE = 'from=2026-10-01T00:00:00Z&to=2026-10-31T23:59:59Z';

jest.setTimeout(90_000);

describe('messages on the timeline and in the court report', () => {
  let t: TestApp;
  let owner: Session;
  let ids: { incident: string; received: string; sent: string; november: string };

  const get = (session: Session, path: string) =>
    t.app.inject({ method: 'GET', url: `/v1/workspaces/${owner.workspaceId}${path}`, headers: as(session) });
  const reportText = async (session: Session) => {
    const response = await get(session, `/reports/incidents.pdf?${RANGE}`);
    expect(response.statusCode).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload));
    return (await extractText(pdf, { mergePages: true })).text;
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
    ids = {
      incident: createdId(
        await recordIncident(t.app, owner, { occurredAt: '2026-10-03T17:45:00-05:00', location: LOCATION }),
      ),
      // 23:30 in Chicago on the 3rd is the 4th in UTC: the day is the message's own.
      received: createdId(
        await logMessage(t.app, owner, { occurredAt: '2026-10-03T23:30:00-05:00', content: RECEIVED }),
      ),
      sent: createdId(
        await logMessage(t.app, owner, {
          occurredAt: '2026-10-01T09:00:00-05:00',
          direction: 'sent',
          channel: 'email',
          subject: 'Friday pickup',
          content: SENT,
        }),
      ),
      november: createdId(await logMessage(t.app, owner, { occurredAt: '2026-11-02T09:00:00-06:00' })),
    };
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('puts incidents and messages on one time axis, by the day in their own time zone, received messages verbatim', async () => {
    const response = await get(owner, `/timeline?${RANGE}`);
    expect(response.statusCode).toBe(200);
    const { days, isTruncated } = response.json<Timeline>();
    expect(isTruncated).toBe(false);
    expect(days.map((day) => day.date)).toEqual(['2026-10-03', '2026-10-01']);
    expect(days[0]?.incidents.map((i) => i.id)).toEqual([ids.incident]);
    expect(days[0]?.communications.map((c) => [c.id, c.content])).toEqual([[ids.received, RECEIVED]]);
    expect(days[1]).toMatchObject({ incidents: [], communications: [{ id: ids.sent, content: SENT }] });
    // The November message is outside the range.
    expect(response.body).not.toContain(ids.november);
  });

  it('shows one kind with `kind`, and refuses an unknown kind with 400 naming the field', async () => {
    const messagesOnly = (await get(owner, `/timeline?${RANGE}&kind=communications`)).json<Timeline>();
    expect(messagesOnly.days.flatMap((d) => d.incidents)).toEqual([]);
    expect(messagesOnly.days.flatMap((d) => d.communications.map((c) => c.id)).sort()).toEqual(
      [ids.received, ids.sent].sort(),
    );
    const incidentsOnly = (await get(owner, `/timeline?${RANGE}&kind=incidents`)).json<Timeline>();
    expect(incidentsOnly.days.map((d) => d.date)).toEqual(['2026-10-03']);
    expect(incidentsOnly.days.flatMap((d) => d.communications)).toEqual([]);
    const bad = await get(owner, `/timeline?kind=letters`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('kind');
  });

  it('P-SHARE-1 a professional given incidents only sees no message on the timeline or in the report; one given messages too sees them', async () => {
    const incidentsOnly = await addProfessional(t.app, owner, ['incidents']);
    const timeline = await get(incidentsOnly, `/timeline?${RANGE}`);
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json<Timeline>().days.flatMap((d) => d.communications)).toEqual([]);
    expect(timeline.body).not.toContain('Typical');
    const report = await reportText(incidentsOnly);
    expect(report).not.toContain('Typical');
    expect(report).not.toContain('Messages');

    const both = await addProfessional(t.app, owner, ['incidents', 'communications']);
    const shared = (await get(both, `/timeline?${RANGE}`)).json<Timeline>();
    expect(shared.days.flatMap((d) => d.communications.map((c) => c.id)).sort()).toEqual(
      [ids.received, ids.sent].sort(),
    );
  });

  it('prints the messages of the range after the incidents, oldest first, received ones verbatim with their notes', async () => {
    const noted = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/communications/${ids.received}/notes`,
      headers: as(owner),
      payload: { text: 'He was dropped off at 7pm as agreed.' },
    });
    expect(noted.statusCode).toBe(200);
    const text = await reportText(owner);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('2 message(s), oldest first');
    // The received message's words as written, capitals kept (PDF text reads back runs of spaces as one).
    expect(flat).toContain(RECEIVED.replace(/\s+/g, ' '));
    expect(flat).toContain('From Other parent');
    expect(flat).toContain('To Other parent');
    expect(flat).toContain('Subject: Friday pickup');
    expect(flat).toContain('He was dropped off at 7pm as agreed.');
    expect(flat.indexOf('Messages')).toBeGreaterThan(flat.indexOf('Pickup was 45 minutes late'));
    expect(flat.indexOf(SENT)).toBeLessThan(flat.indexOf('You are late AGAIN'));
    expect(flat).not.toContain(ids.november);
  });

  it('P-SAFE-1 in safety mode the report and timeline still withhold the incident location, with the messages beside it', async () => {
    const on = await t.app.inject({
      method: 'PUT',
      url: `/v1/workspaces/${owner.workspaceId}/safety-mode`,
      headers: as(owner),
      payload: { isOn: true },
    });
    expect(on.statusCode).toBe(200);
    const text = (await reportText(owner)).replace(/\s+/g, ' ');
    expect(text).toContain('You are late AGAIN');
    expect(text).not.toContain('Hidden Lane');
    const viewer = await addProfessional(t.app, owner, ['incidents', 'communications']);
    const timeline = await get(viewer, `/timeline?${RANGE}`);
    expect(timeline.body).toContain('Typical');
    expect(timeline.body).not.toContain('Hidden Lane');
  });
});
