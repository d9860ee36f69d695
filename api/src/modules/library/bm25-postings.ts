import SearchableMap from 'minisearch/SearchableMap';
import { selectBestOf } from './best-n.js';

/**
 * Word ranking over flat postings, scored exactly as MiniSearch 7.2 scores a search with the
 * options below (BM25+ with k 1.2, b 0.7, d 0.5; every query word also matched as a prefix and
 * fuzzily; OR of the words; the score times the number of query words matched; ties in the order
 * MiniSearch meets the documents). MiniSearch builds an object per matching document per word
 * and sorts every match; at 10,000 items that allocation and sort was most of a search. Here the
 * BM25 part of every posting is computed once when the index is built, a search adds into typed
 * arrays, and only the best `limit` are kept. The term dictionary is MiniSearch's own radix tree,
 * filled in the same order, so prefix and fuzzy matches come in MiniSearch's order and every sum
 * is added in the same order: the ranking is the same to the last bit (test/integration/
 * library-ranking-equivalence.test.ts compares the two).
 */

/** MiniSearch's default tokenizer: split on whitespace and punctuation. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** MiniSearch's default weights of a prefix and a fuzzy match, and its cap on edit distance. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MAX_FUZZY = 6;

/** The options this scorer reproduces: fields with their boosts, and the fuzzy fraction. */
export type Bm25Options = {
  fields: readonly string[];
  boost: Readonly<Record<string, number>>;
  fuzzy: number;
};

/** One term's documents in one field, in the order they were added, with their BM25 part. */
type Postings = { docs: number[]; termFrequencies: number[]; bm25: Float64Array };
/** One term's postings per field id (absent where the term is not in that field). */
type TermPostings = (Postings | undefined)[];

export type Bm25Ranker = {
  /**
   * Document numbers (their position in the input) best first, at most `limit`, of those
   * `isWanted` accepts (all when absent).
   */
  rank(query: string, limit: number, isWanted?: (doc: number) => boolean): number[];
};

function tokenize(text: string): string[] {
  return text.split(SPACE_OR_PUNCTUATION);
}

/** Builds the ranker over documents given as their field texts (`fields` order). */
export function buildBm25Ranker(documents: readonly (readonly string[])[], options: Bm25Options): Bm25Ranker {
  const fieldCount = options.fields.length;
  const terms = new SearchableMap<TermPostings>();
  const fieldLengths = documents.map(() => new Array<number>(fieldCount).fill(0));
  const averageLengths = new Array<number>(fieldCount).fill(0);
  documents.forEach((fields, doc) => {
    for (let field = 0; field < fieldCount; field += 1) {
      const tokens = tokenize(fields[field] ?? '');
      // As MiniSearch: the length counts distinct tokens (an empty one too), the average is running.
      const length = new Set(tokens).size;
      const lengths = fieldLengths[doc];
      if (lengths !== undefined) lengths[field] = length;
      averageLengths[field] = ((averageLengths[field] ?? 0) * doc + length) / (doc + 1);
      for (const token of tokens) {
        const term = token.toLowerCase();
        if (term === '') continue;
        const perField = terms.fetch(term, () => []);
        const postings = perField[field] ?? { docs: [], termFrequencies: [], bm25: new Float64Array(0) };
        perField[field] = postings;
        const last = postings.docs.length - 1;
        if (postings.docs[last] === doc)
          postings.termFrequencies[last] = (postings.termFrequencies[last] ?? 0) + 1;
        else {
          postings.docs.push(doc);
          postings.termFrequencies.push(1);
        }
      }
    }
  });
  const total = documents.length;
  for (const [, perField] of terms)
    perField.forEach((postings, field) => {
      if (postings === undefined) return;
      const matching = postings.docs.length;
      const average = averageLengths[field] ?? 0;
      postings.bm25 = Float64Array.from(postings.docs, (doc, j) =>
        scoreBm25(
          postings.termFrequencies[j] ?? 0,
          matching,
          total,
          fieldLengths[doc]?.[field] ?? 0,
          average,
        ),
      );
    });
  const boosts = options.fields.map((field) => options.boost[field] || 1);

  // Scratch space reused by every search (searches are synchronous, so never interleaved).
  const wordScore = new Float64Array(total);
  const inWord = new Uint8Array(total);
  const score = new Float64Array(total);
  const seen = new Uint8Array(total);
  const wordsMatched = new Uint16Array(total);

  return {
    rank(query, limit, isWanted) {
      const words = tokenize(query)
        .map((word) => word.toLowerCase())
        .filter((word) => word !== '');
      const order: number[] = [];
      words.forEach((word, position) => {
        const touched: number[] = [];
        const add = (perField: TermPostings | undefined, weight: number) => {
          if (perField === undefined) return;
          for (let field = 0; field < fieldCount; field += 1) {
            const postings = perField[field];
            if (postings === undefined) continue;
            // MiniSearch's weight × term boost (1) × field boost × document boost (1) × BM25.
            const factor = weight * (boosts[field] ?? 1);
            const { docs, bm25 } = postings;
            for (let j = 0; j < docs.length; j += 1) {
              const doc = docs[j] ?? 0;
              const part = factor * (bm25[j] ?? 0);
              if (inWord[doc] === 1) wordScore[doc] = (wordScore[doc] ?? 0) + part;
              else {
                inWord[doc] = 1;
                wordScore[doc] = part;
                touched.push(doc);
              }
            }
          }
        };
        add(terms.get(word), 1);
        const maxDistance = Math.min(MAX_FUZZY, Math.round(word.length * options.fuzzy));
        const fuzzyMatches = maxDistance > 0 ? terms.fuzzyGet(word, maxDistance) : undefined;
        for (const [term, perField] of terms.atPrefix(word)) {
          const distance = term.length - word.length;
          if (distance === 0) continue;
          // A prefix match is scored as one, never again as a fuzzy match.
          fuzzyMatches?.delete(term);
          add(perField, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
        }
        if (fuzzyMatches !== undefined)
          for (const [term, [perField, distance]] of fuzzyMatches) {
            if (distance === 0) continue;
            add(perField, (FUZZY_WEIGHT * term.length) / (term.length + distance));
          }
        // A word repeated in the query adds its score again but counts once as a word matched.
        const isFirstOfItsKind = words.indexOf(word) === position;
        for (const doc of touched) {
          inWord[doc] = 0;
          if (isFirstOfItsKind) wordsMatched[doc] = (wordsMatched[doc] ?? 0) + 1;
          if (seen[doc] === 1) score[doc] = (score[doc] ?? 0) + (wordScore[doc] ?? 0);
          else {
            seen[doc] = 1;
            score[doc] = wordScore[doc] ?? 0;
            order.push(doc);
          }
        }
      });
      for (const doc of order) {
        score[doc] = (score[doc] ?? 0) * (wordsMatched[doc] ?? 1);
        seen[doc] = 0;
        wordsMatched[doc] = 0;
      }
      return selectBestOf(order, score, limit, isWanted);
    },
  };
}

/** MiniSearch's BM25+ of one term in one field of one document, operation for operation. */
function scoreBm25(
  termFrequency: number,
  matching: number,
  total: number,
  fieldLength: number,
  averageLength: number,
): number {
  const { k, b, d } = BM25;
  const inverseFrequency = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return (
    inverseFrequency *
    (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageLength)))
  );
}
