import { useEffect, type ReactNode } from 'react';

type PageHeaderProps = {
  title: string;
  /** Shown in the browser tab before " · Holdfast"; defaults to the title. */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
};

/** The page's one h1, its tab title and its main actions. The h1 takes focus after navigation. */
export function PageHeader({ title, documentTitle, description, actions }: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? title);
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 tabIndex={-1} data-page-heading="">
          {title}
        </h1>
        {description !== undefined && <p className="page-description">{description}</p>}
      </div>
      {actions !== undefined && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/** Sets the browser tab's title while the calling page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Holdfast`;
  }, [title]);
}
