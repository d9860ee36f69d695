import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { queryKeys } from '../../lib/api/query-keys';
import { formatSize, hashFile, uploadFile } from './upload';

type UploadState = 'uploading' | 'checking' | 'verified' | 'mismatch' | 'failed' | 'cancelled';

type UploadItem = {
  key: number;
  name: string;
  size: number;
  loaded: number;
  state: UploadState;
  error?: string;
  documentId?: string;
  controller: AbortController;
};

const STATE_TEXT: Record<UploadState, string> = {
  uploading: 'Uploading…',
  checking: 'Checking the fingerprint…',
  verified: 'Verified: the stored file matches yours',
  mismatch: 'The stored fingerprint does not match this file',
  failed: 'Upload failed',
  cancelled: 'Cancelled',
};

/**
 * Drag-and-drop or picker upload of several files at once. Each file has its own progress bar,
 * cancel button and error; its SHA-256 is computed here while it uploads and compared with the
 * one the API stored it under ("verified").
 */
export function Uploader({ workspaceId }: { workspaceId: string }) {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [isOver, setIsOver] = useState(false);
  const nextKey = useRef(1);
  const input = useRef<HTMLInputElement>(null);

  const update = (key: number, change: Partial<UploadItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const start = (file: File) => {
    const key = nextKey.current;
    nextKey.current += 1;
    const controller = new AbortController();
    setItems((current) => [
      ...current,
      { key, name: file.name, size: file.size, loaded: 0, state: 'uploading', controller },
    ]);
    const localHash = hashFile(file, controller.signal);
    uploadFile({
      workspaceId,
      file,
      signal: controller.signal,
      onProgress: (loaded) => update(key, { loaded }),
    })
      .then(async (result) => {
        update(key, { loaded: file.size, state: 'checking', documentId: result.document.id });
        await queryClient.invalidateQueries({ queryKey: queryKeys.documents(workspaceId) });
        const hash = await localHash;
        update(key, { state: hash === result.document.sha256 ? 'verified' : 'mismatch' });
      })
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') update(key, { state: 'cancelled' });
        else update(key, { state: 'failed', error: describeError(error) });
      });
    localHash.catch(() => undefined);
  };

  const onFiles = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) start(file);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsOver(false);
    onFiles(event.dataTransfer.files);
  };

  return (
    <section className="section" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Add documents</h2>
      <div
        className={`dropzone${isOver ? ' dropzone-over' : ''}`}
        data-testid="upload-dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setIsOver(true);
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={onDrop}
      >
        <p>Drop files here, or</p>
        <label className="button button-primary">
          Choose files
          <input
            ref={input}
            type="file"
            multiple
            className="visually-hidden"
            accept="application/pdf,image/png,image/jpeg,image/webp,image/heic,image/heif,text/plain"
            data-testid="upload-input"
            onChange={(event) => {
              onFiles(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        <p className="muted small">PDF, PNG, JPEG, WebP, HEIC or plain text.</p>
      </div>
      {items.length > 0 && (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((item) => (
            <li key={item.key} className="upload-item" data-testid="upload-item" data-state={item.state}>
              <div className="upload-item-head">
                <span className="upload-name">{item.name}</span>
                <span className="muted small">{formatSize(item.size)}</span>
              </div>
              <progress
                max={Math.max(item.size, 1)}
                value={item.loaded}
                aria-label={`Upload progress of ${item.name}`}
                data-testid="upload-progress"
              />
              <p className="small" role="status" data-testid="upload-status">
                {STATE_TEXT[item.state]}
                {item.state === 'uploading' &&
                  ` ${Math.round((item.loaded / Math.max(item.size, 1)) * 100)}%`}
              </p>
              {item.error !== undefined && (
                <p className="field-error" role="alert" data-testid="upload-error">
                  {item.error}
                </p>
              )}
              {item.state === 'uploading' && (
                <button
                  type="button"
                  className="button"
                  onClick={() => item.controller.abort()}
                  data-testid="upload-cancel"
                >
                  Cancel
                </button>
              )}
              {item.documentId !== undefined && (
                <Link
                  to={`/w/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(item.documentId)}`}
                >
                  Open
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
