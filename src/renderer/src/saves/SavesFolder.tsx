// Where a game's saves are on disk, at the top of its Saves panel. In the Electron window, "Open
// saves folder" shows it in the file manager (saves.openFolder: the core picks the folder from the
// game's id and opens it through the shell); a browser cannot open folders, so it shows the path,
// with a button that copies it.
import { useEffect, useState } from 'react';
import type { SavesFolder as SavesFolderInfo } from '../../../shared/contract/saves-contract';
import { messageOf } from '../../../shared/errors';
import { useClient } from '../shell/client-context';

export function SavesFolder({ gameId }: { gameId: string }) {
  const client = useClient();
  const [folder, setFolder] = useState<SavesFolderInfo>();
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string }>();

  useEffect(() => {
    const load = () => void client.invoke('saves.folder', { gameId }).then(setFolder, (error: unknown) => setNote({ kind: 'error', text: `Could not find the saves folder: ${messageOf(error)}` }));
    load();
    // The folder appears with the game's first session: ask again when its saves change.
    return client.on('saves.changed', (change) => {
      if (change.gameId === gameId) load();
    });
  }, [client, gameId]);

  if (!folder) return null;
  const open = async () => {
    setNote(undefined);
    try {
      await client.invoke('saves.openFolder', { gameId });
    } catch (error) {
      setNote({ kind: 'error', text: messageOf(error) });
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(folder.path);
      setNote({ kind: 'ok', text: `Copied ${folder.path}.` });
    } catch {
      setNote({ kind: 'error', text: 'Could not copy to the clipboard: select the path and copy it.' });
    }
  };
  return (
    <div className="saves-folder">
      {folder.canOpen ? (
        <button type="button" className="button button-small" disabled={!folder.exists} title={folder.exists ? folder.path : 'It is made when the game is first played.'} onClick={() => void open()}>
          Open saves folder
        </button>
      ) : (
        <>
          <span>
            Saves folder: <code className="saves-folder-path">{folder.path}</code>
          </span>
          <button type="button" className="button button-small" aria-label="Copy the saves folder's path" onClick={() => void copy()}>
            Copy
          </button>
        </>
      )}
      {!folder.exists && <span className="field-hint">Made when the game is first played.</span>}
      {note && (
        <p className={`notice notice-${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
    </div>
  );
}
