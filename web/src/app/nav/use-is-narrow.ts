import { useSyncExternalStore } from 'react';

/** Where the workspace navigation folds behind the Menu button: the breakpoint in layout.css. */
const NARROW_QUERY = '(max-width: 56rem)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const list = window.matchMedia(NARROW_QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

// Environments without matchMedia (unit tests in jsdom) get the wide layout.
const isNarrowNow = () => typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;

/**
 * Whether the screen is narrow enough that the Menu button shows. The account links are placed
 * by this in JavaScript rather than hidden by CSS, so each link exists once on the page.
 */
export function useIsNarrow(): boolean {
  return useSyncExternalStore(subscribe, isNarrowNow, () => false);
}
