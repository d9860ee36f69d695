import { WriteConditionFailed } from '../audit/audit-log.js';
import { AppError } from '../errors.js';

/**
 * Optimistic concurrency, one answer for every module: a change carries the `version` the
 * client edited, the write is conditioned on it (`buildVersionedUpdate`), and a stale one
 * answers 409 `version_conflict` with `currentVersion`, so the client can reload and reapply.
 */

/** The 409 of a stale version. `subject` opens the sentence ("This incident", "Your safety plan"). */
export function versionConflict(subject: string, currentVersion: number): AppError {
  return new AppError(
    'version_conflict',
    `${subject} changed since you opened it (now version ${currentVersion}). Reload it and apply your edit again.`,
    { currentVersion },
  );
}

/** What a failed condition is explained from: the record as it is now. */
export type VersionedState = { version: number; deletedAt?: string };

/**
 * Why a conditional write on a soft-deletable record failed, read from its current state: gone
 * (404), on the wrong side of deletion (409 `conflict`), or a newer version (409 with
 * `currentVersion`). `noun` names the record in the messages ("incident", "record").
 */
export function explainFailedCondition(
  current: VersionedState | undefined,
  noun: string,
  expectDeleted: boolean,
): AppError {
  if (current === undefined) return new AppError('not_found');
  const isDeleted = current.deletedAt !== undefined;
  if (isDeleted !== expectDeleted) {
    return new AppError(
      'conflict',
      isDeleted ? `This ${noun} is deleted; restore it first.` : `This ${noun} is not deleted.`,
    );
  }
  return versionConflict(`This ${noun}`, current.version);
}

/**
 * Runs a conditional write; when its condition failed (`WriteConditionFailed`), throws what
 * `explain` makes of the record's current state. Any other failure passes through unchanged.
 */
export async function writeVersioned<T>(
  write: () => Promise<T>,
  explain: () => Promise<AppError>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof WriteConditionFailed) throw await explain();
    throw error;
  }
}
