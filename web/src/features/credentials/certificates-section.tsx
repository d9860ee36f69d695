import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { queryKeys } from '../../lib/api/query-keys';
import { CopyButton } from '../../lib/ui/copy-button';
import { FormAlert } from '../../lib/ui/status';
import { useAttach, useAttachments, useDetach } from '../documents/hooks';
import { formatSize, hashFile, uploadFile } from '../documents/upload';

type Props = {
  workspaceId: string;
  recordType: 'license' | 'ce-activity';
  recordId: string;
  /** What the documents are, in the heading: "License documents", "Certificates". */
  title: string;
  canWrite: boolean;
};

type Check = { fileName: string; sha256: string } | undefined;

/**
 * Certificates or license documents of one record, kept in the vault by their SHA-256: upload one
 * (stored and verified like any vault file), see each one's fingerprint (P-CRED-1), and check a
 * file you were given against them, hashed here in the browser.
 */
export function CertificatesSection({ workspaceId, recordType, recordId, title, canWrite }: Props) {
  const headingId = useId();
  const queryClient = useQueryClient();
  const attachments = useAttachments(workspaceId, recordType, recordId);
  const attach = useAttach(workspaceId, recordType, recordId);
  const detach = useDetach(workspaceId, recordType, recordId);
  const [uploadError, setUploadError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [check, setCheck] = useState<Check>();
  const fingerprints = new Set(attachments.data?.items.map((a) => a.document.sha256));

  const onUpload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setUploadError(undefined);
    setStatus(`Uploading ${file.name}…`);
    try {
      const controller = new AbortController();
      const [result, local] = await Promise.all([
        uploadFile({ workspaceId, file, onProgress: () => undefined, signal: controller.signal }),
        hashFile(file, controller.signal),
      ]);
      if (result.document.sha256 !== local)
        throw new Error('The stored fingerprint does not match this file.');
      await attach.mutateAsync(result.document.id);
      await queryClient.invalidateQueries({ queryKey: queryKeys.documents(workspaceId) });
      setStatus(`${file.name} was stored and verified.`);
    } catch (error) {
      setStatus('');
      setUploadError(error instanceof Error && !('problem' in error) ? error.message : describeError(error));
    }
  };

  const onCheck = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setCheck({ fileName: file.name, sha256: await hashFile(file, new AbortController().signal) });
  };

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>
        Each file is stored by its SHA-256 fingerprint; anyone given the file can check it against the
        fingerprint here.
      </p>
      {attachments.isError && <FormAlert message={describeError(attachments.error)} />}
      {attachments.data?.items.length === 0 && <p className="muted">None yet.</p>}
      <ul className="card-list" data-testid="certificate-list">
        {attachments.data?.items.map(({ document }) => (
          <li key={document.id} className="card">
            <Link to={`/w/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(document.id)}`}>
              {document.title}
            </Link>
            <span className="muted small"> · {formatSize(document.size)}</span>
            <p>
              SHA-256: <code className="fingerprint">{document.sha256}</code>
            </p>
            <CopyButton text={document.sha256} label="Copy fingerprint" />
            {canWrite && (
              <button
                type="button"
                className="button button-danger-quiet"
                onClick={() => detach.mutate(document.id)}
                aria-label={`Detach ${document.title}`}
              >
                Detach
              </button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <div className="field">
          <label htmlFor={`${headingId}-upload`}>Upload a certificate or document (PDF or image)</label>
          <input
            id={`${headingId}-upload`}
            type="file"
            accept="application/pdf,image/*"
            onChange={(e) => void onUpload(e)}
          />
        </div>
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      <FormAlert message={uploadError ?? (detach.isError ? describeError(detach.error) : undefined)} />
      <div className="field">
        <label htmlFor={`${headingId}-check`}>Check a file against these fingerprints</label>
        <input id={`${headingId}-check`} type="file" onChange={(e) => void onCheck(e)} />
      </div>
      {check !== undefined && (
        <p role="status" data-testid="certificate-check">
          {fingerprints.has(check.sha256)
            ? `${check.fileName} matches a stored file exactly.`
            : `${check.fileName} matches none of these files (its SHA-256 is ${check.sha256}).`}
        </p>
      )}
    </section>
  );
}
