// The permissions a workspace lists for the signed-in member are the API's role table, the one
// every route enforces (P-ISO-3); the SPA reads them instead of keeping a copy of the table.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addMember,
  as,
  createTestApp,
  incidentBody,
  signIn,
  type Session,
  type TestApp,
} from '../support/harness.js';

type Listed = { id: string; role: string; permissions: string[] };

let t: TestApp;
let owner: Session;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp();
  owner = await signIn(t.app);
  sessions.owner = owner;
  for (const role of ['admin', 'member', 'viewer'] as const)
    sessions[role] = await addMember(t.app, owner, role);
});

afterAll(async () => {
  await t.app.close();
});

async function permissionsOf(role: string): Promise<string[]> {
  const session = sessions[role];
  if (session === undefined) throw new Error(`no ${role}`);
  const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(session) });
  const listed = me.json<{ workspaces: Listed[] }>().workspaces.find((w) => w.id === owner.workspaceId);
  const one = await t.app.inject({
    method: 'GET',
    url: `/v1/workspaces/${owner.workspaceId}`,
    headers: as(session),
  });
  // The list and the workspace itself say the same.
  expect(one.json<Listed>().permissions).toEqual(listed?.permissions);
  expect(listed?.role).toBe(role);
  return listed?.permissions ?? [];
}

describe('permissions listed with each workspace', () => {
  it('P-ISO-3 lets viewers read but not write; members write; admins manage keys', async () => {
    const viewer = await permissionsOf('viewer');
    const member = await permissionsOf('member');
    const admin = await permissionsOf('admin');
    expect(viewer).toContain('incidents:read');
    expect(viewer).not.toContain('incidents:write');
    expect(member).toContain('incidents:write');
    expect(member).not.toContain('members:manage');
    expect(admin).toContain('api-keys:manage');
    expect(await permissionsOf('owner')).toEqual(admin);
  });

  it('P-ISO-3 what is listed is what the API enforces: a viewer cannot write, a member can', async () => {
    const url = `/v1/workspaces/${owner.workspaceId}/incidents`;
    const asViewer = await t.app.inject({
      method: 'POST',
      url,
      headers: as(sessions.viewer ?? owner),
      payload: incidentBody(),
    });
    expect(asViewer.statusCode).toBe(403);
    const asMember = await t.app.inject({
      method: 'POST',
      url,
      headers: as(sessions.member ?? owner),
      payload: incidentBody(),
    });
    expect(asMember.statusCode).toBe(201);
  });
});
