import { Value } from 'typebox/value';
import rulesV1 from './ce-requirements.v1.json' with { type: 'json' };
import { IS_SHIPPED_DATA_CHECKED_AT_BUILD } from '../../../platform/shipped-data-check.js';
import { CatalogueFileSchema, type CatalogueRule } from './catalogue-schema.js';

/**
 * The built-in requirement catalogue. Rules change, so the data ships as a versioned file: a new
 * version is a new JSON file and a new entry here, and each license shows which version it was
 * matched against. The file is checked against its schema when the module loads (or, in a bundle,
 * when the bundle is built), so a bad data update stops the service at start, or its build,
 * instead of showing a wrong rule to someone.
 */
export const CATALOGUE_VERSION = 'v1';

/** The credential types the catalogue has rules for (the part of its `license` before any note). */
export const CREDENTIAL_TYPES = ['LMFT', 'LCSW', 'LPC', 'Psychologist', 'RN'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** Validates catalogue data, naming the first broken paths; exported so the check itself is tested. */
export function parseCatalogue(data: unknown): CatalogueRule[] {
  if (!Value.Check(CatalogueFileSchema, data)) {
    const problems = [...Value.Errors(CatalogueFileSchema, data)]
      .slice(0, 5)
      .map((error) => `${error.instancePath || '/'} ${error.message}`);
    throw new Error(`the CE requirement catalogue is not valid: ${problems.join('; ')}`);
  }
  const seen = new Set<string>();
  for (const rule of data) {
    const key = ruleKey(rule.jurisdiction, baseCredentialType(rule.license));
    if (seen.has(key)) throw new Error(`the CE requirement catalogue has two rules for ${key}`);
    seen.add(key);
  }
  return data;
}

/** "LPC (CA title: LPCC)" → "LPC": the catalogue names a state's own title after the common one. */
export function baseCredentialType(license: string): string {
  return license.split(/[\s(]/, 1)[0] ?? license;
}

export function ruleKey(jurisdiction: string, credentialType: string): string {
  return `${jurisdiction}#${credentialType}`;
}

/** The shipped rules: checked here, unless the bundle's build checked these same bytes already. */
function loadRules(): CatalogueRule[] {
  const data: unknown = rulesV1;
  return IS_SHIPPED_DATA_CHECKED_AT_BUILD ? (data as CatalogueRule[]) : parseCatalogue(data);
}

const RULES = loadRules();
const BY_KEY = new Map(
  RULES.map((rule) => [ruleKey(rule.jurisdiction, baseCredentialType(rule.license)), rule]),
);

/** Every rule of the current catalogue version. */
export function listRules(): readonly CatalogueRule[] {
  return RULES;
}

/** The rule for a license, or undefined when the catalogue has none (the license still works). */
export function findRule(jurisdiction: string, credentialType: string): CatalogueRule | undefined {
  return BY_KEY.get(ruleKey(jurisdiction, credentialType));
}
