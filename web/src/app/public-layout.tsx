import { Link, useLocation } from 'react-router';
import { PageOutlet } from './page-outlet';

/**
 * Reading pages with wide tables, not short forms. Their card is wide from the first frame, chosen
 * by the route rather than by the loaded content, so it does not widen when the data arrives.
 */
const READING_PAGES = new Set(['/privacy', '/subprocessors']);

/** The frame of the pages used before signing in. */
export function PublicLayout() {
  const isReadingPage = READING_PAGES.has(useLocation().pathname.replace(/\/+$/u, ''));
  return (
    <div className="public-layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="public-header">
        <Link to="/" className="brand">
          <BrandMark />
          Holdfast
        </Link>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className={isReadingPage ? 'public-main public-main-reading' : 'public-main'}
      >
        <div className={isReadingPage ? 'card public-card public-card-wide' : 'card public-card'}>
          <PageOutlet />
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}

/** The footer of every page, with the privacy policy and subprocessor list one click away. */
export function SiteFooter() {
  return (
    <footer className="app-footer">
      <p>Holdfast keeps records that hold up.</p>
      <nav aria-label="Legal">
        <Link to="/privacy" data-testid="footer-privacy">
          Privacy
        </Link>{' '}
        · <Link to="/subprocessors">Subprocessors</Link>
      </nav>
    </footer>
  );
}

/** The Holdfast mark (decorative). */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path
        d="M10 8v16M22 8v16M10 16h12"
        stroke="var(--color-surface)"
        strokeWidth="3.2"
        strokeLinecap="round"
      />
    </svg>
  );
}
