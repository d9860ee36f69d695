import { createContext, useContext } from 'react';
import type { Me } from '../../lib/api/types';

/** The signed-in user and their workspaces, provided by the route guard once known. */
export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only for pages rendered inside the route guard. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (me === null) throw new Error('useCurrentUser is used outside a signed-in route');
  return me;
}
