import { isValidElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { matchRoutes, type RouteObject } from 'react-router';

/** A lazily loaded page that can also be asked to start downloading its code before it renders. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => void };

/**
 * A page loaded with its own chunk the first time its route is shown, so the first page (sign-in,
 * the incident list) downloads only its own code. `name` is the page's named export.
 */
export function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyPage {
  const page = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  // A failed early download is not reported here: the page's own render imports again and shows
  // the route's error then.
  return Object.assign(page, { preload: () => void load().catch(() => undefined) });
}

function isLazyPage(type: unknown): type is LazyPage {
  return typeof type === 'object' && type !== null && 'preload' in type && typeof type.preload === 'function';
}

/**
 * Starts downloading the code of every lazy page (layouts included) that `pathname` shows, at
 * once. Otherwise a signed-in page's chunk is requested only after the session check answers, and
 * a page inside a lazy layout only after that layout's chunk has run: one round trip each, which
 * a phone on a slow network feels as a later first paint of the page's content.
 */
export function preloadPagesOf(routes: RouteObject[], pathname: string): void {
  for (const match of matchRoutes(routes, pathname) ?? []) {
    const element = match.route.element;
    if (isValidElement(element) && isLazyPage(element.type)) element.type.preload();
  }
}
