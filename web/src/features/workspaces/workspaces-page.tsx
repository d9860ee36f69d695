import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { toFormErrors } from '../../lib/api/problem';
import { TextField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCreateWorkspace, useWorkspaceList } from './hooks';
import { ROLE_LABELS } from './permissions';

/** The person's workspaces, and a form to start a new one. */
export function WorkspacesPage() {
  const list = useWorkspaceList();
  return (
    <>
      <PageHeader
        title="Workspaces"
        description="A workspace holds one set of records (incidents and messages, documents, credentials, practice, wellbeing), its members and its audit log."
      />
      <section aria-labelledby="your-workspaces" className="section">
        <h2 id="your-workspaces">Your workspaces</h2>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="You have no workspace yet">
            <p>Create one below to start your journal, or join one with an invite code.</p>
          </EmptyState>
        ) : (
          <ul className="card-list" data-testid="workspace-list">
            {list.data.items.map((workspace) => (
              <li key={workspace.id} className="card card-row">
                <Link to={`/w/${encodeURIComponent(workspace.id)}/incidents`} className="card-title-link">
                  {workspace.name}
                </Link>
                <span className="badge">{ROLE_LABELS[workspace.role]}</span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/invites/accept">Join a workspace with an invite code</Link>
        </p>
      </section>
      <CreateWorkspaceForm />
    </>
  );
}

function CreateWorkspaceForm() {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const create = useCreateWorkspace();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const errors = create.error === null ? undefined : toFormErrors(create.error, ['name'] as const);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError('Give the workspace a name.');
      inputRef.current?.focus();
      return;
    }
    setNameError(undefined);
    create.mutate(name.trim(), {
      onSuccess: (workspace) => void navigate(`/w/${encodeURIComponent(workspace.id)}/incidents`),
    });
  };

  return (
    <section aria-labelledby="new-workspace" className="section">
      <h2 id="new-workspace">New workspace</h2>
      <form className="form form-inline" onSubmit={onSubmit} noValidate>
        <FormAlert message={errors?.form} />
        <TextField
          ref={inputRef}
          label="Workspace name"
          hint="For example: “Journal — Alex and Sam”. Members can see this name."
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          error={nameError ?? errors?.fields.name}
          data-testid="workspace-name"
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending}
          data-testid="workspace-create"
        >
          {create.isPending ? 'Creating…' : 'Create workspace'}
        </button>
      </form>
    </section>
  );
}
