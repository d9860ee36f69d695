/**
 * Loads something heavy (an SDK, a PDF or ZIP library) on its first use instead of at start:
 * every cold start of the API (a new Lambda container) parses only what most requests need, and
 * the rare request that needs the library pays for it once per process. A failed load is
 * forgotten, so the next use tries again rather than failing for the life of the process.
 */
export function loadOnFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
