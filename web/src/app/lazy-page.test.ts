import { createElement, type ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPage, preloadPagesOf } from './lazy-page';

const Blank: ComponentType = () => null;

describe('preloadPagesOf', () => {
  it('starts downloading the lazy layout and the lazy page a path shows, and nothing else', () => {
    const requested: string[] = [];
    const page = (name: string) =>
      lazyPage(async () => {
        requested.push(name);
        return { Page: Blank };
      }, 'Page');
    const routes = [
      {
        element: createElement(Blank),
        children: [
          { path: 'sign-in', element: createElement(page('sign-in')) },
          {
            path: 'w/:workspaceId/credentials',
            element: createElement(page('credentials layout')),
            children: [
              { path: 'licenses', element: createElement(page('licenses')) },
              { path: 'activities', element: createElement(page('activities')) },
            ],
          },
        ],
      },
    ];

    preloadPagesOf(routes, '/w/w1/credentials/licenses');

    expect(requested).toEqual(['credentials layout', 'licenses']);
  });

  it('requests nothing for a path no route shows', () => {
    const requested: string[] = [];
    const routes = [
      {
        path: 'sign-in',
        element: createElement(
          lazyPage(async () => {
            requested.push('sign-in');
            return { Page: Blank };
          }, 'Page'),
        ),
      },
    ];

    preloadPagesOf(routes, '/nowhere');

    expect(requested).toEqual([]);
  });
});
