import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeAiProviders } from '../support/ai-providers.js';
import { pdfBytes, pngBytes } from '../support/files.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

/** What the fake provider answers for the certificate: some fields sure, some not, one missing. */
const ANSWER = {
  title: { value: ' Law and Ethics for Therapists ', confidence: 0.95, note: null },
  provider: { value: 'Pacific CE Institute', confidence: 0.9, note: null },
  completedOn: { value: '2026-04-18', confidence: 0.45, note: 'date partly illegible' },
  hours: { value: 6, confidence: 0.92, note: null },
  format: { value: 'live-online', confidence: 0.7, note: null },
  topics: {
    value: [
      { topic: 'law and ethics', hours: 6 },
      { topic: 'Underwater basket weaving', hours: null },
    ],
    confidence: 0.8,
    note: null,
  },
  certificateNumber: { value: null, confidence: 0, note: null },
};

type Field = { value: unknown; confidence: number; flag?: { kind: string; reason: string } };
type Extraction = {
  documentId: string;
  promptVersion: string;
  provider: string;
  model: string;
  fields: Record<string, Field>;
};
type Problem = { status: number; code: string; detail?: string; errors?: { field: string }[] };

const FILE_NAME = 'Jordan-Rivera-ethics-certificate.pdf';

async function upload(t: TestApp, session: Session, bytes: Buffer, type = 'application/pdf') {
  const response = await t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/documents?filename=${FILE_NAME}`,
    headers: { ...as(session), 'content-type': type },
    payload: bytes,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ document: { id: string } }>().document.id;
}

const extract = (t: TestApp, session: Session, documentId: unknown) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/credentials/activities/extract`,
    headers: as(session),
    payload: { documentId },
  });

const read = (t: TestApp, session: Session, path: string) =>
  t.app.inject({ method: 'GET', url: `/v1/workspaces/${session.workspaceId}/${path}`, headers: as(session) });

const aiUsed = async (t: TestApp, session: Session) =>
  (await read(t, session, 'ai/usage')).json<{ used: number }>().used;

