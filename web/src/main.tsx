import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createQueryClient } from './app/query-client';
import { createRouter } from './app/router';
import './app/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

// Made before React renders: the router runs the first page's loaders at once, so the session,
// the workspace and the page's data are asked for in parallel while React is still starting.
const queryClient = createQueryClient();
const router = createRouter(queryClient);

// As a transition, the first render yields to the browser every few milliseconds instead of
// running as one long task; index.html's loading line stays on screen until it commits.
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} router={router} />
    </StrictMode>,
  );
});
