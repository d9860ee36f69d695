import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createCountingDb, type CountingDb } from '../support/counting-db.js';
import { pngBytes } from '../support/files.js';
import {
  as,
  createTestApp,
  incidentBody,
  signIn,
  testConfig,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { createWellbeingFixtures, fillPath, listRoutes, type RouteEntry } from '../security/support.js';

jest.setTimeout(120_000);

/** Every read route may make this many DynamoDB calls per steady-state request (sessions and memberships cached). */
const DEFAULT_BUDGET = 1;

/**
 * Routes that need more than one call, each with why. A route missing here that makes more calls
 * than DEFAULT_BUDGET fails the test: a regression, or a new route whose budget must be argued.
 */
const AUDIT_SEAL =
  'then seals the pending audit entries into the hash chain first (head read, pending query, seal write)';
const PHI_READ = `a read of wellbeing data is written to the audit log before it is shown (P-PHI: what is not logged is not shown), ${AUDIT_SEAL}`;
const BUDGETS: Record<string, { calls: number; why: string }> = {
  'GET /v1/workspaces/:workspaceId/credentials/received-requests': {
    calls: 3,
    why: 'requests waiting for the person (an inbox by their email) and what they already shared (their workspace) are two partitions; the requests they name and the organisations behind the shares are then one batch read, however many organisations asked',
  },
  'GET /v1/workspaces/:workspaceId/library/search': {
    calls: 2,
    why: "the workspace's library version (one consistent read) and, only when it changed since this instance last read them, its additions (one query); an unchanged library is the version read alone",
  },
  'GET /v1/me': {
    calls: 2,
    why: 'the profile and the list of workspaces are two partitions (user, memberships of the user)',
  },
  'GET /v1/me/second-factor': {
    calls: 3,
    why: "the person's factors (one partition query), their workspaces, and each workspace's second-factor requirement (one here): whether they may remove their last factor; grows with the person's workspaces",
  },
  'GET /v1/account/deletion': {
    calls: 4,
    why: 'a status page read once: the pending request, the workspaces the account owns and their members (the deletion scope)',
  },
  'GET /v1/workspaces/:workspaceId/attachments/:recordType/:recordId': {
    calls: 3,
    why: 'checks the record exists in the workspace, lists its links, then reads each linked document (one here): grows with the attachments of one record, bounded by the page',
  },
  'GET /v1/workspaces/:workspaceId/audit': {
    calls: 3,
    why: 'the first page seals waiting entries (head read, pending query) before the page query, so the log never shows an unsealed tail',
  },
  'GET /v1/workspaces/:workspaceId/audit/verify': {
    calls: 5,
    why: 'seals waiting entries, then reads the whole chain between two reads of an unmoved head; grows with the chain by design (a verification reads everything)',
  },
  'GET /v1/workspaces/:workspaceId/credentials/progress': {
    calls: 2,
    why: "the licenses and their cycles' CE tallies (hours per format and per required topic, kept by every activity write) are two prefixes of the workspace; no activity is read. A tally missing or for another cycle is summed once from the activities and stored",
  },
  'GET /v1/workspaces/:workspaceId/credentials/allocations': {
    calls: 2,
    why: 'what each recent activity counted for needs the licenses and every activity: two prefixes of the workspace, read only when the activities page asks',
  },
  'GET /v1/workspaces/:workspaceId/practice/next': {
    calls: 3,
    why: "the workspace's own skills and exercises (one query, merged with the shipped ones), the person's due cards through the due-date index (a page twice the daily cap), and the catalogue's cards with the skill tallies as one batch (a batch per 100 keys; the tallies hold the practice since the latest assessment and the latest two counted assessments, so no assessment and no attempt is read). Each is one bounded read, in the tenant's partition as key ranges (BETWEEN), not begins_with, which DynamoDB Local answers by walking the whole partition. More only when needed: a due count by the index (Select COUNT) when the due page is full, cards ahead of time when nothing is due or new",
  },
  'GET /v1/workspaces/:workspaceId/practice/progress': {
    calls: 4,
    why: "the workspace's own skills and exercises (one query), then cards, recent attempts and recent assessments",
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/check-ins': {
    calls: 5,
    why: `one query of headers; ${PHI_READ}`,
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/check-ins/:checkInId': {
    calls: 5,
    why: `one read; ${PHI_READ}`,
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/complaints': {
    calls: 5,
    why: `one query of headers; ${PHI_READ}`,
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/complaints/:complaintId': {
    calls: 5,
    why: `one read; ${PHI_READ}`,
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/care-notes': {
    calls: 5,
    why: `one query of headers; ${PHI_READ}`,
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/care-notes/:careNoteId': {
    calls: 5,
    why: `one read; ${PHI_READ}`,
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/safety-plan': { calls: 5, why: `one read; ${PHI_READ}` },
  'GET /v1/workspaces/:workspaceId/wellbeing/safety-plan/versions/:version': {
    calls: 6,
    why: `the version and the current plan (to say whether it is current); ${PHI_READ}`,
  },
  'GET /v1/workspaces/:workspaceId/wellbeing/access-log': {
    calls: 3,
    why: 'the access log is the audit log filtered to wellbeing reads: it seals waiting entries first (head read, pending query), then one page query',
  },
  'GET /v1/workspaces/:workspaceId/professional-reads': {
    calls: 3,
    why: 'what professionals were given is the audit log filtered to their reads: like the wellbeing access log, it seals waiting entries first (head read, pending query), then one page query',
  },
  'GET /v1/workspaces/:workspaceId/reports/incidents.pdf': {
    calls: 7,
    why: 'a court report, not a page: every incident of the period, its messages, the workspace, its attachments and the audit head it prints as its seal',
  },
  'GET /v1/workspaces/:workspaceId/timeline': {
    calls: 2,
    why: 'incidents and messages on one axis are two indexes queried side by side (one Query each)',
  },
};

/** Answers 503 by design while billing is off (the test stack): there is no Stripe to ask. */
const UNAVAILABLE_WITHOUT_BILLING = new Set(['GET /v1/workspaces/:workspaceId/billing/invoices']);

/** An id of the right shape that names nothing: a route whose fixture is missing still reads once. */
const UNKNOWN_ID = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

describe('DynamoDB calls per read route', () => {
  let t: TestApp;
  let counter: CountingDb;
  let owner: Session;
  const ids: Record<string, string> = {};

  const send = async <T>(method: string, url: string, payload: unknown, headers = as(owner)): Promise<T> => {
    const reply = await t.app.inject({
      method: method as 'POST',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    if (reply.statusCode >= 300)
      throw new Error(`fixture ${method} ${url}: ${reply.statusCode} ${reply.body}`);
    return reply.json<T>();
  };

  beforeAll(async () => {
    counter = createCountingDb(testConfig());
    // The app's clock stands still, so no cached session or membership reaches its TTL between the
    // two requests of a measure: the counts are per request, without the refresh every 5 s.
    const frozen = new Date();
    t = await createTestApp({ overrides: { db: counter.db, now: () => frozen } });
    owner = await signIn(t.app);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const incident = await send<{ id: string }>('POST', `${base}/incidents`, incidentBody());
    const document = await send<{ document: { id: string } }>(
      'POST',
      `${base}/documents?filename=note.txt`,
      'A note.\n',
      { ...as(owner), 'content-type': 'text/plain' },
    );
    await send('POST', `${base}/attachments/incident/${incident.id}`, { documentId: document.document.id });
    const invite = await send<{ invite: { id: string } }>('POST', `${base}/invites`, {
      email: 'invitee@example.test',
      role: 'member',
    });
    const key = await send<{ apiKey: { id: string } }>('POST', `${base}/api-keys`, {
      name: 'Sync',
      scopes: ['incidents:read'],
    });
    const feedback = await send<{ id: string }>('POST', `${base}/feedback`, {
      message: 'A note to the admins.',
      pageUrl: '/',
      userAgent: 'test',
      screenshot: `data:image/png;base64,${pngBytes().toString('base64')}`,
    });
    Object.assign(ids, {
      workspaceId: owner.workspaceId,
      incidentId: incident.id,
      documentId: document.document.id,
      recordType: 'incident',
      recordId: incident.id,
      inviteId: invite.invite.id,
      keyId: key.apiKey.id,
      userId: owner.userId,
      provider: 'stripe',
      feedbackId: feedback.id,
      ...(await createWellbeingFixtures(t.app, owner, 1)),
    });
    await receiveCredentialRequests();
  });

  /**
   * Requests from another organisation to the owner's address, two waiting and one answered, so the
   * received-requests route reads requests from an organisation's partition and a share's organisation.
   */
  async function receiveCredentialRequests(): Promise<void> {
    const clinic = await signIn(t.app);
    const asks = `/v1/workspaces/${clinic.workspaceId}/credentials`;
    await send('PUT', `${asks}/organisation`, { kind: 'clinic', name: 'Budget Clinic' }, as(clinic));
    const ask = () =>
      send<{ id: string }>(
        'POST',
        `${asks}/requests`,
        {
          email: owner.email,
          personName: 'A. Person',
          licenses: [{ jurisdiction: 'CA', credentialType: 'LMFT' }],
          documents: [],
        },
        as(clinic),
      );
    const answered = await ask();
    await ask();
    await ask();
    const own = `/v1/workspaces/${owner.workspaceId}/credentials`;
    const license = await send<{ id: string }>('POST', `${own}/licenses`, {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'LMFT 1',
      expiresOn: '2030-06-30',
    });
    await send('POST', `${own}/received-requests/${answered.id}/share`, {
      licenseIds: [license.id],
      activityIds: [],
      documents: [],
    });
  }
  afterAll(async () => {
    await t.app.close();
    counter.db.destroy();
  });

  /** The calls one request makes once the caller's session and membership are cached. */
  async function measure(route: RouteEntry): Promise<{ status: number; calls: string[] }> {
    const url = fillPath(
      route.url,
      new Proxy(ids, { get: (target, name: string) => target[name] ?? UNKNOWN_ID }),
    );
    const request = () => t.app.inject({ method: 'GET', url, headers: as(owner) });
    await request();
    counter.reset();
    const reply = await request();
    return { status: reply.statusCode, calls: counter.calls() };
  }

  it('no read route makes more DynamoDB calls than its budget (1 unless argued in BUDGETS)', async () => {
    const reads = listRoutes(t.app).filter((r) => r.method === 'GET' && r.url.startsWith('/v1/'));
    expect(reads.length).toBeGreaterThan(20);
    const report: string[] = [];
    const over: string[] = [];
    for (const route of reads) {
      const key = `GET ${route.url}`;
      const { status, calls } = await measure(route);
      const budget = BUDGETS[key]?.calls ?? DEFAULT_BUDGET;
      report.push(`${key} -> ${status}: ${calls.length} (${calls.join(', ')})`);
      if (status >= 500 && !UNAVAILABLE_WITHOUT_BILLING.has(key)) over.push(`${key}: answered ${status}`);
      if (calls.length > budget)
        over.push(`${key}: ${calls.length} calls > budget ${budget} (${calls.join(', ')})`);
    }
    // Printed so a run shows every route's count, not only the failures.
    console.info(report.join('\n'));
    expect(over).toEqual([]);
  });

  it('budgets name only routes that exist, and each says why', () => {
    const keys = new Set(listRoutes(t.app).map((r) => `${r.method} ${r.url}`));
    for (const [key, budget] of Object.entries(BUDGETS)) {
      expect(keys.has(key)).toBe(true);
      expect(budget.why.length).toBeGreaterThan(20);
    }
  });
});
