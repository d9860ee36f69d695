import { WriteConditionFailed, type TransactItem } from '../../platform/audit/audit-log.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { listAllActivities } from './activity-repo.js';
import type { Activity } from './activity-schema.js';
import {
  computeProgressFromTally,
  differenceOf,
  isEmptyDelta,
  isTallyOf,
  tallyActivities,
  tallyShapeOf,
  type CycleTally,
  type TallyDelta,
} from './cycle-tally.js';
import { describeRenewal, listLicenses } from './license-service.js';
import { computeLicenseProgress, type LicenseProgress } from './progress.js';
import type { Renewal } from './renewal-schema.js';
import type { License } from './schema.js';
import * as repo from './tally-repo.js';

/** Tries of an activity write whose tallies a rebuild replaced meanwhile (each re-reads them). */
const MAX_TALLY_ATTEMPTS = 4;

/** The tally writes of replacing `before` by `after` (a create has no `before`, a delete no `after`). */
export async function prepareTallyWrites(
  deps: AppDeps,
  tenantId: string,
  change: { before?: Activity; after?: Activity },
): Promise<TransactItem[]> {
  const read = await repo.readTallies(deps.db, tenantId);
  const deltas = new Map<string, TallyDelta>();
  for (const [licenseId, tally] of read.tallies) {
    const delta = differenceOf(tally, change.before, change.after);
    if (!isEmptyDelta(delta)) deltas.set(licenseId, delta);
  }
  return repo.buildTallyWrites(deps.db, tenantId, read, deltas);
}

/**
 * Commits an activity write with its tally writes: `commit` sends its own `ownCount` operations
 * followed by the tally writes. When a tally condition fails (a rebuild came between the read of
 * the tallies and the commit), the tallies are read again and the write retried.
 */
export async function commitWithTallies(
  deps: AppDeps,
  tenantId: string,
  change: { before?: Activity; after?: Activity },
  ownCount: number,
  commit: (tallyWrites: TransactItem[]) => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const tallyWrites = await prepareTallyWrites(deps, tenantId, change);
    try {
      await commit(tallyWrites);
      return;
    } catch (error) {
      const isTallyMoved =
        error instanceof WriteConditionFailed && error.failedIndexes.every((index) => index >= ownCount);
      if (!isTallyMoved) throw error;
      if (attempt >= MAX_TALLY_ATTEMPTS) throw talliesBusy();
    }
  }
}

/** The answer when rebuilds keep coming between an activity write's read and its commit. */
export function talliesBusy(): AppError {
  return new AppError('conflict', 'Your CE records were being updated at the same time: try again.');
}

/** An activity write lost the race with a tally rebuild: read the tallies again and retry it. */
export class TalliesMoved extends Error {
  constructor() {
    super('the CE tallies were rebuilt meanwhile');
    this.name = 'TalliesMoved';
  }
}

/**
 * Throws `TalliesMoved` when `error` is a failed transaction whose only failed conditions are
 * among `tallyWrites` (the items `prepareTallyWrites` gave, placed anywhere in `sent`).
 */
export function throwIfTalliesMoved(
  error: unknown,
  sent: readonly TransactItem[],
  tallyWrites: readonly TransactItem[],
): void {
  if (!(error instanceof WriteConditionFailed)) return;
  const failed = error.failedIndexes.map((index) => sent[index]);
  if (failed.length > 0 && failed.every((item) => item !== undefined && tallyWrites.includes(item)))
    throw new TalliesMoved();
}

type Pending = { license: License; renewal: Renewal };

/**
 * Each license's current cycle from its tally: the licenses and the tallies, two small queries.
 * A license whose tally is missing or counts another cycle or other topics (a new or edited
 * license, or activities written before tallies existed) is computed over the activities, and
 * its tally stored for the next read.
 */
export async function readLicenseProgress(
  deps: AppDeps,
  tenantId: string,
  today: string,
): Promise<LicenseProgress[]> {
  const [licenses, read] = await Promise.all([
    listLicenses(deps, tenantId),
    repo.readTallies(deps.db, tenantId),
  ]);
  const answers = new Map<string, LicenseProgress>();
  const pending: Pending[] = [];
  for (const license of licenses) {
    const renewal = describeRenewal(license);
    const shape = tallyShapeOf(renewal);
    const tally = read.tallies.get(license.id);
    const answer = !renewal.cycles.isKnown
      ? computeLicenseProgress(license, renewal, [], today)
      : shape !== undefined && tally !== undefined && isTallyOf(tally, shape)
        ? computeProgressFromTally(license, renewal, renewal.cycles.current, tally, today)
        : undefined;
    if (answer === undefined) pending.push({ license, renewal });
    else answers.set(license.id, answer);
  }
  const goneLicenseIds = [...read.tallies.keys()].filter((id) => !licenses.some((l) => l.id === id));
  if (pending.length > 0 || goneLicenseIds.length > 0) {
    // Consistent, so an activity committed before the guard was read is in the sum.
    const activities =
      pending.length === 0 ? [] : await listAllActivities(deps.db, tenantId, { isConsistent: true });
    const rebuilt = new Map<string, CycleTally>();
    for (const { license, renewal } of pending) {
      answers.set(license.id, computeLicenseProgress(license, renewal, activities, today));
      const shape = tallyShapeOf(renewal);
      const tally = read.tallies.get(license.id);
      if (shape !== undefined && (tally === undefined || !isTallyOf(tally, shape)))
        rebuilt.set(license.id, tallyActivities(shape, activities));
    }
    await repo.storeTallies(deps.db, tenantId, read, { tallies: rebuilt, goneLicenseIds });
  }
  return licenses.flatMap((license) => answers.get(license.id) ?? []);
}
