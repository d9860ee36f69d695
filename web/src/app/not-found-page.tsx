import { Link } from 'react-router';
import { PageHeader } from '../lib/ui/page';

/** Any path the app does not know. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Go to your journal</Link>
      </p>
    </>
  );
}
