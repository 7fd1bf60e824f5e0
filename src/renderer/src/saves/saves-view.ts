// What the Saves panel says about a snapshot: why it was taken (after which session), and a diff's
// file list as lines a player reads. Pure, so it is tested without a window.
import type { SnapshotDiffInfo, SnapshotInfo } from '../../../shared/contract/saves-contract';
import { formatBytes, formatDateTime } from '../graphs/format';

export function reasonLine(reason: SnapshotInfo['reason']): string {
  switch (reason.kind) {
    case 'session-end':
      return reason.sessionId ? `After session ${reason.sessionId}` : 'After a session';
    case 'before-restore':
      return 'Before a restore: the saves it replaced';
    case 'before-install':
      return reason.sessionId ? `Before installer session ${reason.sessionId}` : 'Before an installer';
    case 'before-tool':
      return reason.sessionId ? `Before tool session ${reason.sessionId}` : 'Before a tool';
    case 'before-winetricks':
      return reason.sessionId ? `Before the winetricks verbs of session ${reason.sessionId}` : 'Before winetricks verbs';
    case 'import':
      return 'Imported from an archive';
    case 'manual':
      return 'Taken by hand';
  }
}

/** "2026-11-26 19:43:07": with seconds, since snapshots often come minutes or seconds apart. */
export function whenLine(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDateTime(iso)}:${String(date.getSeconds()).padStart(2, '0')}`;
}

export function sizeLine(snapshot: SnapshotInfo): string {
  const { files, bytes, filesChanged } = snapshot.totals;
  return `${files} file${files === 1 ? '' : 's'}, ${formatBytes(bytes)} · ${filesChanged} changed`;
}

export interface DiffLine {
  path: string;
  change: 'added since' | 'removed since' | 'changed since';
  detail: string;
}

/** The diff as lines sorted by path; "added since" files are ones a restore removes. */
export function diffLines(diff: SnapshotDiffInfo): DiffLine[] {
  return [
    ...diff.added.map((f) => ({ path: f.path, change: 'added since' as const, detail: formatBytes(f.size) })),
    ...diff.removed.map((f) => ({ path: f.path, change: 'removed since' as const, detail: formatBytes(f.size) })),
    ...diff.changed.map((f) => ({ path: f.path, change: 'changed since' as const, detail: `${formatBytes(f.snapshot.size)} → ${formatBytes(f.current.size)}` })),
  ].sort((a, b) => a.path.localeCompare(b.path));
}
