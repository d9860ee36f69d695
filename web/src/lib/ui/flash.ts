import { useLocation } from 'react-router';

/** A one-line message passed with a navigation (`navigate(path, { state: { flash } })`), if any. */
export function useFlash(): string | undefined {
  const state: unknown = useLocation().state;
  if (typeof state !== 'object' || state === null || !('flash' in state)) return undefined;
  return typeof state.flash === 'string' ? state.flash : undefined;
}
