import type { ReactNode } from 'react';

/** The product name shown above every card. */
export const APP_NAME = 'SSO Demo';

interface PageShellProps {
  children: ReactNode;
  footer?: ReactNode;
  /** A wider card, for pages with more than a short form (the profile and its connected accounts). */
  wide?: boolean;
}

/** The centered card every page lives in, with the product mark above the content. */
export function PageShell({ children, footer, wide = false }: PageShellProps) {
  return (
    <main className="page">
      <div className={wide ? 'card card--wide' : 'card'}>
        <div className="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" />
            <circle cx="12" cy="16" r="5" />
            <path d="M17 16h9m-3 0v4m-3-4v3" />
          </svg>
          <span className="brand__name">{APP_NAME}</span>
        </div>
        {children}
      </div>
      {footer && <footer className="page__footer">{footer}</footer>}
    </main>
  );
}
