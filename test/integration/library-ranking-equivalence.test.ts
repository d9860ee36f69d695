import { describe, expect, it } from '@jest/globals';
import MiniSearch from 'minisearch';
import { SHIPPED_ITEMS } from '@holdfast/api/modules/library/content';
import {
  buildLexicalIndex,
  LEXICAL_OPTIONS,
  searchableText,
} from '@holdfast/api/modules/library/lexical-index';
import type { LibraryItem } from '@holdfast/api/modules/library/schema';
import { buildSemanticIndex, toUnitVector } from '@holdfast/api/modules/library/vectors';

/**
 * The library's rankings are computed for speed (flat postings, typed arrays, a bounded best-n
 * selection), so these tests hold them to the straightforward computations they replace:
 * MiniSearch 7's own search with the same options, and a full sort of every cosine score. Every
 * id and its position must agree, ties included.
 */

/** A small seeded generator, so every run builds the same library. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const REAL_WORDS =
  'handover school pickup custody schedule mediator court hearing evidence journal message calm reply boundary safety plan therapist evaluation guardian checklist template weekend holiday travel medical doctor appointment exchange late missed call text email record witness lawyer'.split(
    ' ',
  );

/** Made-up items over a skewed vocabulary (real words, near-misses and filler), with punctuation. */
function makeLibrary(count: number): LibraryItem[] {
  const random = seeded(7);
  const vocabulary = [
    ...REAL_WORDS,
    ...REAL_WORDS.map((word) => `${word}s`),
    ...Array.from({ length: 800 }, (_, i) => `w${i.toString(36)}x`),
  ];
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)] ?? 'note';
  const sentence = (length: number) => Array.from({ length }, word).join(random() < 0.2 ? ', ' : ' ');
  const shipped: LibraryItem[] = SHIPPED_ITEMS.map((item) => ({ ...item, source: 'holdfast' }));
  return [
    ...shipped,
    ...Array.from({ length: count }, (_, i): LibraryItem => ({
      id: `item${i}`,
      source: 'workspace',
      kind: i % 3 === 0 ? 'checklist' : 'article',
      audience: 'everyone',
      title: `${sentence(3)} — ${i}`,
      summary: i % 7 === 0 ? '' : sentence(10),
      body: `${sentence(12)}. ${sentence(12)}!`,
      tags: i % 5 === 0 ? [] : [word(), word()],
    })),
  ];
}

const QUERIES = [
  'handover checklist',
  'missed pickup at school',
  'calm reply to an angry message',
  'preparing for a custody evaluation',
  'what does a guardian do',
  'Court, court; COURT',
  'schedul',
  'medcal apointment',
  'w1x w2x w3x',
  'a',
  'evidence evidence journal',
  '   ',
  '!!!',
  'zzzzzz',
];

describe('library ranking equivalence', () => {
  const items = makeLibrary(1500);
  const index = buildLexicalIndex(items);
  const reference = new MiniSearch<{
    id: string;
    kind: string;
    title: string;
    summary: string;
    tagText: string;
    body: string;
  }>({
    fields: [...LEXICAL_OPTIONS.fields],
    storeFields: ['kind'],
    searchOptions: { boost: LEXICAL_OPTIONS.boost, prefix: true, fuzzy: LEXICAL_OPTIONS.fuzzy },
  });
  reference.addAll(
    items.map((item) => ({
      id: item.id,
      kind: item.kind,
      title: item.title,
      summary: item.summary,
      tagText: item.tags.join(' '),
      body: searchableText(item),
    })),
  );

  it('ranks by words exactly as MiniSearch does, with and without a kind, at any depth', () => {
    for (const query of QUERIES)
      for (const kind of [undefined, 'checklist', 'article'] as const)
        for (const limit of [1, 20, 100, 5000]) {
          const expected = reference
            .search(query, kind === undefined ? {} : { filter: (result) => result.kind === kind })
            .slice(0, limit)
            .map((result) => String(result.id));
          expect({
            query,
            kind,
            limit,
            ids: index.rank(query, { limit, ...(kind === undefined ? {} : { kind }) }),
          }).toEqual({ query, kind, limit, ids: expected });
        }
  });

  it('ranks by meaning as a full sort of every cosine score would, ties in listing order', () => {
    const random = seeded(11);
    const dimensions = 16;
    // Coarse values, so many scores tie exactly and the tie order is tested too.
    const entries = items.map((item) => ({
      id: item.id,
      kind: item.kind,
      vector: toUnitVector(Array.from({ length: dimensions }, () => Math.round(random() * 4) - 2)),
    }));
    const semantic = buildSemanticIndex(entries, dimensions);
    for (let run = 0; run < 20; run += 1) {
      const query = toUnitVector(Array.from({ length: dimensions }, () => Math.round(random() * 4) - 2));
      for (const kind of [undefined, 'checklist'] as const)
        for (const limit of [1, 100, 5000]) {
          const expected = entries
            .map((entry, row) => ({
              entry,
              row,
              score: entry.vector.reduce((sum, value, i) => sum + value * (query[i] ?? 0), 0),
            }))
            .filter(({ entry }) => kind === undefined || entry.kind === kind)
            .sort((a, b) => b.score - a.score || a.row - b.row)
            .slice(0, limit)
            .map(({ entry }) => entry.id);
          expect(semantic.rank(query, { limit, ...(kind === undefined ? {} : { kind }) })).toEqual(expected);
        }
    }
  });
});
