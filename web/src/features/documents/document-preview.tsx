import { useEffect, useRef, useState } from 'react';
import { isApiError, toProblem, ApiError, networkError, describeError } from '../../lib/api/problem';
import { readBearerToken } from '../../lib/api/bearer-token';
import type { VaultDocument } from '../../lib/api/types';

type Loaded =
  { kind: 'image'; url: string } | { kind: 'pdf'; bytes: ArrayBuffer } | { kind: 'text'; text: string };
type PreviewState =
  { status: 'loading' } | { status: 'ready'; loaded: Loaded } | { status: 'error'; error: unknown };

/** Fetches a document's bytes (the API checks them against their SHA-256 first). */
async function fetchContent(workspaceId: string, document: VaultDocument): Promise<Loaded> {
  let response: Response;
  const token = await readBearerToken();
  try {
    response = await fetch(
      `/v1/workspaces/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(document.id)}/content`,
      {
        credentials: 'include',
        ...(token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } }),
      },
    );
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ApiError(toProblem(body, response.status, response.statusText));
  }
  if (document.contentType === 'application/pdf') return { kind: 'pdf', bytes: await response.arrayBuffer() };
  if (document.contentType === 'text/plain')
    return { kind: 'text', text: (await response.text()).slice(0, 20_000) };
  return { kind: 'image', url: URL.createObjectURL(await response.blob()) };
}

/** Renders the first page of a PDF into a canvas with pdf.js (its worker bundled, no network). */
function PdfPage({ bytes, title }: { bytes: ArrayBuffer; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'rendering' | 'rendered' | 'failed'>('rendering');
  useEffect(() => {
    let isCancelled = false;
    const render = async () => {
      const pdfjs = await import('pdfjs-dist');
      const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      const pdf = await pdfjs.getDocument({ data: bytes.slice(0) }).promise;
      const page = await pdf.getPage(1);
      const viewport = page.getViewport({ scale: 1.5 });
      const target = canvas.current;
      if (target === null || isCancelled) return;
      target.width = viewport.width;
      target.height = viewport.height;
      await page.render({ canvas: target, viewport }).promise;
      if (!isCancelled) setState('rendered');
    };
    render().catch(() => {
      if (!isCancelled) setState('failed');
    });
    return () => {
      isCancelled = true;
    };
  }, [bytes]);
  return (
    <div data-testid="pdf-preview" data-state={state}>
      <canvas ref={canvas} className="preview-canvas" role="img" aria-label={`First page of ${title}`} />
      {state === 'failed' && (
        <p className="muted">This PDF could not be shown here; download it to open it.</p>
      )}
    </div>
  );
}

/** A document's preview: images inline, the first page of a PDF, the start of a text file. */
export function DocumentPreview({ workspaceId, document }: { workspaceId: string; document: VaultDocument }) {
  const [state, setState] = useState<PreviewState>({ status: 'loading' });
  const isPreviewable = !['image/heic', 'image/heif'].includes(document.contentType);

  useEffect(() => {
    if (!isPreviewable) return undefined;
    let url: string | undefined;
    let isCancelled = false;
    setState({ status: 'loading' });
    fetchContent(workspaceId, document)
      .then((loaded) => {
        if (loaded.kind === 'image') url = loaded.url;
        if (!isCancelled) setState({ status: 'ready', loaded });
      })
      .catch((error: unknown) => {
        if (!isCancelled) setState({ status: 'error', error });
      });
    return () => {
      isCancelled = true;
      if (url !== undefined) URL.revokeObjectURL(url);
    };
  }, [workspaceId, document, isPreviewable]);

  if (!isPreviewable)
    return <p className="muted">HEIC images have no preview in the browser; download to view.</p>;
  if (state.status === 'loading')
    return (
      <p className="muted" role="status">
        Loading the preview…
      </p>
    );
  if (state.status === 'error') {
    if (isApiError(state.error, { code: 'integrity_failure' })) {
      return (
        <div className="notice notice-error" role="alert" data-testid="file-damaged">
          <p className="notice-title">File damaged</p>
          <p>
            The stored file no longer matches its fingerprint, so it is not shown. Upload it again from your
            own copy.
          </p>
        </div>
      );
    }
    return <p className="field-error">{describeError(state.error)}</p>;
  }
  const { loaded } = state;
  return (
    <div className="preview" data-testid="document-preview">
      {loaded.kind === 'image' ? (
        <img src={loaded.url} alt={document.title} className="preview-image" data-testid="image-preview" />
      ) : loaded.kind === 'pdf' ? (
        <PdfPage bytes={loaded.bytes} title={document.title} />
      ) : (
        <pre className="preview-text">{loaded.text}</pre>
      )}
    </div>
  );
}
