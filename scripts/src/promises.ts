import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Prints every promise id of PROMISES.md with the tests that name it, and exits non-zero when a
 * promise that a resolved issue covers has no test. Usage: `pnpm promises`.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Promises covered by the work that has landed; each must be named by at least one test. */
export const REQUIRED_PROMISES = [
  'P-AUTH-1',
  'P-AUTH-2',
  'P-AUTH-3',
  'P-AUTH-4',
  'P-AUTH-5',
  'P-ISO-1',
  'P-ISO-2',
  'P-ISO-3',
  'P-AUD-1',
  'P-AUD-2',
  'P-LOG-1',
  'P-AGE-1',
  'P-RIGHT-5',
  'P-LOG-2',
  'P-RIGHT-1',
  'P-RIGHT-2',
  'P-MAIL-1',
  'P-MAIL-2',
  'P-MAIL-3',
  'P-MAIL-4',
  'P-RIGHT-3',
  'P-RIGHT-4',
  'P-AUD-3',
  'P-HOOK-1',
  'P-HOOK-2',
  'P-HOOK-3',
  'P-HOOK-4',
  'P-PAY-1',
  'P-PAY-2',
  'P-FILE-1',
  'P-FILE-2',
  'P-CRED-1',
  'P-NOTES-1',
  'P-PHI-1',
  'P-PHI-2',
  'P-PHI-3',
  'P-PHI-4',
];

const TEST_ROOTS = ['test', 'api/src', 'web/src', 'infra/test', 'scripts/src'];
const TEST_FILE = /\.(test|spec)\.(ts|tsx)$/;
const ID = /\bP-[A-Z]+-\d+\b/g;

function findPromisesFile(): string | undefined {
  const candidates = [join(ROOT, '..', 'shared', 'PROMISES.md'), join(ROOT, 'shared', 'PROMISES.md')];
  return candidates.find((path) => existsSync(path));
}

function listTestFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTestFiles(path);
    return TEST_FILE.test(name) ? [path] : [];
  });
}

/** Test titles (first string argument of it/test/describe) that mention an id, per id. */
function collectProofs(): Map<string, Set<string>> {
  const proofs = new Map<string, Set<string>>();
  const title = /\b(?:it|test|describe)(?:\.\w+)?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
  for (const file of TEST_ROOTS.flatMap((root) => listTestFiles(join(ROOT, root)))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(title)) {
      const name = match[2] ?? '';
      for (const id of name.match(ID) ?? []) {
        const where = `${relative(ROOT, file)}: ${name.length > 90 ? `${name.slice(0, 87)}...` : name}`;
        proofs.set(id, (proofs.get(id) ?? new Set()).add(where));
      }
    }
  }
  return proofs;
}

function main(): void {
  const promisesFile = findPromisesFile();
  const declared =
    promisesFile === undefined
      ? [...REQUIRED_PROMISES]
      : [
          ...new Set(
            readFileSync(promisesFile, 'utf8')
              .match(/^- (P-[A-Z]+-\d+)/gm)
              ?.map((l) => l.slice(2)) ?? [],
          ),
        ];
  if (promisesFile === undefined)
    process.stdout.write('PROMISES.md not found beside the project; checking the required ids only.\n');
  const proofs = collectProofs();
  const missing: string[] = [];
  for (const id of declared) {
    const tests = [...(proofs.get(id) ?? [])];
    const isRequired = REQUIRED_PROMISES.includes(id);
    const status = tests.length > 0 ? 'proven' : isRequired ? 'MISSING' : 'not yet';
    process.stdout.write(`${id.padEnd(12)} ${status.padEnd(8)} ${tests.length} test(s)\n`);
    for (const test of tests) process.stdout.write(`             - ${test}\n`);
    if (tests.length === 0 && isRequired) missing.push(id);
  }
  const unknown = [...proofs.keys()].filter((id) => !declared.includes(id));
  if (unknown.length > 0)
    process.stdout.write(`Tests name ids that PROMISES.md does not declare: ${unknown.join(', ')}\n`);
  if (missing.length > 0) {
    process.stderr.write(`Promises without a proving test: ${missing.join(', ')}\n`);
    process.exit(1);
  }
  process.stdout.write(`${REQUIRED_PROMISES.length} required promises proven.\n`);
}

main();
