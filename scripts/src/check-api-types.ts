import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Fails when the generated API types (clients/typescript/src/schema.d.ts, which the SPA reads too)
 * no longer match api/openapi.json.
 * It runs each package's own `gen:api` command with its output redirected to a temporary file, so
 * the check and the regeneration can never use different generators or flags, then compares the
 * two files. Usage: `pnpm exec tsx scripts/src/check-api-types.ts`.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = ['clients/typescript'];
const OUTPUT_FLAGS = new Set(['-o', '--output']);

/** The words of `gen:api` with the path after its output flag replaced by `output`. */
function buildGenerateCommand(dir: string, output: string): { words: string[]; committed: string } {
  const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.['gen:api'];
  if (script === undefined) throw new Error(`${dir}/package.json has no gen:api script`);
  const words = script.split(/\s+/).filter((word) => word !== '');
  const flagAt = words.findIndex((word) => OUTPUT_FLAGS.has(word));
  const committed = words[flagAt + 1];
  if (flagAt === -1 || committed === undefined) throw new Error(`gen:api names no output file: ${script}`);
  words[flagAt + 1] = output;
  return { words, committed };
}

/** Regenerates one package's types into a scratch folder and compares; returns the exit code. */
function checkApiTypes(dir: string): number {
  const scratch = mkdtempSync(join(tmpdir(), 'holdfast-api-types-'));
  try {
    const fresh = join(scratch, 'schema.d.ts');
    const { words, committed } = buildGenerateCommand(dir, fresh);
    const result = spawnSync('pnpm', ['exec', ...words], {
      cwd: join(ROOT, dir),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) {
      process.stderr.write(`api types: the generator failed in ${dir}\n`);
      return 1;
    }
    if (readFileSync(fresh, 'utf8') !== readFileSync(join(ROOT, dir, committed), 'utf8')) {
      process.stderr.write(
        `api types: ${dir}/${committed} is stale against api/openapi.json; run \`pnpm -r gen:api\` and commit it\n`,
      );
      return 1;
    }
    process.stdout.write(`api types: ${dir}/${committed} matches api/openapi.json\n`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exit(Math.max(...PACKAGES.map(checkApiTypes)));
