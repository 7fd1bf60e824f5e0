import type { SessionStatus } from '../../../shared/model/entities';
import './sessions.css';

/** A session's status as a coloured badge; `live` makes it announce changes (the session page). */
export function StatusBadge({ status, live = false, label }: { status: SessionStatus; live?: boolean; label?: string }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status} role={live ? 'status' : undefined} aria-label={live ? label : undefined}>
      {status}
    </span>
  );
}
