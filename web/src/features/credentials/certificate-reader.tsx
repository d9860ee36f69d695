import { useId, useState, type ChangeEvent } from 'react';
import { describeError } from '../../lib/api/problem';
import { FormAlert, Notice } from '../../lib/ui/status';
import { isAiNotConfigured } from '../communications/ai-status';
import { useAiUsage } from '../communications/summary-hooks';
import { uploadFile } from '../documents/upload';
import { useExtractCertificate, type CertificateExtraction } from './extraction-hooks';

/** The certificate the form is being filled from. */
export type Reading = { documentId: string; fileName: string; extraction?: CertificateExtraction };

type Props = {
  workspaceId: string;
  reading: Reading | undefined;
  onReading: (reading: Reading | undefined) => void;
};

/** Why reading is off, with what still works: typing the fields in (P-AI-3). */
function ReaderOffNotice({ detail }: { detail?: string }) {
  return (
    <Notice title="Reading certificates with AI is off" role="status" testId="extraction-off">
      <p>
        {detail ?? 'This server has no AI provider configured.'} Type the activity’s details in below; the
        certificate is still attached to it when you save.
      </p>
    </Notice>
  );
}

/**
 * Upload a certificate, then "Read it for me": the fields below are filled with the AI's
 * suggestions, each unsure or missing one flagged at the field. Nothing is saved until the person
 * saves the activity (P-AI-2); typing the fields in always works.
 */
export function CertificateReader({ workspaceId, reading, onReading }: Props) {
  const id = useId();
  const usage = useAiUsage(workspaceId);
  const extract = useExtractCertificate(workspaceId);
  const [status, setStatus] = useState('');
  const [uploadError, setUploadError] = useState<string | undefined>();
  const isOff = usage.data?.isConfigured === false || isAiNotConfigured(extract.error);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setUploadError(undefined);
    extract.reset();
    setStatus(`Uploading ${file.name}…`);
    try {
      const signal = new AbortController().signal;
      const result = await uploadFile({ workspaceId, file, onProgress: () => undefined, signal });
      onReading({ documentId: result.document.id, fileName: file.name });
      setStatus(`${file.name} is uploaded.`);
    } catch (error) {
      setStatus('');
      setUploadError(describeError(error));
    }
  };

  const onRead = async () => {
    if (reading === undefined) return;
    setStatus(`Reading ${reading.fileName}…`);
    try {
      const extraction = await extract.mutateAsync(reading.documentId);
      onReading({ ...reading, extraction });
      setStatus('The fields below are filled with suggestions from the certificate. Check them, then save.');
    } catch {
      setStatus('');
    }
  };

  return (
    <div className="fieldset" data-testid="certificate-reader">
      <div className="field">
        <label htmlFor={`${id}-file`}>Certificate (PDF or image, optional)</label>
        <p className="field-hint" id={`${id}-hint`}>
          Upload it to keep it with the activity, and have its details read into the form for you.
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/pdf,image/png,image/jpeg,image/webp"
          aria-describedby={`${id}-hint`}
          onChange={(event) => void onFile(event)}
        />
      </div>
      {isOff ? (
        <ReaderOffNotice
          {...(extract.error instanceof Error ? { detail: describeError(extract.error) } : {})}
        />
      ) : (
        <button
          type="button"
          className="button"
          disabled={reading === undefined || extract.isPending}
          onClick={() => void onRead()}
        >
          {extract.isPending ? 'Reading…' : 'Read it for me'}
        </button>
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      <FormAlert
        message={uploadError ?? (extract.isError && !isOff ? describeError(extract.error) : undefined)}
      />
    </div>
  );
}
