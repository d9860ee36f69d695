import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getTableName, MAIN_TABLE, PHI_TABLE } from '@holdfast/api/table-definition';
import { findFreePort } from '@holdfast/scripts/free-port';
import { startLocalKms } from '../support/kms-local.js';
import {
  addMember,
  as,
  createTestApp,
  incidentBody,
  signIn,
  type Session,
  type TestApp,
} from '../support/harness.js';

// Raw access to the tables, as an attacker with a copy of them (or a backup) would have.
const raw = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: 'us-east-1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
const PREFIX = process.env.TABLE_PREFIX ?? 'holdfast-test';
const PHI = getTableName(PREFIX, PHI_TABLE);
const MAIN = getTableName(PREFIX, MAIN_TABLE);

type Item = Record<string, unknown>;
type Record_ = {
  id: string;
  version: number;
  notes?: string;
  deletedAt?: string;
  sharedWith: string[];
} & Item;

async function partition(table: string, workspaceId: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await raw.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `TENANT#${workspaceId}` },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** Every string a raw item holds, binary attributes decoded as UTF-8 as well. */
function textOf(items: Item[]): string {
  return JSON.stringify(items, (_key, value: unknown) =>
    value instanceof Uint8Array
      ? Buffer.from(value).toString('utf8') + Buffer.from(value).toString('latin1')
      : value,
  );
}

const MARKER = 'ZEBRA-MARKER-7731';
const marker = (field: string) => `${MARKER}-${field}`;

function checkInBody(overrides: Item = {}): Item {
  return {
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    mood: 4,
    anxiety: 7,
    sleepHours: 5.5,
    symptoms: ['worry', marker('symptom')],
    triggers: [marker('trigger')],
    notes: marker('notes'),
    ...overrides,
  };
}

jest.setTimeout(60_000);

