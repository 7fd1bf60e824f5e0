// The core's warnings that need the user (files set aside, settings that could not be read, a
// container nothing explains) as notices above every screen, each dismissable. Settings keeps
// listing them all, dismissed or not.
import { useEffect } from 'react';
import type { DillingerClient } from '../../../shared/contract/client';
import { useAppInfoStore } from './app-info-store';
import { useNoticesStore, visibleNotices } from './notices-store';
import { routeHref } from './route';

const NONE: string[] = [];
/** Notices shown at once: more would push the screen itself out of sight (the rest follow as these go). */
const AT_ONCE = 3;

export function StartupNotices({ client }: { client: DillingerClient }) {
  const initial = useAppInfoStore((state) => state.info?.warnings ?? NONE);
  const pushed = useNoticesStore((state) => state.pushed);
  const dismissed = useNoticesStore((state) => state.dismissed);
  const dismiss = useNoticesStore((state) => state.dismiss);
  const connect = useNoticesStore((state) => state.connect);
  useEffect(() => connect(client), [client, connect]);

  const notices = visibleNotices([...initial, ...pushed], dismissed);
  if (notices.length === 0) return null;
  const shown = notices.slice(0, AT_ONCE);
  const more = notices.length - shown.length;
  return (
    <section className="startup-notices" aria-label="Warnings">
      <ul>
        {shown.map((notice, index) => (
          <li key={notice.id} className="notice notice-warning startup-notice">
            <p id={`notice-${notice.id}`}>{notice.message}</p>
            <button
              type="button"
              className="button button-ghost button-small"
              aria-label={`Dismiss warning ${index + 1}`}
              aria-describedby={`notice-${notice.id}`}
              onClick={() => dismiss(notice.id)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
      <p className="startup-notices-more">
        {more > 0 && `${more} more after ${more === 1 ? 'this one' : 'these'}. `}
        Dismissed warnings stay listed in <a href={routeHref({ name: 'settings' })}>Settings</a>.
        {notices.length > 1 && (
          <button type="button" className="button button-ghost button-small" onClick={() => dismiss(...notices.map((n) => n.id))}>
            Dismiss all {notices.length}
          </button>
        )}
      </p>
    </section>
  );
}
