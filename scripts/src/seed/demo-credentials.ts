import { createActivity, listActivities } from '@holdfast/api/modules/credentials/activity-service';
import { createLicense, listLicenses } from '@holdfast/api/modules/credentials/license-service';
import type { SeedDeps } from './demo.js';

type AuditActor = Parameters<typeof createLicense>[2];
type ActivityInput = Parameters<typeof createActivity>[3];

/** A date `days` from `now` (negative: in the past), as YYYY-MM-DD. */
function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A multi-state clinician's credentials: a California LMFT renewing in about five months and a
 * Texas LPC renewing in about a year, with CE activities that count toward both (law and ethics)
 * or one (cultural competency), so the progress page shows shared allocations and what is missing.
 */
function demoActivities(now: Date): ActivityInput[] {
  return [
    {
      title: 'Law and ethics for multi-state practice',
      provider: 'Pacific CE Institute',
      completedOn: dayFrom(now, -200),
      hours: 6,
      format: 'live-online',
      topics: [
        { topic: 'Law and ethics', hours: 3 },
        { topic: 'Ethics', hours: 3 },
      ],
      notes: 'Covered telehealth across state lines.',
    },
    {
      title: 'Suicide risk assessment and intervention',
      provider: 'Bay Area Training Collaborative',
      completedOn: dayFrom(now, -120),
      hours: 6,
      format: 'live-in-person',
      topics: [{ topic: 'Suicide risk assessment and intervention', hours: 6 }],
      notes: '',
    },
    {
      title: 'Cultural humility in family therapy',
      provider: 'Lone Star Counseling Association',
      completedOn: dayFrom(now, -60),
      hours: 3,
      format: 'live-online',
      topics: [{ topic: 'Cultural diversity or competency', hours: 3 }],
      notes: '',
    },
    {
      title: 'Trauma-informed couples work',
      provider: 'Pacific CE Institute',
      completedOn: dayFrom(now, -30),
      hours: 8,
      format: 'self-study',
      topics: [],
      notes: 'On-demand course with a post-test.',
    },
  ];
}

/** Seeds the demo licenses and activities when the workspace has none; returns whether it wrote. */
export async function seedCredentials(
  deps: SeedDeps,
  workspaceId: string,
  actor: AuditActor,
): Promise<boolean> {
  if ((await listLicenses(deps, workspaceId)).length > 0) return false;
  const now = deps.now();
  await createLicense(deps, workspaceId, actor, {
    jurisdiction: 'CA',
    credentialType: 'LMFT',
    number: 'LMFT 123456',
    issuedOn: dayFrom(now, -575),
    expiresOn: dayFrom(now, 155),
    firstLicensedOn: '2019-03-14',
    supervisorStatus: 'none',
    status: 'active',
  });
  await createLicense(deps, workspaceId, actor, {
    jurisdiction: 'TX',
    credentialType: 'LPC',
    number: 'LPC 78910',
    issuedOn: dayFrom(now, -365),
    expiresOn: dayFrom(now, 365),
    firstLicensedOn: '2021-08-01',
    supervisorStatus: 'none',
    status: 'active',
  });
  if ((await listActivities(deps, workspaceId, { limit: 1 })).items.length === 0)
    for (const activity of demoActivities(now)) await createActivity(deps, workspaceId, actor, activity);
  return true;
}
