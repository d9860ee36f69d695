import { useId, useState, type ChangeEvent, type DragEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../lib/api/problem';
import { useDocumentTitle } from '../../lib/ui/page';
import { ErrorState, Loading } from '../../lib/ui/status';
import { formatSize, hashFile } from '../documents/upload';
import { useVerification, type Verification } from './share-hooks';

type Check = { fileName: string; sha256: string; match: string | undefined };

/**
 * SHA-256 of a file with Web Crypto; pages served without a secure context (plain http on a LAN)
 * have no `crypto.subtle`, so the chunked hash the vault's upload uses stands in there.
 */
async function fingerprint(file: File): Promise<string> {
  if (typeof crypto === 'undefined' || typeof crypto.subtle === 'undefined')
    return hashFile(file, new AbortController().signal);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Drop or pick a file: it is hashed here with Web Crypto, never uploaded, and compared. */
function FileCheck({ documents }: { documents: Verification['documents'] }) {
  const inputId = useId();
  const [check, setCheck] = useState<Check>();
  const [isOver, setIsOver] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (file === undefined) return;
    const sha256 = await fingerprint(file);
    const match = documents.find((document) => document.sha256 === sha256)?.title;
    setCheck({ fileName: file.name, sha256, match });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsOver(false);
    void onFile(event.dataTransfer.files[0]);
  };
  const onPick = (event: ChangeEvent<HTMLInputElement>) => void onFile(event.target.files?.[0]);

  return (
    <section className="section" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Check a file you were given</h2>
      <div
        className={`drop-zone${isOver ? ' drop-zone-active' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setIsOver(true);
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={onDrop}
        data-testid="verify-drop"
      >
        <p>Drop the file here, or choose it. It stays on this device: only its fingerprint is computed.</p>
        <label htmlFor={inputId}>File to check</label>
        <input id={inputId} type="file" onChange={onPick} data-testid="verify-file" />
      </div>
      {check !== undefined && (
        <p
          role="status"
          data-testid="verify-result"
          className={check.match === undefined ? 'error-text' : ''}
        >
          {check.match === undefined
            ? `${check.fileName} does not match any document shared here (its SHA-256 is ${check.sha256}).`
            : `${check.fileName} matches “${check.match}” exactly.`}
        </p>
      )}
    </section>
  );
}

function Shared({ data }: { data: Verification }) {
  return (
    <>
      <p>
        Shared by <strong data-testid="verify-holder">{data.holderName}</strong> on{' '}
        {new Date(data.sharedAt).toLocaleDateString()}; this link works until{' '}
        {new Date(data.expiresAt).toLocaleDateString()}. The licensing board’s own register is the authority
        on a license’s standing.
      </p>
      <section className="section" aria-labelledby="verify-licenses">
        <h2 id="verify-licenses">Licenses</h2>
        {data.licenses.length === 0 ? (
          <p className="muted">None shared.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="verify-licenses">
              <thead>
                <tr>
                  <th scope="col">License</th>
                  <th scope="col">Number</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.licenses.map((license) => (
                  <tr key={`${license.jurisdiction}-${license.number}`}>
                    <th scope="row">
                      {license.jurisdiction} {license.credentialType}
                    </th>
                    <td>{license.number}</td>
                    <td>{license.issuedOn ?? 'Not given'}</td>
                    <td>{license.expiresOn ?? 'Not given'}</td>
                    <td>{license.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="section" aria-labelledby="verify-activities">
        <h2 id="verify-activities">Continuing education</h2>
        {data.activities.length === 0 ? (
          <p className="muted">None shared.</p>
        ) : (
          <ul data-testid="verify-activities-list">
            {data.activities.map((activity, index) => (
              <li key={index}>
                {activity.title}
                {activity.provider === '' ? '' : `, ${activity.provider}`} — {activity.hours} h, completed{' '}
                {activity.completedOn}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="verify-documents">
        <h2 id="verify-documents">Documents</h2>
        {data.documents.length === 0 ? (
          <p className="muted">None shared.</p>
        ) : (
          <ul data-testid="verify-documents-list">
            {data.documents.map((document) => (
              <li key={document.sha256}>
                {document.title} ({document.filename}, {formatSize(document.size)})
                <br />
                SHA-256: <code className="fingerprint">{document.sha256}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <FileCheck documents={data.documents} />
    </>
  );
}

/** The page a verifier opens from a link (no sign-in): only what the holder chose to share. */
export function CredentialVerifyPage() {
  useDocumentTitle('Credential verification');
  const { token = '' } = useParams();
  const verification = useVerification(token);
  const isGone = verification.error instanceof ApiError && verification.error.status === 404;

  return (
    <>
      <h1>Credential verification</h1>
      {verification.isPending ? (
        <Loading label="Loading what was shared…" />
      ) : isGone ? (
        <p data-testid="verify-gone">
          This link does not work: it may have expired or been revoked. Ask the person who sent it for a new
          one.
        </p>
      ) : verification.isError ? (
        <ErrorState error={verification.error} onRetry={() => void verification.refetch()} />
      ) : (
        <Shared data={verification.data} />
      )}
    </>
  );
}
