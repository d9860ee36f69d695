import type { LibraryKind } from './content-schema.js';

/**
 * Embedding vectors as the library keeps them: unit length, float32, stored as base64 of the
 * little-endian bytes (2 KB for 512 dimensions), and searched as one packed matrix per workspace
 * so a query is a single pass of dot products (cosine, as every row has unit length).
 */

/** Scales a vector to unit length, so cosine similarity is a dot product; a zero vector stays zero. */
export function toUnitVector(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return norm > 0 && Number.isFinite(norm) ? vector.map((value) => value / norm) : vector;
}

/** Base64 of the vector's float32 bytes, little-endian whatever the machine. */
export function encodeVector(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

/** The vector of `encodeVector`; undefined when the text is not `dimensions` float32 values. */
export function decodeVector(encoded: string, dimensions: number): Float32Array | undefined {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== dimensions * 4) return undefined;
  const vector = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i += 1) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

/** One item's unit vector with what a filter needs. */
export type VectorEntry = { id: string; kind: LibraryKind; vector: Float32Array };

/** Items ranked by meaning: the ids closest to a query vector first. */
export type SemanticIndex = {
  size: number;
  rank(query: Float32Array, options: { kind?: LibraryKind; limit: number }): string[];
};

/** Packs unit vectors of one length into a matrix and ranks by cosine similarity. */
export function buildSemanticIndex(entries: readonly VectorEntry[], dimensions: number): SemanticIndex {
  const matrix = new Float32Array(entries.length * dimensions);
  entries.forEach((entry, row) => matrix.set(entry.vector.subarray(0, dimensions), row * dimensions));
  return {
    size: entries.length,
    rank(query, { kind, limit }) {
      const scored: { row: number; score: number }[] = [];
      for (let row = 0; row < entries.length; row += 1) {
        if (kind !== undefined && entries[row]?.kind !== kind) continue;
        let score = 0;
        const offset = row * dimensions;
        for (let i = 0; i < dimensions; i += 1) score += (matrix[offset + i] ?? 0) * (query[i] ?? 0);
        scored.push({ row, score });
      }
      // Ties keep listing order, so the same query always ranks the same way.
      scored.sort((a, b) => b.score - a.score || a.row - b.row);
      return scored.slice(0, limit).flatMap(({ row }) => entries[row]?.id ?? []);
    },
  };
}
