// A game's Saves panel (on its settings page): the snapshots of its saves, newest first (when, why,
// size, files changed), a diff of one against the current saves, Restore (which first snapshots the
// current saves, so it can be undone), Export to an archive and Import one, and where the saves are
// (SavesFolder: opened in the file manager in the Electron window). Every failure is shown in the
// core's words, which say what to do.
import { useCallback, useEffect, useState } from 'react';
import type { SnapshotDiffInfo, SnapshotInfo } from '../../../shared/contract/saves-contract';
import { messageOf } from '../../../shared/errors';
import { useAppInfoStore } from '../shell/app-info-store';
import { useClient } from '../shell/client-context';
import { pickPath } from '../shell/pick-path';
import { SavesFolder } from './SavesFolder';
import { diffLines, reasonLine, sizeLine, whenLine } from './saves-view';
import './saves.css';

type Notice = { kind: 'ok' | 'error'; text: string };

export function SavesPanel({ gameId, title }: { gameId: string; title: string }) {
  const client = useClient();
  const canPick = useAppInfoStore((state) => state.info?.canPickPaths ?? false);
  const dataDir = useAppInfoStore((state) => state.info?.dataDir);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[]>();
  const [diff, setDiff] = useState<SnapshotDiffInfo>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const [exportPath, setExportPath] = useState('');
  const [importPath, setImportPath] = useState('');
  /** The snapshot that undoes the last restore made here. */
  const [undoId, setUndoId] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      setSnapshots(await client.invoke('saves.list', { gameId }));
    } catch (error) {
      setNotice({ kind: 'error', text: `Could not list the saves: ${messageOf(error)}` });
    }
  }, [client, gameId]);
  useEffect(() => {
    const load = () =>
      void client.invoke('saves.list', { gameId }).then(setSnapshots, (error: unknown) => setNotice({ kind: 'error', text: `Could not list the saves: ${messageOf(error)}` }));
    load();
    // A session's end leaves a snapshot (after the session is recorded as ended): list again then.
    return client.on('saves.changed', (change) => {
      if (change.gameId === gameId) load();
    });
  }, [client, gameId]);

  const act = async (doing: () => Promise<string>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      setNotice({ kind: 'ok', text: await doing() });
      await refresh();
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  const restore = (snapshot: SnapshotInfo) =>
    act(async () => {
      const result = await client.invoke('saves.restore', { gameId, snapshotId: snapshot.id });
      setDiff(undefined);
      setUndoId(result.undoSnapshotId ?? undefined);
      const list = await client.invoke('saves.list', { gameId });
      const undo = list.find((s) => s.id === result.undoSnapshotId);
      return `Restored the saves of ${whenLine(snapshot.createdAt)}.${undo ? ` The saves before it are the snapshot of ${whenLine(undo.createdAt)}: restore that one to undo.` : ''}`;
    });
  const showDiff = (snapshot: SnapshotInfo) =>
    act(async () => {
      setDiff(await client.invoke('saves.diff', { gameId, snapshotId: snapshot.id }));
      return `Compared the saves of ${whenLine(snapshot.createdAt)} with the current ones.`;
    });
  const exportTo = (snapshot: SnapshotInfo) =>
    act(async () => {
      const { path, bytes } = await client.invoke('saves.export', { gameId, snapshotId: snapshot.id, path: exportPath });
      return `Exported to ${path} (${bytes} bytes).`;
    });
  const importFrom = () =>
    act(async () => {
      const snapshot = await client.invoke('saves.import', { gameId, path: importPath });
      return `Imported as the snapshot of ${whenLine(snapshot.createdAt)}: restore it to use it.`;
    });
  const browse = async (set: (path: string) => void, kind: 'file' | 'folder', what: string) => {
    const path = await pickPath(client, kind, what).catch(() => null);
    if (path) set(kind === 'folder' ? `${path.replace(/\/+$/, '')}/${gameId}-saves.tar` : path);
  };
  const exportsHint = dataDir ? ` or ${dataDir}/exports` : '';

  return (
    <section className="saves-panel" aria-labelledby="saves-heading">
      <h3 id="saves-heading">Saves</h3>
      <p className="saves-intro">
        The saves of {title} are snapshotted after every session. Restore first snapshots the current saves, so a restore can be undone. Restore only while the game is not running.
      </p>
      <SavesFolder gameId={gameId} />
      {notice && (
        <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {snapshots === undefined ? (
        <p role="status">Loading the snapshots…</p>
      ) : snapshots.length === 0 ? (
        <p>No snapshot yet: the first one is taken when a session of {title} ends.</p>
      ) : (
        <table className="saves-table">
          <caption className="visually-hidden">Snapshots of the saves of {title}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Why</th>
              <th scope="col">Size</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((snapshot) => {
              const when = whenLine(snapshot.createdAt);
              return (
                <tr key={snapshot.id}>
                  <td>
                    <time dateTime={snapshot.createdAt}>{when}</time>
                  </td>
                  <td>
                    {reasonLine(snapshot.reason)}
                    {snapshot.id === undoId && <span className="chip">Undoes the last restore</span>}
                  </td>
                  <td>{sizeLine(snapshot)}</td>
                  <td className="saves-actions">
                    <button type="button" className="button button-small" disabled={busy} aria-label={`Compare the saves of ${when}`} onClick={() => void showDiff(snapshot)}>
                      Compare
                    </button>
                    <button type="button" className="button button-small" disabled={busy} aria-label={`Restore the saves of ${when}`} onClick={() => void restore(snapshot)}>
                      Restore
                    </button>
                    <button type="button" className="button button-small" disabled={busy || exportPath === ''} aria-label={`Export the saves of ${when}`} title={exportPath === '' ? 'Type the archive path below first' : undefined} onClick={() => void exportTo(snapshot)}>
                      Export
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {diff && (
        <section className="saves-diff" aria-labelledby="saves-diff-heading">
          <h4 id="saves-diff-heading">Changes since that snapshot</h4>
          {diffLines(diff).length === 0 ? (
            <p>The current saves are the same as that snapshot.</p>
          ) : (
            <ul>
              {diffLines(diff).map((line) => (
                <li key={line.path}>
                  <code>{line.path}</code> {line.change} ({line.detail})
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <div className="saves-archives">
        <div className="saves-path-row">
          <label className="saves-path">
            <span>Export archive path</span>
            <input className="input mono" value={exportPath} placeholder="/home/you/saves.tar" onChange={(e) => setExportPath(e.target.value)} />
          </label>
          {canPick && (
            <button type="button" className="button" disabled={busy} onClick={() => void browse(setExportPath, 'folder', 'Choose the folder for the archive')}>
              Choose folder…
            </button>
          )}
        </div>
        <p className="field-hint">A new .tar file in one of the allowed folders (Settings → Allowed folders){exportsHint}; then Export on a snapshot.</p>
        <div className="saves-path-row">
          <label className="saves-path">
            <span>Import archive path</span>
            <input className="input mono" value={importPath} placeholder="/home/you/saves.tar" onChange={(e) => setImportPath(e.target.value)} />
          </label>
          {canPick && (
            <button type="button" className="button" disabled={busy} onClick={() => void browse(setImportPath, 'file', 'Choose a saves archive (.tar)')}>
              Choose file…
            </button>
          )}
          <button type="button" className="button" disabled={busy || importPath === ''} onClick={() => void importFrom()}>
            Import
          </button>
        </div>
      </div>
    </section>
  );
}
