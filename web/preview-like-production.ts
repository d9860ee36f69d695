import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { brotliCompress, constants } from 'node:zlib';
import { promisify } from 'node:util';
import type { Connect, Plugin } from 'vite';

const compressWithBrotli = promisify(brotliCompress);

/** The Cache-Control CloudFront sets (infra/src/constructs/web-distribution.ts). */
const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
const PAGE_CACHE_CONTROL = 'no-cache';

/** Paths the preview server forwards to the API, which sets its own headers and compresses itself. */
const API_PATH_PREFIXES = ['/v1/', '/openapi.json', '/docs', '/.well-known/'];

const TEXT_ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
};

/**
 * `vite preview` serving the build the way CloudFront does in production, so browser tests and
 * `pnpm bench:web` measure what a visitor downloads: hashed assets cached for a year and every
 * page `no-cache` (the headers of web-distribution.ts), and scripts and stylesheets brotli-encoded
 * for a browser that accepts it (CloudFront's `compress`, on by default; `vite preview` alone only
 * gzips). The encoded copy of each file is kept in memory: the build does not change while served.
 */
export function previewLikeProduction(): Plugin {
  return {
    name: 'holdfast-preview-like-production',
    configurePreviewServer(server) {
      const assetsDir = resolve(server.config.root, server.config.build.outDir, 'assets');
      const encoded = new Map<string, Promise<Buffer>>();
      const serveEncoded: Connect.NextHandleFunction = (request, response, next) => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        if (API_PATH_PREFIXES.some((prefix) => path.startsWith(prefix))) return next();
        const isAsset = path.startsWith('/assets/');
        response.setHeader('Cache-Control', isAsset ? ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL);
        const contentType = TEXT_ASSET_TYPES[extname(path)];
        const acceptsBrotli = /\bbr\b/u.test(request.headers['accept-encoding'] ?? '');
        if (!isAsset || contentType === undefined || !acceptsBrotli || request.method !== 'GET')
          return next();
        // Only a file directly in assets/: the name is taken without any folder a URL could add.
        const file = join(assetsDir, basename(path));
        let body = encoded.get(file);
        if (body === undefined) {
          body = readFile(file).then((bytes) =>
            compressWithBrotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
          );
          encoded.set(file, body);
        }
        body.then(
          (bytes) => {
            response.setHeader('Content-Type', contentType);
            response.setHeader('Content-Encoding', 'br');
            response.setHeader('Vary', 'Accept-Encoding');
            response.setHeader('Content-Length', bytes.length);
            response.end(bytes);
          },
          () => {
            // A missing file: the static server answers it (404) as it would without this step.
            encoded.delete(file);
            next();
          },
        );
      };
      server.middlewares.use(serveEncoded);
    },
  };
}
