import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page loaded with its own chunk the first time its route is shown, so the first page (sign-in,
 * the incident list) downloads only its own code. `name` is the page's named export.
 */
export function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}