describe('wellbeing behind the PHI chokepoint', () => {
  let t: TestApp;
  let owner: Session;
  let therapist: Session;
  let other: Session;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
    therapist = await addMember(t.app, owner, 'member');
    other = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const url = (session: Session, path: string) => `/v1/workspaces/${session.workspaceId}/wellbeing/${path}`;
  const post = async (session: Session, path: string, payload: Item) => {
    const response = await t.app.inject({
      method: 'POST',
      url: url(session, path),
      headers: as(session),
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json<Record_>();
  };
  const get = (session: Session, path: string) =>
    t.app.inject({ method: 'GET', url: url(session, path), headers: as(session) });

  it('P-PHI-1 P-PHI-2 stores every sensitive field as ciphertext in the PHI table: no marker in any raw item of either table', async () => {
    const checkIn = await post(owner, 'check-ins', checkInBody());
    const complaint = await post(owner, 'complaints', {
      date: '2026-11-02',
      providerName: marker('provider'),
      providerType: 'clinic',
      category: marker('category'),
      description: marker('description'),
      desiredOutcome: marker('outcome'),
      status: 'draft',
      whereFiled: marker('filed'),
    });
    const note = await post(owner, 'care-notes', {
      sessionDate: '2026-11-03',
      provider: marker('careprovider'),
      type: 'therapy',
      notes: marker('carenotes'),
      followUps: [marker('followup')],
    });
    const plan = await t.app.inject({
      method: 'PUT',
      url: url(owner, 'safety-plan'),
      headers: as(owner),
      payload: { warningSigns: marker('warning'), reasonsForLiving: marker('reasons') },
    });
    expect(plan.statusCode).toBe(200);

    // The API gives the content back to its author...
    expect((await get(owner, `check-ins/${checkIn.id}`)).json<Record_>().notes).toBe(marker('notes'));
    expect((await get(owner, `complaints/${complaint.id}`)).json<Item>().description).toBe(
      marker('description'),
    );
    expect((await get(owner, `care-notes/${note.id}`)).json<Item>().notes).toBe(marker('carenotes'));

    // ...but the raw PHI table holds only ciphertext, as Binary attributes.
    const phiItems = await partition(PHI, owner.workspaceId);
    const records = phiItems.filter((item) => item.entity === 'WellbeingRecord');
    expect(records.length).toBeGreaterThanOrEqual(5);
    expect(textOf(phiItems)).not.toContain(MARKER);
    // One message per record (format 2): its fields are not attributes, plain or encrypted.
    const stored = records.find((item) => item.id === checkIn.id) ?? {};
    expect(stored.phiFormat).toBe(2);
    expect(stored.sealedFields).toBeInstanceOf(Uint8Array);
    for (const field of ['mood', 'anxiety', 'sleepHours', 'symptoms', 'triggers', 'notes']) {
      expect(stored[`enc_${field}`]).toBeUndefined();
      expect(stored[field]).toBeUndefined();
    }
    // Even the field names are sealed: the message's clear header names only tenant and item.
    expect(textOf([stored])).not.toMatch(/"?(anxiety|sleepHours|symptoms|triggers)"?/u);
    // The main table (audit trail included) holds no content either, and no wellbeing record lives there.
    const mainItems = await partition(MAIN, owner.workspaceId);
    expect(textOf(mainItems)).not.toContain(MARKER);
    expect(mainItems.some((item) => String(item.SK).startsWith('WB#'))).toBe(false);
  });

  it('P-PHI-2 a ciphertext moved to another record, another field or another tenant fails to decrypt, with no plaintext in the answer', async () => {
    const source = await post(owner, 'check-ins', checkInBody());
    const target = await post(owner, 'check-ins', checkInBody({ notes: 'target note' }));
    const foreign = await post(other, 'check-ins', checkInBody({ notes: 'foreign note' }));
    const key = (session: Session, id: string) => ({
      PK: `TENANT#${session.workspaceId}`,
      SK: `WB#checkin#${id}`,
    });
    const read = async (session: Session, id: string) =>
      (await raw.send(new GetCommand({ TableName: PHI, Key: key(session, id) }))).Item ?? {};
    const write = async (session: Session, id: string, attribute: string, value: unknown, remove?: string) =>
      raw.send(
        new UpdateCommand({
          TableName: PHI,
          Key: key(session, id),
          UpdateExpression: `SET #a = :v${remove === undefined ? '' : ' REMOVE #r'}`,
          ExpressionAttributeNames: { '#a': attribute, ...(remove === undefined ? {} : { '#r': remove }) },
          ExpressionAttributeValues: { ':v': value },
        }),
      );
    const sourceItem = await read(owner, source.id);

    const expectUnreadable = async (session: Session, id: string) => {
      const response = await get(session, `check-ins/${id}`);
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain(MARKER);
    };

    // Same tenant, another record.
    await write(owner, target.id, 'sealedFields', sourceItem.sealedFields);
    await expectUnreadable(owner, target.id);
    // Same record, as one field of the per-field format (format marker removed): bound to the
    // record format, it does not open as a field.
    await write(owner, source.id, 'enc_notes', sourceItem.sealedFields, 'phiFormat');
    await expectUnreadable(owner, source.id);
    // Another tenant, even at the same record key shape.
    await write(other, foreign.id, 'sealedFields', sourceItem.sealedFields);
    await expectUnreadable(other, foreign.id);
    // Untouched records of both tenants still read.
    expect((await get(other, 'check-ins')).statusCode).toBe(500);
    const fresh = await post(other, 'check-ins', checkInBody({ notes: 'still fine' }));
    expect((await get(other, `check-ins/${fresh.id}`)).json<Record_>().notes).toBe('still fine');
  });

  it('P-PHI-3 every read and write is in the owner’s access log (actor, action, record id, time; no content), paged by cursor', async () => {
    const checkIn = await post(owner, 'check-ins', checkInBody());
    // Private by default: a fellow member of the workspace cannot see it.
    expect((await get(therapist, `check-ins/${checkIn.id}`)).statusCode).toBe(404);
    expect((await get(therapist, 'check-ins?scope=shared')).json<{ items: unknown[] }>().items).toEqual([]);

    const shared = await t.app.inject({
      method: 'PUT',
      url: url(owner, `check-ins/${checkIn.id}/shares/${therapist.userId}`),
      headers: as(owner),
      payload: { access: 'read' },
    });
    expect(shared.statusCode).toBe(200);
    expect(shared.json<Record_>().sharedWith).toEqual([therapist.userId]);
    const asTherapist = await get(therapist, `check-ins/${checkIn.id}`);
    expect(asTherapist.statusCode).toBe(200);
    expect(asTherapist.json<Record_>().notes).toBe(marker('notes'));
    const sharedList = (await get(therapist, 'check-ins?scope=shared')).json<{ items: Record_[] }>().items;
    expect(sharedList.map((r) => r.id)).toEqual([checkIn.id]);
    // A reader is not an editor.
    const edit = await t.app.inject({
      method: 'PATCH',
      url: url(therapist, `check-ins/${checkIn.id}`),
      headers: as(therapist),
      payload: { version: 2, mood: 9 },
    });
    expect(edit.statusCode).toBe(403);

    const log = (await get(owner, 'access-log?limit=100')).json<{
      items: { at: string; actor: { id: string }; action: string; recordIds: string[] }[];
    }>().items;
    const about = log.filter((entry) => entry.recordIds.includes(checkIn.id));
    const actions = about.map((entry) => `${entry.actor.id} ${entry.action}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `${owner.userId} wellbeing.check-in.created`,
        `${owner.userId} wellbeing.check-in.shared`,
        `${therapist.userId} wellbeing.check-in.read`,
        `${therapist.userId} wellbeing.check-in.listed`,
      ]),
    );
    for (const entry of about) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    expect(JSON.stringify(log)).not.toContain(MARKER);

    // Revoked: the therapist is refused again, and that is logged too.
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: url(owner, `check-ins/${checkIn.id}/shares/${therapist.userId}`),
      headers: as(owner),
    });
    expect(revoked.json<Record_>().sharedWith).toEqual([]);
    expect((await get(therapist, `check-ins/${checkIn.id}`)).statusCode).toBe(404);

    // Paged: one entry at a time, the cursor walks on without repeats.
    const first = (await get(owner, 'access-log?limit=1')).json<{
      items: { at: string }[];
      nextCursor?: string;
    }>();
    expect(first.items).toHaveLength(1);
    const second = (
      await get(owner, `access-log?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)
    ).json<{ items: { at: string; action: string }[] }>();
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).not.toEqual(first.items[0]);
    // The therapist's own log does not show the owner's data.
    const theirs = (await get(therapist, 'access-log')).json<{ items: { recordIds: string[] }[] }>().items;
    expect(theirs.some((entry) => entry.recordIds.includes(checkIn.id))).toBe(false);
  });

  it('P-RIGHT-2 every field is correctable; soft delete and restore; cursor pagination', async () => {
    const session = await signIn(t.app);
    const created = await post(session, 'check-ins', checkInBody());
    const corrections = {
      occurredAt: '2026-11-01T09:00:00.000Z',
      mood: 8,
      anxiety: 2,
      sleepHours: 8,
      symptoms: ['fatigue'],
      triggers: ['work'],
      notes: 'corrected',
    };
    const patched = await t.app.inject({
      method: 'PATCH',
      url: url(session, `check-ins/${created.id}`),
      headers: as(session),
      payload: { version: 1, ...corrections },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Item>()).toMatchObject({ ...corrections, version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: url(session, `check-ins/${created.id}`),
      headers: as(session),
      payload: { version: 1, mood: 3 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ currentVersion: number }>().currentVersion).toBe(2);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: url(session, `check-ins/${created.id}`),
      headers: as(session),
    });
    expect(removed.statusCode).toBe(204);
    expect((await get(session, 'check-ins')).json<{ items: unknown[] }>().items).toEqual([]);
    expect(
      (await get(session, 'check-ins?deleted=true')).json<{ items: Record_[] }>().items.map((r) => r.id),
    ).toEqual([created.id]);
    const restored = await t.app.inject({
      method: 'POST',
      url: url(session, `check-ins/${created.id}/restore`),
      headers: as(session),
    });
    expect(restored.json<Record_>().deletedAt).toBeUndefined();

    for (let i = 0; i < 4; i += 1)
      await post(session, 'care-notes', {
        sessionDate: `2026-10-0${i + 1}`,
        provider: 'Dr. K',
        type: 'therapy',
        notes: `n${i}`,
      });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (
        await get(
          session,
          `care-notes?limit=3${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        )
      ).json<{ items: Item[]; nextCursor?: string }>();
      seen.push(...page.items.map((item) => String(item.sessionDate)));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(['2026-10-04', '2026-10-03', '2026-10-02', '2026-10-01']);
  });

  it('keeps every safety plan version readable and shows the trend of check-ins', async () => {
    const session = await signIn(t.app);
    const save = (payload: Item) =>
      t.app.inject({ method: 'PUT', url: url(session, 'safety-plan'), headers: as(session), payload });
    expect((await get(session, 'safety-plan')).statusCode).toBe(404);
    expect((await save({ warningSigns: 'first' })).json<Item>()).toMatchObject({
      version: 1,
      warningSigns: 'first',
    });
    expect((await save({ version: 1, warningSigns: 'second' })).json<Item>()).toMatchObject({ version: 2 });
    expect((await save({ version: 1, warningSigns: 'stale' })).statusCode).toBe(409);
    const versions = (await get(session, 'safety-plan/versions')).json<{ items: { version: number }[] }>();
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    expect((await get(session, 'safety-plan/versions/1')).json<Item>()).toMatchObject({
      version: 1,
      isCurrent: false,
      warningSigns: 'first',
    });
    expect((await get(session, 'safety-plan')).json<Item>()).toMatchObject({
      version: 2,
      warningSigns: 'second',
    });

    await post(
      session,
      'check-ins',
      checkInBody({ occurredAt: new Date(Date.now() - 40 * 86_400_000).toISOString(), mood: 2 }),
    );
    await post(session, 'check-ins', checkInBody({ mood: 6, anxiety: 3 }));
    const trend30 = (await get(session, 'check-ins/trend?days=30')).json<{ points: Item[] }>();
    expect(trend30.points).toEqual([expect.objectContaining({ mood: 6, anxiety: 3, sleepHours: 5.5 })]);
    const trend90 = (await get(session, 'check-ins/trend?days=90')).json<{ points: Item[] }>();
    expect(trend90.points.map((p) => p.mood)).toEqual([2, 6]);
  });

  it('P-PHI-4 destroying a tenant’s wellbeing key makes every leftover ciphertext of that tenant unreadable, here and in a new process', async () => {
    const doomed = await signIn(t.app);
    const survivor = await signIn(t.app);
    const record = await post(doomed, 'check-ins', checkInBody());
    const kept = await post(survivor, 'check-ins', checkInBody({ notes: 'kept' }));
    const leftovers = (await partition(PHI, doomed.workspaceId)).filter(
      (i) => i.entity === 'WellbeingRecord',
    );
    expect(leftovers.length).toBe(1);

    await t.app.deps.phi.destroyTenantWellbeingKey(doomed.workspaceId, {
      type: 'user',
      id: doomed.userId,
      label: doomed.email,
    });
    // The record items are still there (as a forgotten copy would be), but nothing can open them.
    expect((await partition(PHI, doomed.workspaceId)).filter((i) => i.entity === 'WellbeingRecord')).toEqual(
      leftovers,
    );
    expect((await get(doomed, `check-ins/${record.id}`)).statusCode).toBe(500);
    const later = await createTestApp();
    try {
      const response = await later.app.inject({
        method: 'GET',
        url: url(doomed, `check-ins/${record.id}`),
        headers: as(doomed),
      });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain(MARKER);
      // Another tenant is untouched.
      const other = await later.app.inject({
        method: 'GET',
        url: url(survivor, `check-ins/${kept.id}`),
        headers: as(survivor),
      });
      expect(other.json<Record_>().notes).toBe('kept');
    } finally {
      await later.app.close();
    }
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${doomed.workspaceId}/audit`,
        headers: as(doomed),
      })
    ).json<{ items: { action: string }[] }>();
    expect(audit.items.map((e) => e.action)).toContain('wellbeing.key.destroyed');
  });

  it('P-PHI-2 when the KMS keyring is unreachable, wellbeing answers 503 problem+json, writes nothing, and other modules keep working', async () => {
    const port = await findFreePort();
    const down = await createTestApp({
      env: { PHI_KEYRING: 'kms', PHI_KMS_ENDPOINT: `http://127.0.0.1:${port}` },
    });
    try {
      const session = await signIn(down.app);
      const before = await partition(PHI, session.workspaceId);
      const auditBefore = await partition(MAIN, session.workspaceId);
      const response = await down.app.inject({
        method: 'POST',
        url: url(session, 'check-ins'),
        headers: as(session),
        payload: checkInBody(),
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ code: string; detail: string }>()).toMatchObject({ code: 'unavailable' });
      expect(response.body).not.toContain(MARKER);
      const plan = await down.app.inject({
        method: 'PUT',
        url: url(session, 'safety-plan'),
        headers: as(session),
        payload: { warningSigns: marker('x') },
      });
      expect(plan.statusCode).toBe(503);
      expect(await partition(PHI, session.workspaceId)).toEqual(before);
      expect(await partition(MAIN, session.workspaceId)).toEqual(auditBefore);
      // Everything else still works on the same app.
      const incident = await down.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${session.workspaceId}/incidents`,
        headers: as(session),
        payload: incidentBody(),
      });
      expect(incident.statusCode).toBe(201);
      expect(down.logs.join('\n')).not.toContain(MARKER);
    } finally {
      await down.app.close();
    }
  });

  it('P-PHI-2 with the KMS keyring (a local KMS-compatible server), fields are wrapped under alias/holdfast-phi-{env}, read back in a new process, and the key is asked once per tenant', async () => {
    const kms = await startLocalKms('alias/holdfast-phi-local');
    const env = { PHI_KEYRING: 'kms', PHI_KMS_ENDPOINT: kms.endpoint };
    const first = await createTestApp({ env });
    const session = await signIn(first.app);
    let id: string;
    try {
      const created = await first.app.inject({
        method: 'POST',
        url: url(session, 'check-ins'),
        headers: as(session),
        payload: checkInBody(),
      });
      expect(created.statusCode).toBe(201);
      id = created.json<Record_>().id;
      for (let i = 0; i < 5; i += 1)
        await first.app.inject({
          method: 'POST',
          url: url(session, 'check-ins'),
          headers: as(session),
          payload: checkInBody(),
        });
      // One data key for the tenant key, however many fields and records follow.
      expect(kms.calls).toEqual({ DescribeKey: 1, GenerateDataKey: 1 });
    } finally {
      await first.app.close();
    }
    const second = await createTestApp({ env });
    try {
      const read = await second.app.inject({
        method: 'GET',
        url: url(session, `check-ins/${id}`),
        headers: as(session),
      });
      expect(read.json<Record_>().notes).toBe(marker('notes'));
      expect(kms.calls.Decrypt).toBe(1);
      // The raw-AES root of the embedded default cannot open what KMS wrapped: one code path, two roots.
      const local = await get(session, `check-ins/${id}`);
      expect(local.statusCode).toBe(503);
    } finally {
      await second.app.close();
      await kms.stop();
    }
  });
});
