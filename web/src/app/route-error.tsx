import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a page crashes while rendering: a calm message and a way back, never the error's content. */
export function RouteError() {
  const error = useRouteError();
  const isNotFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main id="main" className="public-main">
      <div className="card public-card" role="alert">
        <h1>{isNotFound ? 'Page not found' : 'Something went wrong'}</h1>
        <p>
          {isNotFound
            ? 'There is nothing at this address.'
            : 'This page hit a problem. Your saved records are not affected. Reload the page to try again.'}
        </p>
        <p>
          <a href="/">Go to the start page</a>
        </p>
      </div>
    </main>
  );
}
