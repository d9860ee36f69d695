import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SHIPPED_ITEMS } from '@holdfast/api/modules/library/content';
import { fuseByReciprocalRank, RRF_K } from '@holdfast/api/modules/library/rank-fusion';
import {
  FALLBACK_NOTICE,
  HYBRID_NOTICE,
  LEXICAL_ONLY_NOTICE,
  reindexLibrary,
} from '@holdfast/api/modules/library/service';
import { decodeVector, encodeVector, toUnitVector } from '@holdfast/api/modules/library/vectors';
import { FakeAiProviders, fakeEmbedding } from '../support/ai-providers.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Hit = { id: string; source: string; kind: string; title: string };
type SearchResult = { mode: string; notice?: string; items: Hit[] };
type Item = { id: string; version: number };

describe('library search: reciprocal rank fusion and compact vectors', () => {
  it('fuses rankings by 1 / (k + rank) with k = 60: an item both rank well beats one ranked first once', () => {
    expect(RRF_K).toBe(60);
    // a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63.
    expect(
      fuseByReciprocalRank([
        ['a', 'b', 'c'],
        ['c', 'a', 'd'],
      ]),
    ).toEqual(['a', 'c', 'b', 'd']);
    // Equal scores keep the order of first appearance.
    expect(fuseByReciprocalRank([['x'], ['y']])).toEqual(['x', 'y']);
  });

  it('keeps a vector as base64 float32 of unit length, 4 bytes a dimension', () => {
    const vector = toUnitVector([3, 4, 0, 0]);
    expect(Array.from(vector)).toEqual([0.6000000238418579, 0.800000011920929, 0, 0]);
    const encoded = encodeVector(vector);
    expect(Buffer.from(encoded, 'base64')).toHaveLength(16);
    expect(decodeVector(encoded, 4)).toEqual(vector);
    expect(decodeVector(encoded, 8)).toBeUndefined();
  });
});

