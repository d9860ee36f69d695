import type { LibraryKind, TemplateTarget } from './content-schema.js';
import { buildBm25Ranker } from './bm25-postings.js';
import type { LibraryHit, LibraryItem } from './schema.js';

/**
 * Lexical search (BM25+, as MiniSearch scores it: see bm25-postings.ts) over library items. The
 * shipped items' index is built once; a workspace with additions gets its own index over both,
 * rebuilt only when its additions change, so the ranking's word statistics cover everything that
 * workspace can find.
 */

type Indexed = LibraryHit & { body: string; tagText: string; target?: TemplateTarget };

const FIELDS = ['title', 'summary', 'tagText', 'body'] as const;
/** Matches in the title count most, then tags, then the summary; every word also as a prefix and fuzzily. */
export const LEXICAL_OPTIONS = { fields: FIELDS, boost: { title: 3, tagText: 2, summary: 1.5 }, fuzzy: 0.2 };

/** The text that is searched: the body, a checklist's steps and a template's pre-filled text. */
export function searchableText(item: LibraryItem): string {
  return [
    item.body,
    ...(item.steps ?? []).map((step) => step.text),
    item.template?.subject ?? '',
    item.template?.text ?? '',
  ].join('\n');
}

function toIndexed(item: LibraryItem): Indexed {
  return {
    id: item.id,
    source: item.source,
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    tags: item.tags,
    tagText: item.tags.join(' '),
    body: searchableText(item),
    ...(item.template === undefined ? {} : { target: item.template.target }),
  };
}

/** One searchable set of items, in listing order. */
export type LexicalIndex = {
  /** Ids best first (all matches, up to `limit`), optionally of one kind. */
  rank(query: string, options: { kind?: LibraryKind; limit: number }): string[];
  /** Every item in listing order, optionally of one kind. */
  list(kind?: LibraryKind): LibraryHit[];
  hit(id: string): LibraryHit | undefined;
  /** What a template starts (undefined for articles and checklists). */
  targetOf(id: string): TemplateTarget | undefined;
};

/** Builds the index of a set of items (ids must be unique across shipped items and additions). */
export function buildLexicalIndex(items: readonly LibraryItem[]): LexicalIndex {
  const indexed = items.map(toIndexed);
  const byId = new Map(indexed.map((doc) => [doc.id, doc]));
  const ranker = buildBm25Ranker(
    indexed.map((doc) => FIELDS.map((field) => doc[field])),
    LEXICAL_OPTIONS,
  );
  const toHit = (doc: Indexed): LibraryHit => ({
    id: doc.id,
    source: doc.source,
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary,
    tags: doc.tags,
  });
  return {
    rank(query, { kind, limit }) {
      const isWanted = kind === undefined ? undefined : (doc: number) => indexed[doc]?.kind === kind;
      return ranker.rank(query, limit, isWanted).flatMap((doc) => indexed[doc]?.id ?? []);
    },
    list(kind) {
      return indexed.filter((doc) => kind === undefined || doc.kind === kind).map(toHit);
    },
    hit(id) {
      const doc = byId.get(id);
      return doc === undefined ? undefined : toHit(doc);
    },
    targetOf(id) {
      return byId.get(id)?.target;
    },
  };
}
