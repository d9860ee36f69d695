import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

const DAY_MS = 86_400_000;

describe('credentials: transcript per license cycle', () => {
  let t: TestApp;
  let owner: Session;
  let outsider: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
    outsider = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const post = async (path: string, payload: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/credentials/${path}`,
      headers: as(owner),
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

  it('lists the current cycle’s activities and totals as CSV and PDF; outsiders get 404; no known cycle is 409', async () => {
    const licenseId = await post('licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'T-1',
      issuedOn: day(-300),
      expiresOn: day(400),
    });
    await post('activities', {
      title: '=HYPERLINK("x") Law and ethics',
      provider: 'Provider A',
      completedOn: day(-10),
      hours: 6,
      format: 'live-online',
      topics: [{ topic: 'Law and ethics', hours: 6 }],
    });
    await post('activities', {
      title: 'Long ago',
      completedOn: '2001-01-01',
      hours: 3,
      format: 'self-study',
    });
    const base = `/v1/workspaces/${owner.workspaceId}/credentials/licenses/${licenseId}`;
    const csv = await t.app.inject({ method: 'GET', url: `${base}/transcript.csv`, headers: as(owner) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body).toContain('Provider A');
    expect(csv.body).not.toContain('Long ago');
    // A formula-looking title is neutralised for spreadsheets.
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).toMatch(/hours counted,6/);

    const pdf = await t.app.inject({ method: 'GET', url: `${base}/transcript.pdf`, headers: as(owner) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const theirs = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${outsider.workspaceId}/credentials/licenses/${licenseId}/transcript.csv`,
      headers: as(outsider),
    });
    expect(theirs.statusCode).toBe(404);

    const unknownCycle = await post('licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'T-2',
    });
    const refused = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/credentials/licenses/${unknownCycle}/transcript.pdf`,
      headers: as(owner),
    });
    expect(refused.statusCode).toBe(409);
  });
});
