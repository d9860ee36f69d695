import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Fails when the SPA's generated API types (web/src/lib/api/schema.d.ts) no longer match
 * api/openapi.json. It runs the web package's own `gen:api` command with its output redirected to
 * a temporary file, so the check and the regeneration can never use different generators or flags,
 * then compares the two files. Usage: `pnpm exec tsx scripts/src/check-api-types.ts`.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = join(ROOT, 'web');
const OUTPUT_FLAGS = new Set(['-o', '--output']);

/** The words of `gen:api` with the path after its output flag replaced by `output`. */
function buildGenerateCommand(output: string): { words: string[]; committed: string } {
  const manifest = JSON.parse(readFileSync(join(WEB, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.['gen:api'];
  if (script === undefined) throw new Error('web/package.json has no gen:api script');
  const words = script.split(/\s+/).filter((word) => word !== '');
  const flagAt = words.findIndex((word) => OUTPUT_FLAGS.has(word));
  const committed = words[flagAt + 1];
  if (flagAt === -1 || committed === undefined) throw new Error(`gen:api names no output file: ${script}`);
  words[flagAt + 1] = output;
  return { words, committed };
}

/** Regenerates into a scratch folder and compares; returns the exit code. */
function checkApiTypes(): number {
  const scratch = mkdtempSync(join(tmpdir(), 'holdfast-api-types-'));
  try {
    const fresh = join(scratch, 'schema.d.ts');
    const { words, committed } = buildGenerateCommand(fresh);
    const result = spawnSync('pnpm', ['exec', ...words], {
      cwd: WEB,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) {
      process.stderr.write('api types: the generator failed\n');
      return 1;
    }
    if (readFileSync(fresh, 'utf8') !== readFileSync(join(WEB, committed), 'utf8')) {
      process.stderr.write(
        `api types: web/${committed} is stale against api/openapi.json; run \`pnpm --filter @holdfast/web gen:api\` and commit it\n`,
      );
      return 1;
    }
    process.stdout.write(`api types: web/${committed} matches api/openapi.json\n`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exit(checkApiTypes());
