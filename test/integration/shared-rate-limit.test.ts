import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CounterStore } from '@holdfast/api/platform/rate-limit/counter-repo';
import { SharedWindowCounter } from '@holdfast/api/platform/rate-limit/shared-window-counter';
import type { LightMyRequestResponse } from 'fastify';
import { createCountingDb, type CountingDb } from '../support/counting-db.js';
import { as, createTestApp, signIn, testConfig, type TestApp } from '../support/harness.js';

const MINUTE = 60_000;

/** A store like the DynamoDB counter (atomic add, totals of this window and the one before), in memory. */
function memoryStore(): { store: CounterStore; calls: () => number } {
  const counts = new Map<string, number>();
  let calls = 0;
  return {
    calls: () => calls,
    store: {
      add: async ({ limit, subject, window, delta }) => {
        calls += 1;
        const key = (w: number) => `${limit}|${subject}|${w}`;
        counts.set(key(window), (counts.get(key(window)) ?? 0) + delta);
        return { current: counts.get(key(window)) ?? 0, previous: counts.get(key(window - 1)) ?? 0 };
      },
    },
  };
}

function counterOn(store: CounterStore, max: number): SharedWindowCounter {
  return new SharedWindowCounter({
    limit: 'ip',
    max,
    windowMs: MINUTE,
    store,
    syncMs: 1000,
    onSyncError: () => undefined,
  });
}

describe('rate-limit counters shared through a store', () => {
  // The start of a window, so no earlier window weighs in.
  const start = 1_000 * MINUTE;

  it('two instances share one limit: hits spread across both are refused once their sum passes it', async () => {
    const { store, calls } = memoryStore();
    const instances = [counterOn(store, 10), counterOn(store, 10)];
    let admitted = 0;
    let published = 0;
    // Alternate until both refuse; an instance learns the others' hits when it publishes its own.
    for (let i = 0; i < 20; i++) {
      const answers = instances.map((counter) => counter.hit('203.0.113.1', start + i));
      admitted += answers.filter((answer) => answer.isAllowed).length;
      await Promise.all(instances.map((counter) => counter.settle()));
      if (answers.every((answer) => !answer.isAllowed)) break;
      published = calls();
    }
    // The overshoot bound: instances × hits published at a time (10 / 50, at least 1).
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(admitted).toBeLessThanOrEqual(10 + 2);
    for (const counter of instances) expect(counter.hit('203.0.113.1', start + 30).isAllowed).toBe(false);
    // The refusals made no call.
    expect(calls()).toBe(published);
    // Another subject has its own count.
    expect(instances[0]?.hit('203.0.113.2', start + 30).isAllowed).toBe(true);
  });

  it('publishes a fiftieth of the limit at a time, not every hit', async () => {
    const { store, calls } = memoryStore();
    const counter = counterOn(store, 1000);
    for (let i = 0; i < 200; i++) {
      expect(counter.hit('tenant-a', start + i).isAllowed).toBe(true);
      await counter.settle();
    }
    // The first hit, then every 20 hits (1000 / 50), all within one second.
    expect(calls()).toBeLessThanOrEqual(11);
  });

  it('a refused subject waits from memory, then the sliding window lets it in again', async () => {
    const { store, calls } = memoryStore();
    const counter = counterOn(store, 4);
    for (let i = 0; i < 4; i++) expect(counter.hit('s', start + i).isAllowed).toBe(true);
    await counter.settle();
    const refused = counter.hit('s', start + 10);
    expect(refused).toEqual({ isAllowed: false, retryAfterMs: expect.any(Number) });
    const retryAfterMs = refused.isAllowed ? 0 : refused.retryAfterMs;
    // The four hits still weigh in the next window until three of them have faded: 1/4 into it.
    expect(retryAfterMs).toBe(MINUTE - 10 + MINUTE / 4);
    const published = calls();
    expect(counter.hit('s', start + 10 + retryAfterMs - 1).isAllowed).toBe(false);
    expect(calls()).toBe(published);
    expect(counter.hit('s', start + 10 + retryAfterMs).isAllowed).toBe(true);
  });

  it('keeps the whole limit on this instance when the store fails, and sends the hits once it is back', async () => {
    let isDown = true;
    const { store: memory } = memoryStore();
    const store: CounterStore = {
      add: async (addition) => {
        if (isDown) throw new Error('unreachable');
        return memory.add(addition);
      },
    };
    const alone = counterOn(store, 3);
    for (let i = 0; i < 3; i++) {
      expect(alone.hit('a', start + i * 1001).isAllowed).toBe(true);
      await alone.settle();
    }
    expect(alone.hit('a', start + 4000).isAllowed).toBe(false);

    const counter = counterOn(store, 5);
    for (const at of [start, start + 1001]) {
      expect(counter.hit('s', at).isAllowed).toBe(true);
      await counter.settle();
    }
    isDown = false;
    expect(counter.hit('s', start + 2002).isAllowed).toBe(true);
    await counter.settle();
    // The store now holds all three hits: another instance gets two more, not five.
    const other = counterOn(store, 5);
    expect(other.hit('s', start + 2003).isAllowed).toBe(true);
    await other.settle();
    expect(other.hit('s', start + 2004).isAllowed).toBe(true);
    expect(other.hit('s', start + 2005).isAllowed).toBe(false);
  });
});

