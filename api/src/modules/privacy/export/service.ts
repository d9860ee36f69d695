import type { Readable } from 'node:stream';
import { buildWebUrl } from '../../../config.js';
import { createId } from '../../../platform/db/ids.js';
import type { AppDeps } from '../../../platform/deps.js';
import { sendEmail } from '../../notifications/service.js';
import { AppError } from '../../../platform/errors.js';
import { getMe } from '../../identity/service.js';
import { DATA_HOLDERS } from '../holders.js';
import { buildExport, type ExportProgress } from './build-export.js';
import * as repo from './repo.js';
import type { Export } from './schema.js';
import type { ExportSigner } from './signing-key.js';

/** A running export whose status has not moved for this long was interrupted (a restart). */
const STALLED_AFTER_MS = 10 * 60_000;
/** Progress is written at most this often, so a large export does not turn into a write storm. */
const PROGRESS_EVERY_MS = 500;

/** What the person sees: a finished export past its date is expired, a stalled one failed. */
function present(item: repo.ExportItem, now: Date): Export {
  const { objectKey: _objectKey, updatedAt, ...view } = item;
  if (view.status === 'ready' && view.expiresAt !== undefined && Date.parse(view.expiresAt) <= now.getTime())
    return { ...view, status: 'expired' };
  if (view.status === 'running' && now.getTime() - Date.parse(updatedAt) > STALLED_AFTER_MS)
    return { ...view, status: 'failed', error: 'The export was interrupted. Start a new one.' };
  return view;
}

export async function listExports(deps: AppDeps, userId: string): Promise<Export[]> {
  const now = deps.now();
  return (await repo.listExports(deps.db, userId, 20)).map((item) => present(item, now));
}

export async function getExport(deps: AppDeps, userId: string, exportId: string): Promise<Export> {
  const item = await repo.getExport(deps.db, userId, exportId);
  if (item === undefined) throw new AppError('not_found');
  return present(item, deps.now());
}

/** Deletes the ZIPs of the person's expired exports; the status items stay as history. */
async function sweepExpired(deps: AppDeps, userId: string): Promise<void> {
  const now = deps.now();
  for (const item of await repo.listExports(deps.db, userId, 20)) {
    if (present(item, now).status !== 'expired') continue;
    await deps.blobs.delete(item.objectKey);
    await repo.updateExport(deps.db, userId, item.id, { status: 'expired', updatedAt: now.toISOString() });
  }
}

/**
 * Starts building the person's export in the background and returns its status at once. One
 * export runs at a time per person; nothing is deleted or changed by exporting.
 */
export async function startExport(
  deps: AppDeps,
  signer: ExportSigner,
  userId: string,
  track: (work: Promise<void>) => void,
): Promise<Export> {
  await sweepExpired(deps, userId);
  const running = (await listExports(deps, userId)).find((e) => e.status === 'running');
  if (running !== undefined)
    throw new AppError('conflict', 'An export is already being built. Wait for it to finish.');
  const { user } = await getMe(deps, userId);
  const now = deps.now().toISOString();
  const id = createId();
  const item: repo.ExportItem = {
    id,
    status: 'running',
    phase: 'queued',
    done: 0,
    total: 0,
    createdAt: now,
    updatedAt: now,
    objectKey: `exports/${userId}/${id}.zip`,
  };
  await repo.putExport(deps.db, userId, item);
  track(runExport(deps, signer, { id: user.id, email: user.email }, item));
  return present(item, deps.now());
}

async function runExport(
  deps: AppDeps,
  signer: ExportSigner,
  user: { id: string; email: string },
  item: repo.ExportItem,
): Promise<void> {
  let lastWrite = 0;
  const onProgress = async (progress: ExportProgress) => {
    const at = deps.now();
    if (at.getTime() - lastWrite < PROGRESS_EVERY_MS && progress.done < progress.total) return;
    lastWrite = at.getTime();
    await repo.updateExport(deps.db, user.id, item.id, { ...progress, updatedAt: at.toISOString() });
  };
  try {
    const built = await buildExport(deps, {
      exportId: item.id,
      user,
      objectKey: item.objectKey,
      signer,
      holders: DATA_HOLDERS,
      onProgress,
    });
    const completedAt = deps.now();
    const expiresAt = new Date(completedAt.getTime() + deps.config.EXPORT_TTL_DAYS * 86_400_000);
    await repo.updateExport(deps.db, user.id, item.id, {
      status: 'ready',
      phase: 'done',
      completedAt: completedAt.toISOString(),
      updatedAt: completedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      ...built,
    });
    await sendEmail(deps, {
      dedupeKey: `export-ready:${item.id}`,
      to: user.email,
      userId: user.id,
      template: 'exportReady',
      data: { downloadUrl: buildWebUrl(deps.config, '/account/export'), expiresAt: expiresAt.toISOString() },
    });
  } catch (error) {
    // Nothing half-built stays downloadable: the partial ZIP goes, the status says why.
    await deps.blobs.delete(item.objectKey).catch(() => undefined);
    await repo
      .updateExport(deps.db, user.id, item.id, {
        status: 'failed',
        updatedAt: deps.now().toISOString(),
        error:
          (error as { code?: string }).code === 'integrity_failure'
            ? 'A stored file failed its integrity check, so the export was stopped. Contact support.'
            : 'The export could not be built. Try again.',
      })
      .catch(() => undefined);
    throw error;
  }
}

/** The ZIP of a ready export, streamed from storage. */
export async function openExportDownload(
  deps: AppDeps,
  userId: string,
  exportId: string,
): Promise<{ stream: Readable; filename: string; size?: number }> {
  const item = await repo.getExport(deps.db, userId, exportId);
  if (item === undefined) throw new AppError('not_found');
  const view = present(item, deps.now());
  if (view.status === 'expired') throw new AppError('gone', 'This export has expired. Start a new one.');
  if (view.status !== 'ready') throw new AppError('conflict', 'This export is not ready.');
  const stream = await deps.blobs.get(item.objectKey);
  if (stream === undefined) throw new AppError('gone', 'This export is no longer stored. Start a new one.');
  return {
    stream,
    filename: `holdfast-export-${item.createdAt.slice(0, 10)}-${item.id}.zip`,
    ...(item.size === undefined ? {} : { size: item.size }),
  };
}
