import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import type { createRouter } from './router';

type AppProps = {
  queryClient: QueryClient;
  /** Made before the first render (main.tsx), so its loaders' reads start before React draws. */
  router: ReturnType<typeof createRouter>;
};

/** The app's providers: the query cache and the router. */
export function App({ queryClient, router }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
