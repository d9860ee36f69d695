/** The privacy policy's versions and the notice a material change needs. */

export type PolicyVersion = {
  version: string;
  /** When the version was published and announced. */
  publishedAt: string;
  /** When it takes effect. A material change takes effect at least 7 days after it is announced. */
  effectiveAt: string;
  /** `initial` needs no announcement; `material` is emailed and shown in the app; `minor` is neither. */
  kind: 'initial' | 'material' | 'minor';
  summary: string;
};

export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    version: '1.0',
    publishedAt: '2026-10-01T00:00:00.000Z',
    effectiveAt: '2026-10-01T00:00:00.000Z',
    kind: 'initial',
    summary: 'First version.',
  },
];

/** A material change must be announced at least this long before it takes effect (P-RIGHT-5). */
export const POLICY_NOTICE_DAYS = 7;
