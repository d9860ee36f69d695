import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

function readFlash(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('flash' in state)) return undefined;
  return typeof state.flash === 'string' ? state.flash : undefined;
}

/**
 * A one-line message passed with a navigation (`navigate(path, { state: { flash } })`), if any.
 * It is shown once: the history entry's state is cleared, so Back or a reload does not repeat it.
 */
export function useFlash(): string | undefined {
  const location = useLocation();
  const navigate = useNavigate();
  const [flash] = useState(() => readFlash(location.state));

  useEffect(() => {
    if (readFlash(location.state) !== undefined) {
      void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
    }
  }, [location.state, location.pathname, location.search, navigate]);

  return flash;
}
