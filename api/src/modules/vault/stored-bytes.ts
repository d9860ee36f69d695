import type { AppDeps } from '../../platform/deps.js';
import * as repo from './repo.js';
import { blobKey } from './storage.js';

/** Deletes a tenant's stored bytes unless a blob record (still, or again) references them. */
export async function removeIfUnreferenced(deps: AppDeps, tenantId: string, sha256: string): Promise<void> {
  if ((await repo.getBlob(deps.db, tenantId, sha256)) === undefined) {
    await deps.blobs.delete(blobKey(tenantId, sha256));
  }
}
