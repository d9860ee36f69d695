import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeAiProviders } from '../support/ai-providers.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';
import { logMessage, recordIncident } from '../support/journal-fixtures.js';
import { readZip } from '../support/zip.js';

type Citation = { recordType: 'incident' | 'communication'; recordId: string };
type Sentence = { text: string; citations: Citation[] };
type Suggestion = {
  from: string;
  to: string;
  sentences: Sentence[];
  unsupported: { text: string; reason: string }[];
  sourceCounts: { incidents: number; communications: number };
  promptVersion: string;
  aiProvider: string;
  model: string;
};
type Summary = Suggestion & { id: string; isAiAssisted: boolean; reviewedBy: string; version: number };
type Problem = { status: number; code: string; detail?: string; errors?: { field: string }[] };

const OCTOBER = { from: '2026-10-01T00:00:00-05:00', to: '2026-10-31T23:59:59-05:00' };
const NARRATIVE = 'Pickup was 45 minutes late at the school gate; no message was sent.';
const MESSAGE = 'Running late, traffic on the bridge.';
const WORKSPACE_NAME = 'Zebra Household 7431';

describe('AI summaries of a period (real SDKs against a local provider server)', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({ env: fake.env({ OPENAI_MODEL: 'gpt-test-mini' }) });
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  /** A person with one incident and one received message in October, and one incident in November. */
  async function seeded() {
    const owner = await signIn(t.app);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/v1/workspaces/${owner.workspaceId}`,
      headers: as(owner),
      payload: { name: WORKSPACE_NAME },
    });
    expect(renamed.statusCode).toBe(200);
    const incident = await recordIncident(t.app, owner, { narrative: NARRATIVE });
    const message = await logMessage(t.app, owner, { content: MESSAGE });
    const later = await recordIncident(t.app, owner, { occurredAt: '2026-11-12T09:00:00-06:00' });
    return {
      owner,
      incidentId: incident.json<{ id: string }>().id,
      messageId: message.json<{ id: string }>().id,
      laterId: later.json<{ id: string }>().id,
    };
  }

  const suggest = (session: Session, body: Record<string, unknown> = OCTOBER) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/summaries/suggest`,
      headers: as(session),
      payload: body,
    });

  const save = (session: Session, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/summaries`,
      headers: as(session),
      payload: body,
    });

  it('P-AI-1 sends only what a summary needs, under short references: no ids, names of members, emails or workspace name', async () => {
    const { owner, incidentId, messageId, laterId } = await seeded();
    fake.replies.push({
      kind: 'json',
      value: { sentences: [{ text: 'Pickup was 45 minutes late.', refs: ['I1'] }] },
    });
    const reply = await suggest(owner);
    expect(reply.statusCode).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.body).toMatchObject({ store: false, model: 'gpt-test-mini' });
    const input = JSON.parse(String(sent?.body.input)) as { records: Record<string, unknown>[] };
    expect(input.records).toEqual([
      {
        ref: 'M1',
        kind: 'message',
        at: '2026-10-03T17:30:00-05:00',
        channel: 'text',
        direction: 'received',
        counterpart: 'Other parent',
        text: MESSAGE,
      },
      {
        ref: 'I1',
        kind: 'incident',
        at: '2026-10-03T17:45:00-05:00',
        category: 'late-pickup',
        text: NARRATIVE,
      },
    ]);
    for (const identifying of [
      owner.email,
      owner.userId,
      owner.workspaceId,
      WORKSPACE_NAME,
      incidentId,
      messageId,
      laterId,
    ])
      expect(sent?.raw).not.toContain(identifying);
    // Fields the summary does not need stay home: children, witnesses, location, tags.
    expect(sent?.raw).not.toMatch(/Maya|Front desk|School parking lot|createdBy|"user"|metadata/);
    // Record content never reaches a log line (P-LOG-1).
    expect(t.logs.join('\n')).not.toContain('school gate');
  });

  it('keeps only sentences whose citations are records that were sent, and lists the others as unsupported', async () => {
    const { owner, incidentId, messageId } = await seeded();
    fake.replies.push({
      kind: 'json',
      value: {
        sentences: [
          { text: 'On 3 October the other parent wrote they were running late.', refs: ['M1'] },
          { text: 'Pickup was 45 minutes late that day.', refs: ['I1', 'M1'] },
          { text: 'The other parent is unreliable.', refs: [] },
          { text: 'A second late pickup happened on 12 November.', refs: ['I2'] },
        ],
      },
    });
    const reply = await suggest(owner);
    expect(reply.statusCode).toBe(200);
    const suggestion = reply.json<Suggestion>();
    expect(suggestion.sentences).toEqual([
      {
        text: 'On 3 October the other parent wrote they were running late.',
        citations: [{ recordType: 'communication', recordId: messageId }],
      },
      {
        text: 'Pickup was 45 minutes late that day.',
        citations: [
          { recordType: 'incident', recordId: incidentId },
          { recordType: 'communication', recordId: messageId },
        ],
      },
    ]);
    expect(suggestion.unsupported).toEqual([
      { text: 'The other parent is unreliable.', reason: 'cites no record' },
      {
        text: 'A second late pickup happened on 12 November.',
        reason: 'cites a record that is not in this period',
      },
    ]);
    expect(suggestion).toMatchObject({
      sourceCounts: { incidents: 1, communications: 1 },
      promptVersion: 'summary-cited-v1',
      aiProvider: 'openai',
      model: 'gpt-test-mini',
    });
  });

  it('asks once more when no sentence rests on a record, then answers 502 ai_bad_output', async () => {
    const { owner } = await seeded();
    const unsupported = {
      kind: 'json' as const,
      value: { sentences: [{ text: 'Things happened.', refs: ['Z9'] }] },
    };
    fake.replies.push(unsupported, unsupported);
    const reply = await suggest(owner);
    expect(reply.statusCode).toBe(502);
    expect(reply.json<Problem>().code).toBe('ai_bad_output');
    expect(fake.requests).toHaveLength(2);
    expect(reply.body).not.toContain('Things happened');
  });

  it('P-AI-2 a suggestion changes nothing; the person saves it, marked AI-assisted and reviewed by them, with its prompt version', async () => {
    const { owner, incidentId, messageId, laterId } = await seeded();
    const audit = () =>
      t.app.inject({ method: 'GET', url: `/v1/workspaces/${owner.workspaceId}/audit`, headers: as(owner) });
    const list = () =>
      t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${owner.workspaceId}/summaries`,
        headers: as(owner),
      });
    const auditBefore = (await audit()).json<unknown>();
    fake.replies.push({ kind: 'json', value: { sentences: [{ text: 'Pickup was late.', refs: ['I1'] }] } });
    const suggestion = (await suggest(owner)).json<Suggestion>();
    expect((await audit()).json<unknown>()).toEqual(auditBefore);
    expect((await list()).json<{ items: unknown[] }>().items).toEqual([]);

    // The person edits a sentence and adds a citation before saving.
    const edited = {
      from: suggestion.from,
      to: suggestion.to,
      sentences: [
        {
          text: 'Pickup on 3 October was 45 minutes late.',
          citations: [
            { recordType: 'incident', recordId: incidentId },
            { recordType: 'communication', recordId: messageId },
          ],
        },
      ],
      promptVersion: suggestion.promptVersion,
      aiProvider: suggestion.aiProvider,
      model: suggestion.model,
    };
    const saved = await save(owner, edited);
    expect(saved.statusCode).toBe(201);
    const summary = saved.json<Summary>();
    expect(summary).toMatchObject({
      ...edited,
      isAiAssisted: true,
      reviewedBy: owner.userId,
      promptVersion: 'summary-cited-v1',
      version: 1,
    });
    const fetched = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/summaries/${summary.id}`,
      headers: as(owner),
    });
    expect(fetched.json<Summary>()).toEqual(summary);
    expect((await list()).json<{ items: Summary[] }>().items.map((s) => s.id)).toEqual([summary.id]);

    // A citation of a record that does not exist, or was deleted, is refused.
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/incidents/${laterId}`,
      headers: as(owner),
    });
    expect(removed.statusCode).toBe(204);
    for (const id of [laterId, '01JZZZZZZZZZZZZZZZZZZZZZZZ']) {
      const refused = await save(owner, {
        ...edited,
        sentences: [{ text: 'Late again.', citations: [{ recordType: 'incident', recordId: id }] }],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<Problem>().errors?.[0]?.field).toBe('sentences/0/citations');
    }
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/summaries/${summary.id}`,
      headers: as(owner),
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/summaries/${summary.id}`,
      headers: as(owner),
    });
    expect(gone.statusCode).toBe(404);
  });

  it('P-RIGHT-1 the export holds each saved summary, marked AI-assisted with its reviewer and prompt version', async () => {
    const { owner, incidentId } = await seeded();
    const saved = (
      await save(owner, {
        ...OCTOBER,
        sentences: [
          { text: 'Pickup was late.', citations: [{ recordType: 'incident', recordId: incidentId }] },
        ],
        promptVersion: 'summary-cited-v1',
        aiProvider: 'openai',
        model: 'gpt-test-mini',
      })
    ).json<Summary>();
    const started = await t.app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(owner) });
    expect(started.statusCode).toBe(202);
    const id = started.json<{ id: string }>().id;
    let status = 'running';
    for (let i = 0; i < 200 && status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await t.app.inject({ method: 'GET', url: `/v1/me/exports/${id}`, headers: as(owner) })).json<{
        status: string;
      }>().status;
    }
    expect(status).toBe('ready');
    const download = await t.app.inject({
      method: 'GET',
      url: `/v1/me/exports/${id}/download`,
      headers: as(owner),
    });
    const dir = mkdtempSync(join(tmpdir(), 'holdfast-summaries-'));
    try {
      const zipPath = join(dir, 'export.zip');
      writeFileSync(zipPath, download.rawPayload);
      const entries = await readZip(zipPath);
      const json = [...entries.entries()].find(([name]) => name.endsWith('/summaries.json'));
      const rows = JSON.parse(json?.[1].toString('utf8') ?? '[]') as Summary[];
      expect(rows.find((row) => row.id === saved.id)).toMatchObject({
        isAiAssisted: true,
        reviewedBy: owner.userId,
        promptVersion: 'summary-cited-v1',
        sentences: [{ text: 'Pickup was late.' }],
      });
      expect([...entries.keys()].some((name) => name.endsWith('/summaries.csv'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad period or body with 400 before any provider call', async () => {
    const { owner } = await seeded();
    const bad: Record<string, unknown>[] = [
      { from: OCTOBER.to, to: OCTOBER.from },
      { from: '2025-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' },
      { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' },
      { from: 'yesterday', to: OCTOBER.to },
      { ...OCTOBER, extra: true },
      { from: OCTOBER.from },
    ];
    for (const body of bad) {
      const reply = await suggest(owner, body);
      expect({ body, status: reply.statusCode }).toEqual({ body, status: 400 });
    }
    const unknownPrompt = await save(owner, {
      ...OCTOBER,
      sentences: [
        { text: 'x', citations: [{ recordType: 'incident', recordId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }] },
      ],
      promptVersion: 'made-up-v9',
      aiProvider: 'openai',
      model: 'gpt-test-mini',
    });
    expect(unknownPrompt.statusCode).toBe(400);
    const uncited = await save(owner, {
      ...OCTOBER,
      sentences: [{ text: 'A claim resting on nothing.', citations: [] }],
      promptVersion: 'summary-cited-v1',
      aiProvider: 'openai',
      model: 'gpt-test-mini',
    });
    expect(uncited.statusCode).toBe(400);
    expect(fake.requests).toHaveLength(0);
  });

  it('another workspace gets 404 for a summary, and summarising its own period never sends this one’s records', async () => {
    const { owner, incidentId } = await seeded();
    fake.replies.push({ kind: 'json', value: { sentences: [{ text: 'Pickup was late.', refs: ['I1'] }] } });
    const suggestion = (await suggest(owner)).json<Suggestion>();
    const saved = (
      await save(owner, {
        from: suggestion.from,
        to: suggestion.to,
        sentences: suggestion.sentences,
        promptVersion: suggestion.promptVersion,
        aiProvider: suggestion.aiProvider,
        model: suggestion.model,
      })
    ).json<Summary>();
    const outsider = await signIn(t.app);
    for (const method of ['GET', 'DELETE'] as const) {
      const reply = await t.app.inject({
        method,
        url: `/v1/workspaces/${owner.workspaceId}/summaries/${saved.id}`,
        headers: as(outsider),
      });
      expect(reply.statusCode).toBe(404);
      const own = await t.app.inject({
        method,
        url: `/v1/workspaces/${outsider.workspaceId}/summaries/${saved.id}`,
        headers: as(outsider),
      });
      expect(own.statusCode).toBe(404);
    }
    expect((await suggest(outsider, { ...OCTOBER })).statusCode).toBe(400);
    // The outsider's October is empty: refused before any call, and this workspace's incident cannot be cited.
    const cited = await save(outsider, {
      ...OCTOBER,
      sentences: [{ text: 'Late.', citations: [{ recordType: 'incident', recordId: incidentId }] }],
      promptVersion: 'summary-cited-v1',
      aiProvider: 'openai',
      model: 'gpt-test-mini',
    });
    expect(cited.statusCode).toBe(400);
    expect(fake.requests).toHaveLength(1);
  });
});
