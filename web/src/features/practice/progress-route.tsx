import { lazy, Suspense } from 'react';
import { Loading } from '../../lib/ui/status';

// The progress page draws charts; the chart library loads with it, not with the practice page.
const ProgressPage = lazy(async () => ({ default: (await import('./progress-page')).ProgressPage }));

/** The progress page, loaded when first opened. */
export function LazyProgressPage() {
  return (
    <Suspense fallback={<Loading label="Loading your progress…" />}>
      <ProgressPage />
    </Suspense>
  );
}
