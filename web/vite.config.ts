// The one file of the web package that reads process.env (build and dev-server settings only).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { previewLikeProduction } from './preview-like-production';

const API_URL = process.env.HOLDFAST_API_URL ?? 'http://127.0.0.1:3000';
const WEB_PORT = Number(process.env.HOLDFAST_WEB_PORT ?? '5173');

/** The SPA calls the API on its own origin; these paths are forwarded to the API server. */
const proxy = {
  '/v1': { target: API_URL, changeOrigin: false },
  '/openapi.json': { target: API_URL, changeOrigin: false },
  '/docs': { target: API_URL, changeOrigin: false },
  '/.well-known': { target: API_URL, changeOrigin: false },
};

export default defineConfig({
  plugins: [react(), previewLikeProduction()],
  server: { host: '127.0.0.1', port: WEB_PORT, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: WEB_PORT, strictPort: true, proxy },
  // No source maps in the build: web/dist is what gets published, and maps would publish the
  // source with it (scripts/src/check-web-build.ts fails the build check if one appears).
  build: { sourcemap: false },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
