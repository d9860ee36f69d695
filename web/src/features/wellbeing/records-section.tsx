import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { useMembers } from '../members/hooks';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useRecordChange, useRecordList, type RecordPath, type WellbeingRecord } from './hooks';
import { RecordForm } from './record-form';
import type { FieldSpec } from './record-fields';

type RecordsSectionProps = {
  path: RecordPath;
  fields: readonly FieldSpec[];
  /** Singular noun, e.g. "check-in". */
  noun: string;
  testPrefix: string;
  /** One line that names a record in its list. */
  describe: (record: Record<string, unknown>) => string;
};

type Scope = 'mine' | 'shared' | 'deleted';

const SCOPES: { value: Scope; label: string }[] = [
  { value: 'mine', label: 'Mine' },
  { value: 'shared', label: 'Shared with me' },
  { value: 'deleted', label: 'Deleted' },
];

/** A kind of wellbeing record: the form for a new one, and the list with edit, delete and share. */
export function RecordsSection({ path, fields, noun, testPrefix, describe }: RecordsSectionProps) {
  const { workspaceId, can } = useCurrentWorkspace();
  // A professional given chosen wellbeing records reads what was shared and keeps none of their own.
  const isSharedReader = !can('wellbeing:use');
  const scopes = isSharedReader ? SCOPES.filter((option) => option.value === 'shared') : SCOPES;
  const [scope, setScope] = useState<Scope>(isSharedReader ? 'shared' : 'mine');
  const [isCreating, setCreating] = useState(false);
  const list = useRecordList(workspaceId, path, {
    scope: scope === 'shared' ? 'shared' : 'mine',
    deleted: scope === 'deleted',
  });
  const create = useRecordChange(workspaceId, path);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="section" aria-labelledby={`${testPrefix}-heading`}>
      <div className="section-header">
        <h2 id={`${testPrefix}-heading`}>{`${noun.charAt(0).toUpperCase()}${noun.slice(1)}s`}</h2>
        {!isCreating && !isSharedReader && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setCreating(true)}
            data-testid={`${testPrefix}-new`}
          >
            {`New ${noun}`}
          </button>
        )}
      </div>
      {isCreating && (
        <div className="card">
          <RecordForm
            fields={fields}
            submitLabel={`Save ${noun}`}
            testPrefix={testPrefix}
            isPending={create.isPending}
            error={create.error}
            onSubmit={(values) =>
              create.mutate({ type: 'create', values }, { onSuccess: () => setCreating(false) })
            }
            onCancel={() => setCreating(false)}
          />
        </div>
      )}
      <div className="segmented" role="group" aria-label={`Which ${noun}s`}>
        {scopes.map((option) => (
          <button
            key={option.value}
            type="button"
            className="button button-quiet"
            aria-pressed={scope === option.value}
            onClick={() => setScope(option.value)}
            data-testid={`${testPrefix}-scope-${option.value}`}
          >
            {option.label}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError && !list.isFetchNextPageError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={`No ${noun}s here`} />
      ) : (
        <ul className="record-list" data-testid={`${testPrefix}-list`}>
          {items.map((record) => (
            <RecordRow
              key={record.id}
              record={record}
              path={path}
              fields={fields}
              noun={noun}
              testPrefix={testPrefix}
              describe={describe}
            />
          ))}
        </ul>
      )}
      <LoadMore query={list} label={`Load older ${noun}s`} testId="load-more" />
    </section>
  );
}

type RecordRowProps = Omit<RecordsSectionProps, 'describe'> & {
  record: WellbeingRecord;
  describe: RecordsSectionProps['describe'];
};

function RecordRow({ record, path, fields, noun, testPrefix, describe }: RecordRowProps) {
  const { workspaceId } = useCurrentWorkspace();
  const change = useRecordChange(workspaceId, path);
  const [isEditing, setEditing] = useState(false);
  // Every record kind is a plain object type, so it reads as a field map without a cast; the form
  // and the field list look fields up by name.
  const values: Readonly<Record<string, unknown>> = record;
  const isDeleted = record.deletedAt !== undefined;

  return (
    <li className="record-row" data-testid={`${testPrefix}-row`}>
      {isEditing ? (
        <RecordForm
          fields={fields}
          record={values}
          submitLabel="Save changes"
          testPrefix={`${testPrefix}-edit`}
          isPending={change.isPending}
          error={change.error}
          onSubmit={(edited) =>
            change.mutate(
              { type: 'update', id: record.id, values: edited, version: record.version },
              { onSuccess: () => setEditing(false) },
            )
          }
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <p className="record-title">{describe(values)}</p>
          <dl className="record-fields">
            {fields.map((field) => {
              const value = values[field.name];
              if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
                return null;
              return (
                <div key={field.name}>
                  <dt>{field.label}</dt>
                  <dd>
                    {Array.isArray(value)
                      ? value.join(', ')
                      : typeof value === 'string' && field.kind === 'datetime'
                        ? formatDateTime(value)
                        : typeof value === 'string' || typeof value === 'number'
                          ? value
                          : ''}
                  </dd>
                </div>
              );
            })}
          </dl>
          {record.isOwn ? (
            <div className="record-actions">
              {isDeleted ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => change.mutate({ type: 'restore', id: record.id })}
                >
                  Restore
                </button>
              ) : (
                <>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setEditing(true)}
                    data-testid={`${testPrefix}-edit`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => change.mutate({ type: 'delete', id: record.id })}
                  >
                    Delete
                  </button>
                  <ShareControls
                    record={record}
                    onShare={(userId) => change.mutate({ type: 'share', id: record.id, userId })}
                    onRevoke={(userId) => change.mutate({ type: 'unshare', id: record.id, userId })}
                    noun={noun}
                  />
                </>
              )}
            </div>
          ) : (
            <p className="record-meta">Shared with you (read only).</p>
          )}
          {change.isError && <FormAlert message={describeError(change.error)} />}
        </>
      )}
    </li>
  );
}

function ShareControls({
  record,
  noun,
  onShare,
  onRevoke,
}: {
  record: WellbeingRecord;
  noun: string;
  onShare: (userId: string) => void;
  onRevoke: (userId: string) => void;
}) {
  const { workspaceId } = useCurrentWorkspace();
  const members = useMembers(workspaceId);
  const [selected, setSelected] = useState('');
  const others = (members.data?.items ?? []).filter((m) => m.userId !== record.ownerId);
  const nameOf = (userId: string) => others.find((m) => m.userId === userId)?.email ?? 'a former member';
  const candidates = others.filter((m) => !record.sharedWith.includes(m.userId));
  return (
    <div className="share-controls">
      {record.sharedWith.length === 0 ? (
        <p className="record-meta">Private: only you can see this {noun}.</p>
      ) : (
        <ul className="chips" aria-label="Shared with">
          {record.sharedWith.map((userId) => (
            <li key={userId} className="chip">
              {nameOf(userId)}
              <button
                type="button"
                className="button button-quiet"
                onClick={() => onRevoke(userId)}
                aria-label={`Stop sharing with ${nameOf(userId)}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (selected !== '') onShare(selected);
          }}
        >
          <label>
            Share with
            <select value={selected} onChange={(e) => setSelected(e.target.value)}>
              <option value="">Choose a member…</option>
              {candidates.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.email}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={selected === ''}>
            Share
          </button>
        </form>
      )}
    </div>
  );
}
