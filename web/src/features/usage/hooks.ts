import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';

/** Aggregate usage of the last `days` days (platform admins only; others get 404). */
export function useUsageReport(days: number) {
  return useQuery({
    queryKey: ['admin', 'usage', days],
    queryFn: () => unwrap(api.GET('/v1/admin/usage', { params: { query: { days } } })),
  });
}
