import type { CatalogueRule } from './catalogue/catalogue-schema.js';
import { CATALOGUE_VERSION } from './catalogue/load-catalogue.js';
import type { RuleView } from './renewal-schema.js';

/** Said on every page that shows a rule: the catalogue is a reading of the rules, not the rule. */
export const BOARD_NOTICE =
  'These rules were read from board rules, statutes and board pages as of 2026 and can change: the licensing board’s current rule is what counts. Check it, and set your own numbers where it differs.';

/** A catalogue rule as the API shows it, with its source dates as a list. */
export function toRuleView(rule: CatalogueRule): RuleView {
  return {
    catalogueVersion: CATALOGUE_VERSION,
    jurisdiction: rule.jurisdiction,
    license: rule.license,
    cycleMonths: rule.cycleMonths,
    cycleAnchor: rule.cycleAnchor,
    totalHours: rule.totalHours,
    topics: rule.topics,
    limits: rule.limits,
    exemptions: rule.exemptions,
    sources: rule.sources,
    sourceDates: Object.entries(rule.sourceDates ?? {}).map(([source, date]) => ({ source, date })),
    confidence: rule.confidence,
  };
}