describe('credentials: reading a CE certificate with AI (real SDKs against a local provider server)', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  let owner: Session;
  const certificate = pdfBytes('Certificate of completion: Law and Ethics for Therapists, 6 CE hours');
  let documentId: string;

  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({ env: fake.env({ OPENAI_MODEL: 'gpt-test-mini' }) });
    owner = await signIn(t.app);
    const license = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/credentials/licenses`,
      headers: as(owner),
      payload: { jurisdiction: 'CA', credentialType: 'LMFT', number: 'LMFT-1' },
    });
    expect(license.statusCode).toBe(201);
    documentId = await upload(t, owner, certificate);
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  it('P-AI-1 sends the file’s bytes and the versioned prompt only: no file name, ids, person or workspace; storage off', async () => {
    fake.replies.push({ kind: 'json', value: ANSWER });
    const reply = await extract(t, owner, documentId);
    expect(reply.statusCode).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.body).toMatchObject({ store: false, model: 'gpt-test-mini' });
    expect(String(sent?.body.instructions)).toContain('continuing-education (CE) certificate');
    const input = sent?.body.input as { content: Record<string, unknown>[] }[];
    const [file, text] = input[0]?.content ?? [];
    expect(file).toEqual({
      type: 'input_file',
      filename: 'document.pdf',
      file_data: `data:application/pdf;base64,${certificate.toString('base64')}`,
    });
    // Beside the file only the catalogue's topic names go: the CA LMFT rule's.
    expect(text?.type).toBe('input_text');
    expect(String(text?.text)).toContain('Law and ethics');
    for (const identifying of [
      owner.email,
      owner.userId,
      owner.workspaceId,
      documentId,
      'Jordan-Rivera',
      'LMFT-1',
    ])
      expect(sent?.raw).not.toContain(identifying);
    expect(sent?.raw).not.toMatch(/"user":|metadata|safety_identifier/);
    expect(t.logs.join('\n')).not.toContain('Pacific CE Institute');
    // Every field of the answer is asked for, even one named like a schema keyword (`format`).
    const asked = sent?.body.text as { format: { schema: { properties: Record<string, unknown> } } };
    expect(Object.keys(asked.format.schema.properties)).toEqual([
      'title',
      'provider',
      'completedOn',
      'hours',
      'format',
      'topics',
      'certificateNumber',
    ]);
  });

  it('P-AI-2 answers suggestions with a confidence each, flags missing, unsure and unknown fields, and saves nothing', async () => {
    const before = (await read(t, owner, 'credentials/activities')).json<{ items: unknown[] }>().items;
    const auditBefore = (await read(t, owner, 'audit')).body;
    fake.replies.push({ kind: 'json', value: ANSWER });
    const reply = await extract(t, owner, documentId);
    expect(reply.statusCode).toBe(200);
    const body = reply.json<Extraction>();
    expect(body).toMatchObject({
      documentId,
      promptVersion: 'certificate-extraction-v1',
      provider: 'openai',
      model: 'gpt-test-mini',
    });
    const { fields } = body;
    expect(fields.title).toEqual({ value: 'Law and Ethics for Therapists', confidence: 0.95 });
    expect(fields.hours).toEqual({ value: 6, confidence: 0.92 });
    expect(fields.format).toEqual({ value: 'live-online', confidence: 0.7 });
    expect(fields.completedOn?.value).toBe('2026-04-18');
    expect(fields.completedOn?.flag?.kind).toBe('low-confidence');
    expect(fields.completedOn?.flag?.reason).toMatch(/45%.*date partly illegible/);
    expect(fields.certificateNumber).toMatchObject({ value: null, flag: { kind: 'missing' } });
    // Topics are the catalogue's names exactly; one no rule names is left out, and said.
    expect(fields.topics?.value).toEqual([{ topic: 'Law and ethics', hours: 6 }]);
    expect(fields.topics?.flag?.kind).toBe('invalid');
    expect(fields.topics?.flag?.reason).toContain('Underwater basket weaving');
    expect((await read(t, owner, 'credentials/activities')).json<{ items: unknown[] }>().items).toEqual(
      before,
    );
    expect((await read(t, owner, 'audit')).body).toBe(auditBefore);
  });

  it('P-AI-2 the person saves the fields they accepted; the activity keeps the prompt version it came from', async () => {
    const saved = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/credentials/activities`,
      headers: as(owner),
      payload: {
        title: 'Law and Ethics for Therapists',
        provider: 'Pacific CE Institute',
        completedOn: '2026-04-19',
        hours: 6,
        format: 'live-online',
        topics: [{ topic: 'Law and ethics', hours: 6 }],
        certificateNumber: 'PCE-2026-0042',
        extractedWith: { promptVersion: 'certificate-extraction-v1' },
      },
    });
    expect(saved.statusCode).toBe(201);
    const id = saved.json<{ id: string }>().id;
    const got = await read(t, owner, `credentials/activities/${id}`);
    expect(got.json()).toMatchObject({
      completedOn: '2026-04-19',
      certificateNumber: 'PCE-2026-0042',
      extractedWith: { promptVersion: 'certificate-extraction-v1' },
    });
    const unknownVersion = await t.app.inject({
      method: 'PATCH',
      url: `/v1/workspaces/${owner.workspaceId}/credentials/activities/${id}`,
      headers: as(owner),
      payload: { version: 1, extractedWith: { promptVersion: 'made-up-v9' } },
    });
    expect(unknownVersion.statusCode).toBe(400);
  });

  it('counts one AI action per reading, and none when the provider fails (503 or 502 with a code)', async () => {
    const used = await aiUsed(t, owner);
    fake.replies.push({ kind: 'json', value: ANSWER });
    expect((await extract(t, owner, documentId)).statusCode).toBe(200);
    expect(await aiUsed(t, owner)).toBe(used + 1);
    fake.replies.push({ kind: 'status', status: 500 });
    const down = await extract(t, owner, documentId);
    expect(down.statusCode).toBe(503);
    expect(down.json<Problem>().code).toBe('ai_unavailable');
    // An answer outside our bounds is refused on our side, whatever the provider's structured mode did.
    fake.replies.push({ kind: 'json', value: { ...ANSWER, hours: { value: 6, confidence: 7, note: null } } });
    const bad = await extract(t, owner, documentId);
    expect(bad.statusCode).toBe(502);
    expect(bad.json<Problem>().code).toBe('ai_bad_output');
    expect(await aiUsed(t, owner)).toBe(used + 1);
  });

  it('answers 400 naming the field for a bad id, 404 for a missing document or another workspace’s', async () => {
    const bad = await extract(t, owner, 'not an id!');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json<Problem>())).toContain('documentId');
    expect((await extract(t, owner, 42)).statusCode).toBe(400);
    expect((await extract(t, owner, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).statusCode).toBe(404);
    const outsider = await signIn(t.app);
    expect((await extract(t, outsider, documentId)).statusCode).toBe(404);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('credentials: reading a certificate image with Anthropic', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({
      env: {
        ANTHROPIC_API_KEY: 'sk-ant-test-local-fake',
        ANTHROPIC_BASE_URL: fake.anthropicBaseUrl,
        ANTHROPIC_MODEL: 'claude-test',
        AI_MAX_RETRIES: '0',
        AI_TIMEOUT_MS: '2000',
      },
    });
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });

  it('P-AI-1 sends the image as an image block beside the prompt, nothing else of the person', async () => {
    const image = pngBytes('certificate photo');
    const documentId = await upload(t, owner, image, 'image/png');
    fake.replies.push({ kind: 'json', value: ANSWER });
    const reply = await extract(t, owner, documentId);
    expect(reply.statusCode).toBe(200);
    expect(reply.json<Extraction>().provider).toBe('anthropic');
    const sent = fake.requests[0];
    const messages = sent?.body.messages as { content: Record<string, unknown>[] }[];
    expect(messages[0]?.content[0]).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: image.toString('base64') },
    });
    // With no license the whole catalogue's topic names are offered.
    expect(JSON.stringify(messages[0]?.content[1])).toContain('Law and ethics');
    for (const identifying of [owner.email, owner.userId, owner.workspaceId, documentId, 'Jordan-Rivera'])
      expect(sent?.raw).not.toContain(identifying);
  });
});

describe('credentials: certificate reading without an AI provider', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AI-3 answers 503 ai_not_configured saying why, counts nothing, and manual entry still works', async () => {
    const documentId = await upload(t, owner, pdfBytes('certificate'));
    const reply = await extract(t, owner, documentId);
    expect(reply.statusCode).toBe(503);
    expect(reply.json<Problem>()).toMatchObject({ code: 'ai_not_configured' });
    expect(reply.json<Problem>().detail).toContain('No AI provider is configured');
    expect(await aiUsed(t, owner)).toBe(0);
    const manual = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/credentials/activities`,
      headers: as(owner),
      payload: { title: 'Ethics', completedOn: '2026-05-01', hours: 3, format: 'self-study' },
    });
    expect(manual.statusCode).toBe(201);
  });
});
