import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError, toFormErrors } from '../../lib/api/problem';
import { formatDateTime, getBrowserTimeZone, listTimeZones } from '../../lib/dates';
import { SelectField, TextAreaField, TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { FormAlert, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import type { Communication } from './hooks';
import { useImportThread, usePreviewImport, type ImportBody, type ImportPreview } from './import-hooks';
import { CHANNEL_LABELS, DIRECTION_LABELS, isChannel } from './labels';

/** The largest export the API reads in one import (its schema's limit), checked before sending. */
const MAX_CHARACTERS = 200_000;

const FORMAT_LABELS: Record<ImportBody['format'], string> = {
  text: 'Text (From / To / Sent / Subject blocks: OurFamilyWizard, TalkingParents, email)',
  csv: 'CSV with a header row (Date, From, To, Subject, Message)',
  eml: 'One email saved as an .eml file',
};

function isFormat(value: string): value is ImportBody['format'] {
  return value in FORMAT_LABELS;
}

/**
 * Import of an exported message thread: paste it or pick the file, preview every message as it
 * would be logged, then log them all at once. Nothing is saved until the person confirms, and an
 * export with a message that cannot be read is not saved at all.
 */
export function ImportThreadPage() {
  const { workspaceId } = useCurrentWorkspace();
  const navigate = useNavigate();
  const [format, setFormat] = useState<ImportBody['format']>('text');
  const [text, setText] = useState('');
  const [yourName, setYourName] = useState('');
  const [timeZone, setTimeZone] = useState(getBrowserTimeZone);
  const [channel, setChannel] = useState<Communication['channel']>('app-message');
  const [fileError, setFileError] = useState<string | undefined>();
  // The file's name names the copy of its original bytes kept in the vault.
  const [filename, setFilename] = useState<string | undefined>();
  const zones = useMemo(() => listTimeZones([timeZone]), [timeZone]);
  const preview = usePreviewImport(workspaceId);
  const save = useImportThread(workspaceId);
  const body: ImportBody = {
    format,
    text,
    yourName,
    timeZone,
    channel,
    ...(filename === undefined ? {} : { filename }),
  };
  // A preview stands for exactly what was previewed: any change asks for a new one before saving.
  const [previewed, setPreviewed] = useState<{ body: string; result: ImportPreview } | undefined>();
  const current = previewed?.body === JSON.stringify(body) ? previewed.result : undefined;
  const error = preview.error ?? save.error;
  const formErrors =
    error === null
      ? { fields: {} as Partial<Record<string, string>>, form: undefined }
      : toFormErrors(error, ['text', 'yourName', 'timeZone', 'format'] as const);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileError(undefined);
    if (file === undefined) return;
    const name = file.name.toLowerCase();
    if (name.endsWith('.csv')) setFormat('csv');
    if (name.endsWith('.eml')) setFormat('eml');
    setFilename(file.name.slice(0, 255));
    void file.text().then(
      (content) => {
        if (content.length > MAX_CHARACTERS)
          setFileError(
            `The file is longer than ${MAX_CHARACTERS.toLocaleString()} characters: split the thread.`,
          );
        else setText(content);
      },
      () => setFileError('The file could not be read as text.'),
    );
  };

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    const sent = JSON.stringify(body);
    save.reset();
    preview.mutate(body, { onSuccess: (result) => setPreviewed({ body: sent, result }) });
  };

  // Importing a thread logged before needs the person's say-so (`importAgain`), given by the button.
  const onSave = (isRepeat: boolean) => {
    const sent = JSON.stringify(body);
    save.mutate(isRepeat ? { ...body, importAgain: true } : body, {
      onSuccess: () => void navigate(`/w/${encodeURIComponent(workspaceId)}/communications`),
      // Imported elsewhere since the preview (another tab or person): preview again so the page says when.
      onError: (failure) => {
        if (isApiError(failure, { code: 'thread_already_imported' }))
          preview.mutate(body, { onSuccess: (result) => setPreviewed({ body: sent, result }) });
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Import a message thread"
        description="Paste or upload a thread exported from a co-parenting app or email. Check the preview, then log every message at once; received messages are kept exactly as exported."
      />
      <p>
        <Link to={`/w/${encodeURIComponent(workspaceId)}/communications`}>Back to communications</Link>
      </p>
      <form className="form card" onSubmit={onPreview} noValidate data-testid="import-form">
        <FormAlert message={formErrors.form ?? fileError} />
        <SelectField
          label="Format"
          value={format}
          onChange={(event) => {
            if (isFormat(event.target.value)) setFormat(event.target.value);
          }}
          error={formErrors.fields.format}
        >
          {Object.entries(FORMAT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Export file (.txt, .csv or .eml)"
          type="file"
          accept=".txt,.csv,.eml,text/plain,text/csv,message/rfc822"
          onChange={onFile}
        />
        <TextAreaField
          label="Or paste the thread"
          value={text}
          rows={12}
          maxLength={MAX_CHARACTERS}
          onChange={(event) => {
            setText(event.target.value);
            setFilename(undefined);
          }}
          error={formErrors.fields.text}
        />
        <TextField
          label="Your name as the export prints it"
          hint="Messages from this name are logged as sent by you; all others as received."
          value={yourName}
          required
          maxLength={120}
          onChange={(event) => setYourName(event.target.value)}
          error={formErrors.fields.yourName}
        />
        <SelectField
          label="Time zone of the export’s dates"
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          error={formErrors.fields.timeZone}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Channel"
          value={channel}
          onChange={(event) => {
            if (isChannel(event.target.value)) setChannel(event.target.value);
          }}
        >
          {Object.entries(CHANNEL_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={preview.isPending}>
            {preview.isPending ? 'Reading…' : 'Preview'}
          </button>
        </div>
      </form>
      {current !== undefined && (
        <PreviewSection
          preview={current}
          workspaceId={workspaceId}
          isSaving={save.isPending}
          onSave={onSave}
        />
      )}
    </>
  );
}

function PreviewSection({
  preview,
  workspaceId,
  isSaving,
  onSave,
}: {
  preview: ImportPreview;
  workspaceId: string;
  isSaving: boolean;
  onSave: (isRepeat: boolean) => void;
}) {
  const count = preview.messages.length;
  const isRepeat = preview.alreadyImportedAt !== undefined;
  const plural = count === 1 ? '' : 's';
  return (
    <section aria-labelledby="preview-heading" data-testid="import-preview">
      <h2 id="preview-heading">
        Preview: {count} message{count === 1 ? '' : 's'}
      </h2>
      {preview.problems.length > 0 ? (
        <Notice tone="error" title="Nothing can be imported yet" testId="import-problems">
          <p>Fix these lines of the export (or remove them), then preview again:</p>
          <ul>
            {preview.problems.map((problem) => (
              <li key={`${problem.line}-${problem.message}`}>
                Line {problem.line}: {problem.message}
              </li>
            ))}
          </ul>
        </Notice>
      ) : (
        <p className="hint">
          Nothing is saved until you log the messages. Export fingerprint (SHA-256): {preview.threadSha256}
        </p>
      )}
      {preview.alreadyImportedAt !== undefined && (
        <Notice tone="warning" title="This thread is already in your log" testId="import-already">
          <p>
            The same export (same fingerprint) was imported on{' '}
            <time dateTime={preview.alreadyImportedAt}>{formatDateTime(preview.alreadyImportedAt)}</time>.
            {preview.alreadyImportedFirstMessageId !== undefined &&
              preview.alreadyImportedFirstMessageId !== '' && (
                <>
                  {' '}
                  <Link
                    to={`/w/${encodeURIComponent(workspaceId)}/communications/${encodeURIComponent(preview.alreadyImportedFirstMessageId)}`}
                  >
                    Open its first message
                  </Link>
                  .
                </>
              )}{' '}
            Importing it again logs every message a second time.
          </p>
        </Notice>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="import-preview-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Direction</th>
              <th scope="col">With</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {preview.messages.map((message) => (
              <tr key={message.line} data-testid="import-preview-row">
                <td>
                  <time dateTime={message.occurredAt}>{formatDateTime(message.occurredAt)}</time>
                </td>
                <td>{DIRECTION_LABELS[message.direction]}</td>
                <td>{message.counterpart}</td>
                <td className="preserve-lines">
                  {message.subject !== '' && <strong>{message.subject}: </strong>}
                  {message.content}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.problems.length === 0 && count > 0 && (
        <div className="form-actions">
          <button
            type="button"
            className={isRepeat ? 'button' : 'button button-primary'}
            onClick={() => onSave(isRepeat)}
            disabled={isSaving}
          >
            {isSaving
              ? 'Logging…'
              : isRepeat
                ? `Import again (${count} message${plural})`
                : `Log ${count} message${plural}`}
          </button>
        </div>
      )}
    </section>
  );
}
