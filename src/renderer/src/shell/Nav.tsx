// The left navigation: the app's name, its four screens as links (the current one marked with
// aria-current), and the engine's status at the bottom.
import type { ReactNode } from 'react';
import type { EngineStatus } from '../../../shared/contract/engine-status';
import type { Loadable } from '../library/library-store';
import { EngineIndicator } from './EngineStatus';
import { routeHref, type NavSection } from './route';

const ICONS: Record<NavSection, ReactNode> = {
  library: <path d="M4 5h4v14H4zM10 5h4v14h-4zM16.2 5.6l3.8-1 3 13.5-3.8 1z" />,
  sessions: <path d="M8 5v14l11-7z" />,
  history: <path d="M12 4a8 8 0 1 1-7.4 5H2l3.5-4L9 9H6.7A6 6 0 1 0 12 6zm-1 3h2v5l4 2-1 1.7-5-2.7z" />,
  settings: (
    <path d="M19.4 13a7.6 7.6 0 0 0 0-2l2-1.6-2-3.4-2.4 1a7 7 0 0 0-1.7-1L15 3.5h-4L10.6 6a7 7 0 0 0-1.7 1l-2.4-1-2 3.4L6.6 11a7.6 7.6 0 0 0 0 2l-2 1.6 2 3.4 2.4-1a7 7 0 0 0 1.7 1l.4 2.5h4l.4-2.5a7 7 0 0 0 1.7-1l2.4 1 2-3.4zM12 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z" />
  ),
};

const LINKS: Array<{ section: NavSection; label: string }> = [
  { section: 'library', label: 'Library' },
  { section: 'sessions', label: 'Sessions' },
  { section: 'history', label: 'History' },
  { section: 'settings', label: 'Settings' },
];

export function Nav({ current, engine, activeSessions = 0 }: { current: NavSection | undefined; engine: Loadable<EngineStatus>; activeSessions?: number }) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 7a4 4 0 0 1 4-4h10a4 4 0 0 1 4 4v6a8 8 0 0 1-8 8h-2a8 8 0 0 1-8-8zm5 2v2H6v2h2v2h2v-2h2v-2h-2V9zm8 .5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z" />
        </svg>
        <h1>Dillinger Runner</h1>
      </div>
      <nav aria-label="Main">
        <ul className="nav-links">
          {LINKS.map(({ section, label }) => (
            <li key={section}>
              <a
                className="nav-link"
                href={routeHref({ name: section })}
                aria-current={current === section ? 'page' : undefined}
                title={section === 'sessions' && activeSessions > 0 ? `${activeSessions} game${activeSessions === 1 ? '' : 's'} running` : undefined}
              >
                <svg viewBox="0 0 24 24" aria-hidden="true">
                  {ICONS[section]}
                </svg>
                <span>{label}</span>
                {section === 'sessions' && activeSessions > 0 && (
                  // Kept out of the link's name ("Sessions"); the title says it in words.
                  <span className="nav-count" aria-hidden="true">
                    {activeSessions}
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <EngineIndicator engine={engine} />
      </div>
    </aside>
  );
}
