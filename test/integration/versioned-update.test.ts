// The one answer of optimistic concurrency: how a failed write condition becomes 404, 409 conflict
// or 409 version_conflict with currentVersion, and that no other failure is disguised as one.
import { describe, expect, it } from '@jest/globals';
import { WriteConditionFailed } from '@holdfast/api/platform/audit/audit-log';
import { AppError } from '@holdfast/api/platform/errors';
import {
  explainFailedCondition,
  versionConflict,
  writeVersioned,
} from '@holdfast/api/platform/db/versioned-update';

describe('versioned writes', () => {
  it('a stale version answers 409 version_conflict carrying the current version', () => {
    const error = versionConflict('This incident', 4);
    expect(error.status).toBe(409);
    expect(error.code).toBe('version_conflict');
    expect(error.extra.currentVersion).toBe(4);
  });

  it('explains a failed condition from the current state: gone, wrong side of deletion, newer version', () => {
    expect(explainFailedCondition(undefined, 'incident', false).code).toBe('not_found');
    const deleted = explainFailedCondition(
      { version: 3, deletedAt: '2026-01-01T00:00:00Z' },
      'incident',
      false,
    );
    expect(deleted.code).toBe('conflict');
    expect(deleted.detail).toBe('This incident is deleted; restore it first.');
    expect(explainFailedCondition({ version: 3 }, 'incident', true).detail).toBe(
      'This incident is not deleted.',
    );
    expect(explainFailedCondition({ version: 3 }, 'incident', false).extra.currentVersion).toBe(3);
  });

  it('only a failed write condition is explained; other failures pass through', async () => {
    const explain = () => Promise.resolve(versionConflict('This record', 2));
    await expect(
      writeVersioned(() => Promise.reject(new WriteConditionFailed([0])), explain),
    ).rejects.toMatchObject({ code: 'version_conflict', extra: { currentVersion: 2 } });
    const other = new Error('network');
    await expect(writeVersioned(() => Promise.reject(other), explain)).rejects.toBe(other);
    await expect(writeVersioned(() => Promise.resolve('ok'), explain)).resolves.toBe('ok');
    expect(versionConflict('This record', 2)).toBeInstanceOf(AppError);
  });
});
