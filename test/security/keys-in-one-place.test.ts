// Every DynamoDB key is composed in api/src/platform/db/keys.ts (the indexes' in index-keys.ts and the
// PHI table's in phi-keys.ts beside it): partition keys, sort keys,
// sort-key prefixes, GSI values and range bounds, for the main table and the PHI table alike. A
// key written by hand elsewhere is how an item ends up outside its tenant's partition or out of
// reach of a query, so this proves it over the source tree rather than by review.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRODUCT_ROOTS = ['api/src', 'scripts/src', 'infra/src', 'web/src'];
const KEYS_FILE = 'api/src/platform/db/keys.ts';
/** The key catalogue: keys.ts, and the index and PHI table keys beside it. */
const KEY_FILES = new Set([
  KEYS_FILE,
  'api/src/platform/db/index-keys.ts',
  'api/src/platform/db/phi-keys.ts',
]);

type Rule = { name: string; pattern: RegExp };

const RULES: Rule[] = [
  {
    name: 'writes a key attribute as a literal',
    pattern: /\b(?:PK|SK|GSI\dPK|GSI\dSK)\s*:\s*['"`]/u,
  },
  {
    name: 'compares a key attribute with a literal',
    pattern: /\.(?:PK|SK|GSI\dPK|GSI\dSK)\s*[!=]==?\s*['"`]/u,
  },
  {
    // `WB#`, `TENANT#${id}`: a key prefix is an upper-case word followed by `#`.
    name: 'spells a key prefix',
    pattern: /['"`][A-Z][A-Z0-9]*#/u,
  },
  {
    name: 'declares a key constant',
    pattern: /\b[A-Z][A-Z0-9_]*_(?:PK|SK|PREFIX|PARTITION)\s*=\s*['"`][A-Z][A-Z0-9]*(?:#|['"`])/u,
  },
  {
    // ':profile': 'PROFILE', ':prefix': 'MEMBER#' (lower-case values such as 'pending' are data).
    name: 'passes a key value to a query as a literal',
    pattern: /':\w+'\s*:\s*['"`][A-Z][A-Z0-9]{2,}(?:#|['"`])/u,
  },
  {
    // `${SK_PREFIX.attachment}${type}#`, `${tenantPk(t)}#WB`: a new key grown from a piece of one.
    name: 'extends a key from keys.ts',
    pattern: /\$\{(?:SK_PREFIX|PLATFORM_PREFIX|TENANT_PREFIX)\b|\$\{(?:tenantPk|platformPk)\([^`]*\)\}[^`]/u,
  },
  {
    // `${at}#~`, `${to}~`: the upper bound of a sort-key range.
    name: 'builds a sort-key range bound',
    pattern: /[#}]~['"`]/u,
  },
];

/** The source without comments, so a comment may describe a key (`TENANT#<t> / PROFILE`). */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:\\'"`])\/\/[^\n]*/gu, '$1');
}

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.(ts|tsx|mts)$/u.test(name) && !/\.(test|spec)\.tsx?$/u.test(name) && !name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

function isAllowed(file: string): boolean {
  return KEY_FILES.has(file);
}

/** Every (file, rule) where a product file composes a key by hand. */
function findViolations(files: { file: string; source: string }[]): string[] {
  return files
    .filter(({ file }) => !isAllowed(file))
    .flatMap(({ file, source }) => {
      const code = stripComments(source);
      return RULES.filter((rule) => rule.pattern.test(code)).map((rule) => `${file} ${rule.name}`);
    });
}

const sources = PRODUCT_ROOTS.flatMap((root) => listSources(join(ROOT, root))).map((path) => ({
  file: relative(ROOT, path).split('\\').join('/'),
  source: readFileSync(path, 'utf8'),
}));

describe('keys in one place', () => {
  it('no product file outside platform/db/keys.ts writes a key, sort-key prefix or GSI value by hand', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((s) => s.file === KEYS_FILE)).toBe(true);
    expect(findViolations(sources)).toEqual([]);
  });

  it('the check catches each kind of hand-made key and lets ordinary strings through (control)', () => {
    const file = 'api/src/modules/journal/repo.ts';
    const offenders = [
      "const key = { PK: platformPk('user', id), SK: 'PROFILE' };",
      'const item = { GSI1SK: `${date}#${id}` };',
      "const main = items.find((item) => item.SK === 'SUPPRESSION');",
      "const sk = 'WB#checkin#1';",
      'const pk = `TENANT#${tenantId}`;',
      "const PREFERENCES_SK = 'EMAILPREFS';",
      "const values = { ':pk': pk, ':profile': 'PROFILE' };",
      "const values = { ':pk': pk, ':prefix': 'MEMBER#' };",
      "const values = { ':upTo': `${nowIso}#~` };",
      'const prefix = `${SK_PREFIX.attachment}${recordType}#${recordId}#`;',
      'const partition = `${tenantPk(tenantId)}#WB#${kind}`;',
      "const values = { ':to': `${to ?? '9999'}~` };",
    ].map((source) => ({ file, source }));
    for (const offender of offenders) expect(findViolations([offender]).length).toBeGreaterThan(0);
    const harmless = [
      "/** Items: `TENANT#<t> / INCIDENT#<id>`, with `SK: 'PROFILE'` in a comment. */",
      "// under `DELETION#<user> / REQUEST`, see keys.ts ('WB#' is the PHI record prefix)",
      "const url = 'https://example.test/a#b';",
      "const ENC_PREFIX = 'enc_';",
      "const API_KEY_PREFIX = 'hf_';",
      "const values = { ':pending': 'pending', ':owner': ownerId };",
      "const methods = new Set(['GET', 'HEAD', 'OPTIONS']);",
      "names[`#${kind}`] = kind; const colour = '#1c2424';",
      'const key = { PK: tenantPk(tenantId), SK: SK.incident(id) };',
    ].map((source) => ({ file, source }));
    expect(findViolations(harmless)).toEqual([]);
    // keys.ts itself, and only it, may spell them.
    expect(findViolations([{ file: KEYS_FILE, source: offenders[0]?.source ?? '' }])).toEqual([]);
  });
});
