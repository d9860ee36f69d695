/**
 * Loads something heavy (an SDK, a PDF or ZIP library) on its first use instead of at start:
 * every cold start of the API (a new Lambda container) parses only what most requests need, and
 * the rare request that needs the library pays for it once per process. A failed load is
 * forgotten, so the next use tries again rather than failing for the life of the process.
 */
export function loadOnFirstUse<T>(load: () => Promise<T>): FirstUseLoader<T> {
  let loading: Promise<T> | undefined;
  const use = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  // Closing what was opened must not open it: undefined when nothing was (or could be) loaded.
  const ifLoaded = async () => (loading === undefined ? undefined : loading.catch(() => undefined));
  return Object.assign(use, { ifLoaded });
}

/** What `loadOnFirstUse` returns: the loader, and a way to reach the value only if it was loaded. */
export type FirstUseLoader<T> = (() => Promise<T>) & {
  /** The value, awaited, if a load has started; undefined otherwise or when it failed. */
  ifLoaded: () => Promise<T | undefined>;
};
