import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Answers smaller than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

const NO_COMPRESSION_HEADER = 'x-no-compression';

/**
 * What is compressed: JSON answers (`application/json`, `application/problem+json`, any `+json`)
 * and the text of the API docs (HTML, CSS, JavaScript). Files (PDFs, images, ZIP exports, the
 * vault's downloads) are already compressed or must reach the client byte for byte, and a
 * server-sent event stream must not be buffered by a compressor, so none of them match.
 */
export function isCompressibleType(contentType: string): boolean {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    /^application\/(?:[\w.-]+\+)?json$/u.test(type) ||
    type === 'text/html' ||
    type === 'text/css' ||
    type === 'text/javascript' ||
    type === 'application/javascript'
  );
}

/**
 * Compresses answers with brotli or gzip when the client accepts it and the answer is at least
 * COMPRESSION_THRESHOLD_BYTES. Registered before every route: the plugin adds its hook to each
 * route as it is declared, after the app-wide onSend hooks, so idempotent replays and the
 * conformance checks see the plain JSON. Request bodies are never decompressed: webhook
 * signatures are checked on the raw bytes as sent, and no client of this API sends encoded bodies.
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    // The plugin also compresses any type its MIME table calls compressible (octet-stream, SVG,
    // CSV), whatever `customTypes` says; its documented opt-out, the `x-no-compression` request
    // header, is set here for every other answer. This app-wide hook runs before the plugin's.
    app.addHook('onSend', async (request, reply, payload) => {
      const contentType = reply.getHeader('content-type');
      if (typeof contentType !== 'string' || !isCompressibleType(contentType))
        request.headers[NO_COMPRESSION_HEADER] = 'holdfast';
      return payload;
    });
    await app.register(compress, {
      global: true,
      globalDecompression: false,
      threshold: COMPRESSION_THRESHOLD_BYTES,
      encodings: ['br', 'gzip'],
      customTypes: isCompressibleType,
    });
  },
  { name: 'holdfast-compression' },
);
