// P-PHI-2: a wellbeing record's sensitive fields are kept as one message per record (format 2).
// Records written before, one message per field (format 1), still read, keep their binding to
// their item and attribute, and are rewritten in format 2 when their fields are next corrected.
// The format-1 item here is made exactly as the store made them: each field sealed alone under
// the tenant's wellbeing key, bound to tenant, item and attribute.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getTableName, PHI_TABLE } from '@holdfast/api/table-definition';
import { sealField } from '@holdfast/api/platform/phi/field-crypto';
import { RootKeyringOnFirstUse } from '@holdfast/api/platform/phi/encryption-sdk';
import { buildRootKeyring } from '@holdfast/api/platform/phi/root-keyring';
import { TenantKeys } from '@holdfast/api/platform/phi/tenant-keys';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

jest.setTimeout(60_000);

const raw = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: 'us-east-1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
const PHI = getTableName(process.env.TABLE_PREFIX ?? 'holdfast-test', PHI_TABLE);
const MARKER = 'OLDFORMAT-MARKER-4417';
const FIELDS = ['mood', 'anxiety', 'sleepHours', 'symptoms', 'triggers', 'notes'] as const;

type Item = Record<string, unknown>;

function textOf(item: Item): string {
  return JSON.stringify(item, (_key, value: unknown) =>
    value instanceof Uint8Array
      ? Buffer.from(value).toString('utf8') + Buffer.from(value).toString('latin1')
      : value,
  );
}

describe('wellbeing record formats', () => {
  let t: TestApp;
  let session: Session;

  beforeAll(async () => {
    t = await createTestApp();
    session = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const url = (path: string) => `/v1/workspaces/${session.workspaceId}/wellbeing/${path}`;
  const key = (id: string) => ({ PK: `TENANT#${session.workspaceId}`, SK: `WB#checkin#${id}` });
  const readItem = async (id: string): Promise<Item> =>
    (await raw.send(new GetCommand({ TableName: PHI, Key: key(id), ConsistentRead: true }))).Item ?? {};
  const get = (path: string) => t.app.inject({ method: 'GET', url: url(path), headers: as(session) });
  const patch = (id: string, payload: Item) =>
    t.app.inject({ method: 'PATCH', url: url(`check-ins/${id}`), headers: as(session), payload });

  /** A check-in made through the API, then stored again as format 1 made it: one message per field. */
  async function createInFormatOne(
    notes: string,
    moveField?: { from: string; to: string },
  ): Promise<{ id: string; body: Item }> {
    const created = await t.app.inject({
      method: 'POST',
      url: url('check-ins'),
      headers: as(session),
      payload: {
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        mood: 4,
        anxiety: 7,
        sleepHours: 5.5,
        symptoms: ['worry', `${MARKER}-symptom`],
        triggers: [`${MARKER}-trigger`],
        notes,
      },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<Item>();
    const id = String(body.id);
    const { phiFormat: _format, sealedFields: _sealed, ...plain } = await readItem(id);
    const keys = new TenantKeys({
      db: t.app.deps.db,
      table: PHI,
      root: new RootKeyringOnFirstUse(t.config, buildRootKeyring(t.config)),
      maxAgeMs: 60_000,
      maxUses: 100,
    });
    const keyring = await keys.getKeyring(session.workspaceId, { create: false });
    const item: Item = { ...plain };
    for (const field of FIELDS) {
      const binding = { tenant: session.workspaceId, pk: key(id).PK, sk: key(id).SK, attr: field };
      item[`enc_${field}`] = await sealField(keyring, binding, body[field]);
    }
    if (moveField !== undefined) item[`enc_${moveField.to}`] = item[`enc_${moveField.from}`];
    await raw.send(new PutCommand({ TableName: PHI, Item: item }));
    return { id, body };
  }

  it('P-PHI-2 a record stored one message per field still reads, in full, in lists and in part', async () => {
    const { id, body } = await createInFormatOne(`${MARKER}-notes`);
    const stored = await readItem(id);
    expect(stored.phiFormat).toBeUndefined();
    expect(stored.enc_notes).toBeInstanceOf(Uint8Array);

    const read = await get(`check-ins/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<Item>()).toEqual(body);
    const listed = (await get('check-ins')).json<{ items: Item[] }>().items;
    expect(listed.find((item) => item.id === id)).toEqual(body);
    // The trend opens only the fields it plots.
    const trend = (await get('check-ins/trend?days=30')).json<{ points: Item[] }>().points;
    expect(trend).toContainEqual(expect.objectContaining({ mood: 4, anxiety: 7, sleepHours: 5.5 }));
  });

  it('P-PHI-2 its next correction rewrites it as one message, keeping the fields not corrected; a stale one changes nothing', async () => {
    const { id, body } = await createInFormatOne(`${MARKER}-before`);
    const corrected = await patch(id, { version: 1, notes: `${MARKER}-after` });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json<Item>()).toEqual({
      ...body,
      notes: `${MARKER}-after`,
      version: 2,
      updatedAt: expect.any(String),
    });
    const stored = await readItem(id);
    expect(stored.phiFormat).toBe(2);
    expect(stored.sealedFields).toBeInstanceOf(Uint8Array);
    expect(Object.keys(stored).filter((name) => name.startsWith('enc_'))).toEqual([]);
    expect(textOf(stored)).not.toContain(MARKER);

    // In format 2 a correction of one field keeps the others too.
    const again = await patch(id, { version: 2, mood: 9 });
    expect(again.json<Item>()).toMatchObject({ mood: 9, anxiety: 7, notes: `${MARKER}-after`, version: 3 });
    const stale = await patch(id, { version: 2, mood: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await get(`check-ins/${id}`)).json<Item>()).toMatchObject({ mood: 9, version: 3 });
    expect(t.logs.join('\n')).not.toContain(MARKER);
  });

  it('P-PHI-2 a field of a format-1 record moved to another attribute still fails to open, with no content in the answer', async () => {
    const { id } = await createInFormatOne(`${MARKER}-moved`, { from: 'notes', to: 'triggers' });
    const read = await get(`check-ins/${id}`);
    expect(read.statusCode).toBe(500);
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect(read.body).not.toContain(MARKER);
  });
});
