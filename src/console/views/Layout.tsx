import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ConsoleSession } from '../auth/consoleSessions';

export type Section = 'inbox' | 'approvals' | 'results' | 'none';

interface LayoutProps {
  title: string;
  session?: ConsoleSession;
  section?: Section;
  children: ComponentChildren;
  /** Extra scripts (same-origin files under /console/static). */
  scripts?: readonly string[];
}

/** The page frame: skip link, navigation, live region and the console script; escaping by default (preact). */
export function Layout(props: LayoutProps) {
  const { session, section = 'none' } = props;
  const link = (href: string, label: string, name: Section) => (
    <a href={href} aria-current={section === name ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {session ? <meta name="csrf-token" content={session.csrfToken} /> : null}
        <title>{`${props.title} · Pacto console`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/console/static/console.css" />
        <script src="/console/static/console.js" defer />
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        {session ? (
          <header class="top">
            <nav aria-label="Console">
              <strong class="brand">Pacto</strong>
              {link('/console/inbox', 'Inbox', 'inbox')}
              <span id="live-badge" class="badge" hidden aria-hidden="true" />
              {link('/console/approvals', 'Approvals', 'approvals')}
              {link('/console/results', 'Results', 'results')}
            </nav>
            <form method="post" action="/console/logout" class="signout">
              <input type="hidden" name="_csrf" value={session.csrfToken} />
              <span class="who">
                {session.user.name} ({session.user.role})
              </span>
              <button type="submit">Sign out</button>
            </form>
          </header>
        ) : null}
        <div id="live-status" class="visually-hidden" role="status" aria-live="polite" />
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** Renders a page to an HTML document string. Pure. */
export function renderPage(page: preact.VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Renders a fragment (no doctype), for the live refresh of part of a page. Pure. */
export function renderFragment(node: preact.VNode): string {
  return renderToString(node);
}
