import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** The signed-in person's recent sign-ins (P-AUTH-4). */
export function useSignIns() {
  return useQuery({
    queryKey: queryKeys.signIns,
    queryFn: () => unwrap(api.GET('/v1/me/sign-ins')),
  });
}
