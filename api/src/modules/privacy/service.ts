import { buildWebUrl } from '../../config.js';
import type { AppDeps } from '../../platform/deps.js';
import { listPeople } from '../identity/service.js';
import { sendEmail } from '../notifications/service.js';
import {
  POLICY_NOTICE_DAYS,
  POLICY_VERSIONS,
  RECORD_TYPES,
  RETENTION_TEXT,
  SUBPROCESSORS,
  type PolicyVersion,
} from './inventory.js';
import * as repo from './repo.js';
import type { PolicyStatus, PrivacyInventory } from './schema.js';

const DAY_MS = 86_400_000;

/** The version in effect at `now`, and the next announced one, if any. */
export function policyStatus(
  versions: readonly PolicyVersion[],
  now: Date,
): { current: PolicyVersion; upcoming?: PolicyVersion } {
  const sorted = [...versions].sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt));
  const inEffect = sorted.filter((v) => Date.parse(v.effectiveAt) <= now.getTime());
  const current = inEffect.at(-1) ?? sorted[0];
  if (current === undefined) throw new Error('the privacy policy has no version');
  const upcoming = sorted.find(
    (v) => Date.parse(v.effectiveAt) > now.getTime() && Date.parse(v.publishedAt) <= now.getTime(),
  );
  return { current, ...(upcoming === undefined ? {} : { upcoming }) };
}

/** Problems with a list of versions: a material change announced less than 7 days ahead (P-RIGHT-5). */
export function findPolicyScheduleProblems(versions: readonly PolicyVersion[]): string[] {
  return versions
    .filter((v) => v.kind === 'material')
    .filter((v) => Date.parse(v.effectiveAt) - Date.parse(v.publishedAt) < POLICY_NOTICE_DAYS * DAY_MS)
    .map(
      (v) => `policy ${v.version} takes effect less than ${POLICY_NOTICE_DAYS} days after it is announced`,
    );
}

/** The policy version in effect and the next announced one, for the banner on every signed-in page. */
export function getPolicyStatus(now: Date): PolicyStatus {
  return policyStatus(POLICY_VERSIONS, now);
}

/** What the privacy and subprocessor pages show, straight from the inventory. */
export function getPrivacyInventory(now: Date): PrivacyInventory {
  const { current, upcoming } = policyStatus(POLICY_VERSIONS, now);
  return {
    policy: {
      current,
      ...(upcoming === undefined ? {} : { upcoming }),
      versions: [...POLICY_VERSIONS].sort((a, b) => b.effectiveAt.localeCompare(a.effectiveAt)),
    },
    recordTypes: RECORD_TYPES.map((type) => ({
      entity: type.entity,
      label: type.label,
      fields: type.fields,
      purpose: type.purpose,
      retention: RETENTION_TEXT[type.retention],
      providers: [...type.providers],
      correction: type.correction.how,
    })),
    subprocessors: SUBPROCESSORS.map(({ id, name, purpose, data, location, when }) => ({
      id,
      name,
      purpose,
      data,
      location,
      when,
    })),
  };
}

/**
 * Emails every account about each announced material policy version it has not been told about.
 * Safe to run on a schedule and to run twice: the outbox dedupes each person's notice of a version,
 * and a notice record lets later runs skip them without touching the outbox.
 */
export async function announcePolicyChanges(
  deps: AppDeps,
  versions: readonly PolicyVersion[] = POLICY_VERSIONS,
): Promise<{ notified: number }> {
  const problems = findPolicyScheduleProblems(versions);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const now = deps.now();
  const due = versions.filter(
    (v) =>
      v.kind === 'material' &&
      Date.parse(v.publishedAt) <= now.getTime() &&
      Date.parse(v.effectiveAt) > now.getTime(),
  );
  let notified = 0;
  if (due.length === 0) return { notified };
  for await (const user of listPeople(deps)) {
    for (const version of due) {
      if (await repo.hasPolicyNotice(deps.db, user.id, version.version)) continue;
      await sendPolicyNotice(deps, user, version);
      if (await repo.recordPolicyNotice(deps.db, user.id, version.version, now.toISOString())) notified += 1;
    }
  }
  return { notified };
}

/** Through the outbox: its dedupe key (version and person) means a re-run never emails anyone twice. */
async function sendPolicyNotice(
  deps: AppDeps,
  user: { id: string; email: string },
  version: PolicyVersion,
): Promise<void> {
  const effective = new Date(version.effectiveAt).toUTCString().slice(0, 16);
  await sendEmail(deps, {
    dedupeKey: `policy-notice:${version.version}:${user.id}`,
    to: user.email,
    userId: user.id,
    template: 'serviceNotice',
    data: {
      subject: `Holdfast's privacy policy changes on ${effective}`,
      heading: 'Our privacy policy is changing',
      paragraphs: [
        `Our privacy policy changes to version ${version.version} on ${effective}.`,
        version.summary,
      ],
      link: { label: 'Read the policy', url: buildWebUrl(deps.config, '/privacy') },
    },
  });
}
