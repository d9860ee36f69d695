import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { CSRF_HEADER } from '../../lib/api/client';
import { ApiError, networkError, toProblem } from '../../lib/api/problem';
import type { UploadResult } from '../../lib/api/types';

/**
 * SHA-256 of a file computed in the browser as it is read in chunks, so the person can see that
 * the server stored exactly the bytes they chose (P-FILE-1). Stops when `signal` aborts.
 */
export async function hashFile(file: Blob, signal: AbortSignal): Promise<string> {
  const hash = sha256.create();
  const reader = file.stream().getReader();
  for (;;) {
    if (signal.aborted) {
      await reader.cancel();
      throw new DOMException('cancelled', 'AbortError');
    }
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return bytesToHex(hash.digest());
}

export type UploadOptions = {
  workspaceId: string;
  file: File;
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
};

/**
 * Uploads one file as the raw request body with XMLHttpRequest, whose upload events give a real
 * progress bar (fetch has none). Rejects with an ApiError carrying the API's problem.
 */
export function uploadFile({ workspaceId, file, onProgress, signal }: UploadOptions): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const query = new URLSearchParams({ filename: file.name });
    request.open('POST', `/v1/workspaces/${encodeURIComponent(workspaceId)}/documents?${query.toString()}`);
    request.withCredentials = true;
    request.setRequestHeader(CSRF_HEADER, '1');
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.responseType = 'json';
    request.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      if (request.status === 201) resolve(request.response as UploadResult);
      else reject(new ApiError(toProblem(request.response, request.status, request.statusText)));
    };
    request.onerror = () => reject(networkError());
    request.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}

/** "1.5 MB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'GB'}`;
}
