import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isApiError } from '../lib/api/problem';
import { queryKeys } from '../lib/api/query-keys';
import { SECOND_FACTOR_REQUIRED } from '../lib/api/step-up';

/**
 * The app's query client. A 401 from any call means the session ended: the cached user is set to
 * signed-out, and the route guard sends the person to sign in. Client errors are not retried.
 * A 401 `second_factor_required` is the step-up refusal of one action, not the end of the session.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isApiError(error, { status: 401 }) && error.code !== SECOND_FACTOR_REQUIRED)
      queryClient.setQueryData(queryKeys.me, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
