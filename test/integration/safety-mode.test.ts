// Safety mode: addresses and locations, declared as such in the schemas, are withheld from every
// shared view, professional view, export, court report and email; owners still see them (P-SAFE-1).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { extractText, getDocumentProxy } from 'unpdf';
import {
  addMember,
  addProfessional,
  as,
  createTestApp,
  incidentBody,
  readMailbox,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { readZip } from '../support/zip.js';

const SECRET = '12 Hidden Lane, Springfield';
const WITHHELD = 'withheld (safety mode)';

type Incident = { id: string; location: string; narrative: string };

jest.setTimeout(90_000);

describe('safety mode', () => {
  let t: TestApp;
  let owner: Session;
  let member: Session;
  let attorney: Session;
  let incident: Incident;
  let dir: string;

  const base = () => `/v1/workspaces/${owner.workspaceId}`;
  const get = (session: Session, path: string) =>
    t.app.inject({ method: 'GET', url: `${base()}${path}`, headers: as(session) });
  const setSafetyMode = (session: Session, isOn: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: `${base()}/safety-mode`,
      headers: as(session),
      payload: { isOn },
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'holdfast-safety-'));
    t = await createTestApp();
    owner = await signIn(t.app, uniqueEmail('safe-owner'));
    member = await addMember(t.app, owner, 'member');
    attorney = await addProfessional(t.app, owner, ['incidents']);
    const created = await t.app.inject({
      method: 'POST',
      url: `${base()}/incidents`,
      headers: as(owner),
      payload: incidentBody({ location: SECRET, narrative: 'The exchange did not happen.' }),
    });
    incident = created.json<Incident>();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.app.close();
  });

  it('P-SAFE-1 the location field is declared as a location in the published schema (what new modules inherit)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    }>();
    expect(doc.components.schemas.Incident?.properties.location?.['x-holdfast-location']).toBe(true);
    expect(doc.components.schemas.Incident?.properties.narrative?.['x-holdfast-location']).toBeUndefined();
  });

  it('only those who manage the workspace turn it on, with a boolean (403, 400); the workspace says so', async () => {
    expect((await setSafetyMode(member, true)).statusCode).toBe(403);
    expect((await setSafetyMode(attorney, true)).statusCode).toBe(403);
    expect((await setSafetyMode(owner, 'yes')).statusCode).toBe(400);
    expect((await get(member, '')).json<{ safetyMode: boolean }>().safetyMode).toBe(false);
    // Off: a member sees the location as written (the control for what follows).
    expect((await get(member, `/incidents/${incident.id}`)).json<Incident>().location).toBe(SECRET);
    const on = await setSafetyMode(owner, true);
    expect(on.statusCode).toBe(200);
    expect(on.json<{ safetyMode: boolean }>().safetyMode).toBe(true);
  });

  it('P-SAFE-1 shared and professional views withhold the location; the owner still sees it', async () => {
    expect((await get(owner, `/incidents/${incident.id}`)).json<Incident>().location).toBe(SECRET);
    for (const session of [member, attorney]) {
      const one = (await get(session, `/incidents/${incident.id}`)).json<Incident>();
      expect(one.location).toBe(WITHHELD);
      expect(one.narrative).toBe('The exchange did not happen.');
      const list = await get(session, '/incidents');
      expect(list.body).not.toContain(SECRET);
      expect(list.json<{ items: Incident[] }>().items[0]?.location).toBe(WITHHELD);
      const timeline = await get(session, '/timeline');
      expect(timeline.statusCode).toBe(200);
      expect(timeline.body).not.toContain(SECRET);
      expect(timeline.body).toContain(WITHHELD);
    }
    // An edit by a member answers without it too, and leaves the stored location alone.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/incidents/${incident.id}`,
      headers: as(member),
      payload: { version: 1, narrative: 'The exchange did not happen; noted by a member.' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.body).not.toContain(SECRET);
    expect((await get(owner, `/incidents/${incident.id}`)).json<Incident>().location).toBe(SECRET);
  });

  it('P-SAFE-1 an edit that sends the placeholder back keeps the stored location', async () => {
    const shown = (await get(member, `/incidents/${incident.id}`)).json<Incident & { version: number }>();
    expect(shown.location).toBe(WITHHELD);
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/incidents/${incident.id}`,
      headers: as(member),
      payload: {
        version: shown.version,
        location: shown.location,
        narrative: 'The exchange did not happen; sent back whole.',
      },
    });
    expect(edited.statusCode).toBe(200);
    const stored = (await get(owner, `/incidents/${incident.id}`)).json<Incident>();
    expect(stored.location).toBe(SECRET);
    expect(stored.narrative).toBe('The exchange did not happen; sent back whole.');
  });

  it('P-SAFE-1 the court report withholds the location, for the owner as for a professional', async () => {
    for (const session of [owner, attorney]) {
      const response = await get(
        session,
        '/reports/incidents.pdf?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
      );
      expect(response.statusCode).toBe(200);
      const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload));
      const flat = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
      expect(flat).toContain('The exchange did not happen');
      expect(flat).toContain(WITHHELD);
      expect(flat).not.toContain('Hidden Lane');
    }
  });

  it('P-SAFE-1 the export withholds the location in JSON and CSV, the owner’s own export included', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(owner) });
    expect(started.statusCode).toBe(202);
    const id = started.json<{ id: string }>().id;
    let status = 'running';
    for (let i = 0; i < 200 && status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const polled = await t.app.inject({ method: 'GET', url: `/v1/me/exports/${id}`, headers: as(owner) });
      status = polled.json<{ status: string }>().status;
    }
    expect(status).toBe('ready');
    const download = await t.app.inject({
      method: 'GET',
      url: `/v1/me/exports/${id}/download`,
      headers: as(owner),
    });
    const zipPath = join(dir, 'export.zip');
    writeFileSync(zipPath, download.rawPayload);
    const entries = await readZip(zipPath);
    const incidentFiles = [...entries.keys()].filter(
      (name) => name.startsWith(`workspaces/`) && /\/incidents\.(json|csv)$/u.test(name),
    );
    expect(incidentFiles.length).toBeGreaterThanOrEqual(2);
    for (const name of incidentFiles) {
      const text = entries.get(name)?.toString('utf8') ?? '';
      if (!text.includes(incident.id)) continue;
      expect([name, text.includes(WITHHELD)]).toEqual([name, true]);
    }
    for (const [name, bytes] of entries) expect([name, bytes.includes(SECRET)]).toEqual([name, false]);
  });

  it('P-SAFE-1 no email sent to anyone of the workspace carries the location', async () => {
    // The invite, the export's notice and every other mail of this workspace's people.
    const mails = [
      ...(await readMailbox(owner.email)),
      ...(await readMailbox(member.email)),
      ...(await readMailbox(attorney.email)),
    ];
    expect(mails.length).toBeGreaterThanOrEqual(3);
    for (const mail of mails) {
      const text = `${mail.subject}\n${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
      expect([mail.subject, text.includes('Hidden Lane')]).toEqual([mail.subject, false]);
    }
  });

  it('P-SAFE-1 turned off again, members see the location once more', async () => {
    expect((await setSafetyMode(owner, false)).statusCode).toBe(200);
    expect((await get(member, `/incidents/${incident.id}`)).json<Incident>().location).toBe(SECRET);
    expect((await setSafetyMode(owner, true)).statusCode).toBe(200);
  });
});
