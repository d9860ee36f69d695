import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The SPA's size budget, checked after `vite build`: the JavaScript the first page downloads
 * (sign-in and the incident list: the entry script and every chunk index.html preloads) must stay
 * within FIRST_PAGE_BUDGET_BYTES gzipped. Pages behind other routes load with their own chunks
 * (web/src/app/router.tsx), so a page that slips back into the entry fails here.
 * Usage: `pnpm exec tsx scripts/src/check-web-size.ts` (prints the sizes either way).
 */

const FIRST_PAGE_BUDGET_BYTES = 150 * 1024;
const DIST = join(fileURLToPath(new URL('../../', import.meta.url)), 'web', 'dist');

/** The scripts index.html loads up front: its module script and its modulepreload links. */
export function listFirstPageScripts(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"[^>]*>/gu))
    if (match[1] !== undefined) found.add(match[1]);
  return [...found];
}

function main(): void {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const scripts = listFirstPageScripts(html);
  if (scripts.length === 0) throw new Error('web/dist/index.html loads no script: run `vite build` first');
  let total = 0;
  for (const script of scripts) {
    const bytes = readFileSync(join(DIST, script.replace(/^\//u, '')));
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    total += gzipped;
    console.log(`${script}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzip`);
  }
  const verdict = total <= FIRST_PAGE_BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `first page JavaScript: ${(total / 1024).toFixed(1)} KB gzip, ${verdict} the budget of ${FIRST_PAGE_BUDGET_BYTES / 1024} KB`,
  );
  if (total > FIRST_PAGE_BUDGET_BYTES) process.exitCode = 1;
}

main();
