import { useState } from 'react';
import { Link } from 'react-router';
import type { CreatedInvite } from '../../lib/api/types';
import { PageHeader } from '../../lib/ui/page';
import { CreatedInviteNotice } from '../members/invites-section';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { ProfessionalGrantsSection } from './professional-grants-section';
import { ProfessionalInviteForm } from './professional-invite-form';

/** Give a family attorney, therapist, mediator or similar read-only access for a while, and take it back. */
export function ProfessionalsPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const [created, setCreated] = useState<CreatedInvite | undefined>();

  return (
    <>
      <PageHeader
        title="Professionals"
        description="Let your attorney, therapist, mediator, guardian ad litem or parenting coordinator read chosen records, until a date you set."
        actions={
          <Link className="button" to="reads" data-testid="professional-reads-link">
            What they read
          </Link>
        }
      />
      {can('invites:manage') ? (
        <section className="section" aria-labelledby="invite-professional-heading">
          <h2 id="invite-professional-heading">Invite a professional</h2>
          <p className="muted">
            They sign in with their own account, see what you shared under “Shared with you”, and every record
            they open is in your log.
          </p>
          {created === undefined ? (
            <ProfessionalInviteForm workspaceId={workspaceId} onCreated={setCreated} />
          ) : (
            <CreatedInviteNotice created={created} onDone={() => setCreated(undefined)} />
          )}
        </section>
      ) : (
        <p>Only the workspace’s owners and admins invite professionals.</p>
      )}
      {can('invites:manage') && <ProfessionalGrantsSection workspaceId={workspaceId} />}
    </>
  );
}
