import type { AppDeps } from '../../platform/deps.js';
import type { PhiSealedHeader } from '../../platform/phi/index.js';
import { phiContext, type Caller } from './caller.js';
import { CHECK_IN, type Trend } from './schema.js';

/** The most check-ins one trend reads: a year of several a day. */
const TREND_MAX = 2000;

/** Mood, anxiety and sleep of the caller's check-ins over the last N days, oldest first. */
export async function getTrend(deps: AppDeps, caller: Caller, days: number): Promise<Trend> {
  const to = deps.now();
  const from = new Date(to.getTime() - days * 86_400_000);
  const headers: PhiSealedHeader[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.phi.queryHeaders(caller.tenantId, {
      kind: CHECK_IN.kind,
      ownerId: caller.userId,
      from: from.toISOString(),
      to: to.toISOString(),
      isDeleted: false,
      isNewestFirst: false,
      limit: 500,
      ...(startKey === undefined ? {} : { startKey }),
    });
    headers.push(...page.headers);
    startKey = page.lastKey;
  } while (startKey !== undefined && headers.length < TREND_MAX);
  const records = await deps.phi.open(
    phiContext(caller),
    headers.slice(0, TREND_MAX),
    'wellbeing.check-in.trend-read',
    ['mood', 'anxiety', 'sleepHours'],
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    points: records.map((r) => ({
      id: r.id,
      occurredAt: r.sortDate,
      mood: r.fields.mood as number,
      anxiety: r.fields.anxiety as number,
      ...(typeof r.fields.sleepHours === 'number' ? { sleepHours: r.fields.sleepHours } : {}),
    })),
  };
}
