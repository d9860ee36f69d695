// P-PHI-3: one module is the only code that reads or writes the PHI table. Proven over the source
// tree, not a hand-kept list: every product file is read and checked for what names the table,
// its client, or the chokepoint's insides.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRODUCT_ROOTS = ['api/src', 'scripts/src', 'web/src', 'infra/src'];
const CHOKEPOINT = 'api/src/platform/phi/';

/** Where the table is declared (for creating it everywhere alike), never used to reach it. */
const DECLARATION = 'api/src/platform/db/table-definition.ts';
/** Where every key is composed, the PHI table's too; only the chokepoint may use its PHI builders. */
const KEYS_FILE = 'api/src/platform/db/phi-keys.ts';
/** Who may import the chokepoint's public face: the app that builds it, its type, and the one module. */
const MAY_IMPORT_CHOKEPOINT = ['api/src/app.ts', 'api/src/platform/deps.ts', 'api/src/modules/wellbeing/'];

type Rule = { name: string; pattern: RegExp; isAllowed: (file: string) => boolean };

const RULES: Rule[] = [
  {
    name: 'names the PHI table definition',
    pattern: /\bPHI_TABLE\b/u,
    isAllowed: (file) => file.startsWith(CHOKEPOINT) || file === DECLARATION,
  },
  {
    name: 'spells the PHI table’s logical name',
    pattern: /['"`]phi['"`]|-phi['"`]/u,
    isAllowed: (file) => file.startsWith(CHOKEPOINT) || file === DECLARATION,
  },
  {
    name: 'imports a file inside the chokepoint',
    pattern: /from\s+['"][^'"]*platform\/phi\/(?!index\.js['"])[^'"]+['"]/u,
    isAllowed: (file) => file.startsWith(CHOKEPOINT),
  },
  {
    name: 'imports the chokepoint',
    pattern: /from\s+['"][^'"]*platform\/phi\/index\.js['"]/u,
    isAllowed: (file) => file.startsWith(CHOKEPOINT) || MAY_IMPORT_CHOKEPOINT.some((p) => file.startsWith(p)),
  },
  {
    name: 'uses the PHI store of the app',
    pattern: /\bdeps\.phi\b|\.deps\.phi\b/u,
    isAllowed: (file) => file.startsWith('api/src/modules/wellbeing/'),
  },
  {
    name: 'builds a wellbeing item key',
    pattern: /['"`]WB(SHARE)?#|['"`]PHIKEY['"`]/u,
    isAllowed: (file) => file.startsWith(CHOKEPOINT) || file === KEYS_FILE,
  },
  {
    name: 'uses the wellbeing key builders',
    pattern: /\bPHI_KEYS\b/u,
    isAllowed: (file) => file.startsWith(CHOKEPOINT) || file === KEYS_FILE,
  },
];

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.(ts|tsx|mts)$/u.test(name) && !/\.(test|spec)\.tsx?$/u.test(name) ? [path] : [];
  });
}

/** Every (file, rule) where a product file breaks a rule. */
function findViolations(files: { file: string; source: string }[]): string[] {
  return files.flatMap(({ file, source }) =>
    RULES.filter((rule) => rule.pattern.test(source) && !rule.isAllowed(file)).map(
      (rule) => `${file} ${rule.name}`,
    ),
  );
}

const sources = PRODUCT_ROOTS.flatMap((root) => listSources(join(ROOT, root))).map((path) => ({
  file: relative(ROOT, path).split('\\').join('/'),
  source: readFileSync(path, 'utf8'),
}));

describe('the PHI chokepoint', () => {
  it('P-PHI-3 no product file outside platform/phi names the PHI table, its keys or the chokepoint’s insides; only the wellbeing module uses it', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((s) => s.file.startsWith(CHOKEPOINT))).toBe(true);
    expect(findViolations(sources)).toEqual([]);
  });

  it('P-PHI-3 the check catches each kind of violation (control)', () => {
    const offenders = [
      {
        file: 'api/src/modules/journal/repo.ts',
        source: "import { PHI_TABLE } from '../../platform/db/table-definition.js';",
      },
      { file: 'api/src/modules/journal/repo.ts', source: 'const name = `${prefix}-phi`;' },
      {
        file: 'api/src/modules/wellbeing/service.ts',
        source: "import { TenantKeys } from '../../platform/phi/tenant-keys.js';",
      },
      {
        file: 'api/src/modules/journal/service.ts',
        source: "import { PhiStore } from '../../platform/phi/index.js';",
      },
      { file: 'api/src/modules/accounts/service.ts', source: 'await deps.phi.getHeader(t, k, id);' },
      { file: 'api/src/modules/journal/repo.ts', source: "const sk = 'WB#checkin#1';" },
      { file: 'api/src/modules/journal/repo.ts', source: "const sk = PHI_KEYS.record('checkin', id);" },
    ];
    expect(findViolations(offenders)).toHaveLength(offenders.length);
    // The wellbeing module through the public face is fine.
    expect(
      findViolations([
        {
          file: 'api/src/modules/wellbeing/service.ts',
          source: "import { PhiStore } from '../../platform/phi/index.js'; deps.phi.open();",
        },
      ]),
    ).toEqual([]);
  });
});