describe('library search by meaning (fake OpenAI embeddings)', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({ env: fake.env({ AI_EMBEDDING_DIMENSIONS: '64' }) });
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });
  beforeEach(async () => {
    fake.reset();
    owner = await signIn(t.app);
  });

  const url = (path: string, session: Session = owner) =>
    `/v1/workspaces/${session.workspaceId}/library${path}`;
  const search = async (query: string, session: Session = owner): Promise<SearchResult> => {
    const response = await t.app.inject({
      method: 'GET',
      url: url(`/search?${query}`, session),
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    return response.json<SearchResult>();
  };
  const add = async (title: string, body: string): Promise<Item> => {
    const response = await t.app.inject({
      method: 'POST',
      url: url('/additions'),
      headers: as(owner),
      payload: { kind: 'article', title, body },
    });
    expect(response.statusCode).toBe(201);
    return response.json<Item>();
  };
  const inputsOf = (index: number): string[] => {
    const input = fake.embeddingRequests[index]?.body.input;
    return Array.isArray(input) ? input.map(String) : [];
  };

  it('fuses the word ranking with the meaning ranking on a hand-made case, and says it is hybrid', async () => {
    const lexicalOnly = await add('Pelican notes', 'Where the pelican handover happens.');
    const meaningOnly = await add('Quokka notes', 'Nothing in common with the words searched.');
    // The query and the quokka item point the same way; the pelican item is close; the rest unrelated.
    fake.embeddingFor = (text, dimensions) => {
      const vector = new Array<number>(dimensions).fill(0);
      if (text === 'pelican' || text.includes('Quokka')) vector[0] = 1;
      else if (text.includes('Pelican')) [vector[0], vector[1]] = [0.8, 0.6];
      else vector[3] = 1;
      return vector;
    };
    const result = await search('q=pelican');
    expect(result.mode).toBe('hybrid');
    expect(result.notice).toBe(HYBRID_NOTICE);
    expect(result.notice).toContain('k = 60');
    // Words: [pelican]. Meaning: [quokka, pelican, …]. Fused: pelican 1/61 + 1/62, quokka 1/61,
    // then the unrelated items at 1/63 and below, in listing order.
    expect(result.items.slice(0, 3).map((hit) => hit.id)).toEqual([
      lexicalOnly.id,
      meaningOnly.id,
      SHIPPED_ITEMS[0]?.id,
    ]);
    expect(result.items).toHaveLength(20);
  });

  it('P-AI-1: only the items’ text and the query’s words are sent, to the configured provider', async () => {
    const added = await add('Our exchange spot', 'Exchanges happen at the Riverside car park.');
    const result = await search('q=handover%20checklist&limit=5');
    expect(result.mode).toBe('hybrid');
    const requests = fake.embeddingRequests;
    // Every item of the workspace once (shipped and added, 32 a request), then the query alone.
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.path).toBe('/openai/v1/embeddings');
      expect(Object.keys(request.body).sort()).toEqual(['dimensions', 'encoding_format', 'input', 'model']);
      expect(request.body.model).toBe('text-embedding-3-small');
      expect(request.body.dimensions).toBe(64);
      for (const secret of [owner.workspaceId, owner.userId, owner.email, added.id])
        expect(request.raw).not.toContain(secret);
    }
    const indexed = [...inputsOf(0), ...inputsOf(1)];
    expect(indexed).toHaveLength(SHIPPED_ITEMS.length + 1);
    expect(indexed.at(-1)).toContain('Exchanges happen at the Riverside car park.');
    expect(inputsOf(2)).toEqual(['handover checklist']);
  });

  it('re-indexing unchanged items makes 0 embedding calls; a changed or deleted item is the only work', async () => {
    const added = await add('Swap day', 'Swaps happen on Sundays.');
    await search('q=swap');
    const before = fake.embeddingRequests.length;
    expect(await reindexLibrary(t.app.deps, owner.workspaceId)).toEqual({
      embedded: 0,
      unchanged: SHIPPED_ITEMS.length + 1,
      removed: 0,
    });
    // A second search of the same library embeds the query only.
    await search('q=sunday');
    expect(fake.embeddingRequests.length - before).toBe(1);
    expect(inputsOf(before)).toEqual(['sunday']);

    const changed = await t.app.inject({
      method: 'PATCH',
      url: url(`/additions/${added.id}`),
      headers: as(owner),
      payload: { version: added.version, body: 'Swaps happen on Saturdays now.' },
    });
    expect(changed.statusCode).toBe(200);
    const beforeChange = fake.embeddingRequests.length;
    expect(await reindexLibrary(t.app.deps, owner.workspaceId)).toMatchObject({ embedded: 1, removed: 0 });
    expect(inputsOf(beforeChange)).toEqual([expect.stringContaining('Saturdays')]);

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: url(`/additions/${added.id}`),
      headers: as(owner),
    });
    expect(deleted.statusCode).toBe(204);
    const beforeDelete = fake.embeddingRequests.length;
    expect(await reindexLibrary(t.app.deps, owner.workspaceId)).toEqual({
      embedded: 0,
      unchanged: SHIPPED_ITEMS.length,
      removed: 1,
    });
    expect(fake.embeddingRequests.length).toBe(beforeDelete);
  });

  it('falls back to words when the embedding call fails, says so, and never answers 5xx', async () => {
    // Indexing fails (the provider is down), then the query's embedding is refused.
    fake.embeddingReplies.push({ kind: 'status', status: 500 });
    const down = await search('q=handover');
    expect(down.mode).toBe('lexical');
    expect(down.notice).toBe(FALLBACK_NOTICE);
    expect(down.items.length).toBeGreaterThan(0);

    expect((await search('q=handover')).mode).toBe('hybrid');
    fake.embeddingReplies.push({ kind: 'status', status: 400 });
    const refused = await search('q=handover');
    expect(refused).toMatchObject({ mode: 'lexical', notice: FALLBACK_NOTICE });
    expect(refused.items.map((hit) => hit.id)).toEqual(down.items.map((hit) => hit.id));
    expect((await search('q=handover')).mode).toBe('hybrid');
  });

  it('lists without words and embeds nothing for it', async () => {
    const listed = await search('limit=3');
    expect(listed.mode).toBe('hybrid');
    expect(listed.items).toHaveLength(3);
    expect(fake.embeddingRequests).toHaveLength(0);
  });

  it('the fake embeds texts that share words alike, whatever their case and punctuation', () => {
    expect(fakeEmbedding('handover checklist', 8)).toEqual(fakeEmbedding('Handover, checklist!', 8));
  });
});

describe('library search without an embedding provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AI-3: searches by words only and says so; nothing to reindex', async () => {
    const owner = await signIn(t.app);
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/library/search?q=handover`,
      headers: as(owner),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<SearchResult>()).toMatchObject({ mode: 'lexical', notice: LEXICAL_ONLY_NOTICE });
    expect(await reindexLibrary(t.app.deps, owner.workspaceId)).toBeUndefined();
  });
});
