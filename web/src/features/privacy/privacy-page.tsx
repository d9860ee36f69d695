import { Link } from 'react-router';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, Loading, Notice } from '../../lib/ui/status';
import type { PolicyVersion } from '../../lib/api/types';
import { usePrivacyInventory } from './hooks';
import { formatPolicyDate } from './policy-date';

/** The privacy policy: its version and effective date, and every kind of record kept, why and for how long. */
export function PrivacyPage() {
  const inventory = usePrivacyInventory();
  if (inventory.isPending) return <Loading label="Loading the privacy policy…" />;
  if (inventory.isError)
    return <ErrorState error={inventory.error} onRetry={() => void inventory.refetch()} />;
  const { policy, recordTypes, subprocessors } = inventory.data;
  // Record types name their processors by id; people read the provider's name.
  const providerNames = new Map(subprocessors.map((provider) => [provider.id, provider.name]));

  return (
    <article className="privacy-page" data-testid="privacy-page">
      <PageHeader
        title="Privacy"
        description={
          <>
            Version <strong data-testid="policy-version">{policy.current.version}</strong>, in effect since{' '}
            <time dateTime={policy.current.effectiveAt}>{formatPolicyDate(policy.current.effectiveAt)}</time>.
          </>
        }
      />
      {policy.upcoming !== undefined && <UpcomingPolicy version={policy.upcoming} />}
      <section className="section" aria-labelledby="promises-heading">
        <h2 id="promises-heading">What we promise</h2>
        <ul>
          <li>
            Your records are yours: <Link to="/account/export">export everything</Link> at any time, correct
            any field you entered (the table below says where), and{' '}
            <Link to="/account">delete your account</Link> (restorable for 30 days).
          </li>
          <li>
            Wellbeing notes are encrypted field by field under a key that is destroyed when you delete them.
          </li>
          <li>
            We count page views only as daily totals, set no advertising or cross-site cookies, and count
            nothing when your browser sends Global Privacy Control.
          </li>
          <li>
            Outside providers receive only what they need to run the service; they are listed on{' '}
            <Link to="/subprocessors">the subprocessors page</Link>.
          </li>
        </ul>
      </section>
      <section className="section" aria-labelledby="records-heading">
        <h2 id="records-heading">What we keep, why, and for how long</h2>
        <div className="table-wrap">
          <table className="table" data-testid="record-types">
            <caption className="visually-hidden">Every kind of record Holdfast keeps</caption>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">What it holds</th>
                <th scope="col">Why</th>
                <th scope="col">How long</th>
                <th scope="col">Who processes it</th>
                <th scope="col">How to correct it</th>
              </tr>
            </thead>
            <tbody>
              {recordTypes.map((type) => (
                <tr key={type.entity} data-testid="record-type">
                  <th scope="row" data-label="Record">
                    {type.label}
                  </th>
                  <td data-label="What it holds">{type.fields}</td>
                  <td data-label="Why">{type.purpose}</td>
                  <td data-label="How long">{type.retention}</td>
                  <td data-label="Who processes it" data-testid="record-type-providers">
                    {type.providers.map((id) => providerNames.get(id) ?? id).join(', ')}
                  </td>
                  <td data-label="How to correct it">{type.correction}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="section" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <p className="muted">
          A material change is announced by email and in the app at least 7 days before it takes effect.
        </p>
        <ul data-testid="policy-versions">
          {policy.versions.map((version) => (
            <li key={version.version}>
              <strong>{version.version}</strong> — effective{' '}
              <time dateTime={version.effectiveAt}>{formatPolicyDate(version.effectiveAt)}</time>:{' '}
              {version.summary}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function UpcomingPolicy({ version }: { version: PolicyVersion }) {
  return (
    <Notice
      tone="info"
      title={`Version ${version.version} takes effect on ${formatPolicyDate(version.effectiveAt)}`}
    >
      <p>{version.summary}</p>
    </Notice>
  );
}