/** Two app instances on one table, as two Lambda containers would be, each client counting its calls. */
function twoInstances(env: Record<string, string>) {
  let instances: { t: TestApp; db: CountingDb; limitsDb: CountingDb }[] = [];
  beforeAll(async () => {
    instances = await Promise.all(
      [0, 1].map(async () => {
        const db = createCountingDb(testConfig(env));
        const limitsDb = createCountingDb(testConfig(env));
        const t = await createTestApp({ env, overrides: { db: db.db, rateLimitDb: limitsDb.db } });
        return { t, db, limitsDb };
      }),
    );
  });
  afterAll(async () => {
    for (const { t, db, limitsDb } of instances) {
      await t.app.close();
      db.db.destroy();
      limitsDb.db.destroy();
    }
  });
  const settle = async () => {
    await Promise.all(instances.map(({ t }) => t.app.rateLimits.settle()));
  };
  return {
    settle,
    resetCounts: () =>
      instances.forEach(({ db, limitsDb }) => {
        db.reset();
        limitsDb.reset();
      }),
    /** Every DynamoDB call of both instances, requests' and counters' alike, since the last reset. */
    allCalls: () => instances.flatMap(({ db, limitsDb }) => [...db.calls(), ...limitsDb.calls()]),
    appAt: (i: number) => {
      const instance = instances[i % 2];
      if (instance === undefined) throw new Error('no instance');
      return instance.t.app;
    },
    /**
     * Sends requests to the two instances in turn until both refuse; answers how many were
     * admitted. An instance learns the other's hits when it publishes its own, so it may admit one
     * hit the other already counted: the stated bound is instances × hits published at a time (1).
     */
    floodBoth: async (send: (i: number) => Promise<LightMyRequestResponse>) => {
      let admitted = 0;
      for (let i = 0; i < 30; i += 2) {
        const answers = [await send(i), await send(i + 1)];
        await settle();
        for (const answer of answers) {
          if (answer.statusCode === 200) admitted += 1;
          else expect(answer.statusCode).toBe(429);
        }
        if (answers.every((answer) => answer.statusCode === 429)) return admitted;
      }
      throw new Error('never refused');
    },
  };
}

describe('the per-IP limit holds across app instances', () => {
  const shared = twoInstances({
    RATE_LIMIT_PER_IP_PER_MINUTE: '10',
    RATE_LIMIT_NAMESPACE: `shared-${randomUUID()}`,
  });

  it('counts requests on both instances together; a 429 costs neither a DynamoDB call', async () => {
    const hit = (i: number) =>
      shared.appAt(i).inject({ method: 'GET', url: '/health', remoteAddress: '192.0.2.44' });
    const first = await hit(0);
    expect(first.headers['x-ratelimit-limit']).toBe('10');
    expect(first.headers['x-ratelimit-remaining']).toBe('9');
    await shared.settle();
    const admitted = 1 + (await shared.floodBoth((i) => hit(i + 1)));
    expect(admitted).toBeGreaterThanOrEqual(10);
    expect(admitted).toBeLessThanOrEqual(10 + 2);
    shared.resetCounts();
    for (const i of [0, 1]) {
      const refused = await hit(i);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['x-ratelimit-limit']).toBe('10');
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    await shared.settle();
    expect(shared.allCalls()).toEqual([]);
  });
});

describe('the per-tenant limit holds across app instances', () => {
  const shared = twoInstances({
    RATE_LIMIT_PER_TENANT_PER_MINUTE: '6',
    // The per-IP counters (100,000 a minute) publish an address's first hit and then once a
    // minute, so within this test only the workspace's counter is shared hit by hit.
    RATE_LIMIT_SYNC_MS: '60000',
    RATE_LIMIT_NAMESPACE: `shared-${randomUUID()}`,
  });

  it('counts a workspace on both instances together; a 429 costs neither a DynamoDB call', async () => {
    const person = await signIn(shared.appAt(0));
    const url = `/v1/workspaces/${person.workspaceId}/incidents`;
    const read = (i: number) =>
      shared
        .appAt(i)
        .inject({ method: 'GET', url, headers: as(person), remoteAddress: `198.51.100.${i % 2}` });
    const admitted = await shared.floodBoth(read);
    expect(admitted).toBeGreaterThanOrEqual(6);
    expect(admitted).toBeLessThanOrEqual(6 + 2);
    shared.resetCounts();
    for (const i of [0, 1]) {
      const refused = await read(i);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    await shared.settle();
    expect(shared.allCalls()).toEqual([]);
  });
});
