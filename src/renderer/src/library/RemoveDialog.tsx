// Remove a game, after asking. Its files stay (the core sets its game.json aside) unless the user
// also ticks "Delete the game's files", which says plainly what it deletes.
import { useState } from 'react';
import type { LibraryGame } from '../../../shared/library/manifest';
import { useClient } from '../shell/client-context';
import { Dialog } from '../shell/Dialog';
import { messageOf } from '../../../shared/errors';
import { gameFiles } from './game-form';

export function RemoveDialog({
  game,
  libraryRoot,
  onClose,
  onDone,
}: {
  game: LibraryGame;
  libraryRoot: string;
  onClose: () => void;
  onDone: (result: { folder: string; filesDeleted: boolean }) => void;
}) {
  const client = useClient();
  const [deleteFiles, setDeleteFiles] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const folder = gameFiles(game, libraryRoot);
  const installedElsewhere = game.location !== undefined;

  const remove = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      onDone(await client.invoke('library.remove', { gameId: game.id, deleteFiles }));
    } catch (error) {
      setFailure(messageOf(error));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Remove ${game.title}?`} onClose={onClose}>
      {installedElsewhere ? (
        <p>
          {game.title} leaves the library. Its files stay where they are installed, in <code>{folder}</code>.
        </p>
      ) : (
        <>
          <p>
            {game.title} leaves the library. Its files stay on disk (its folder <code>{folder}</code> is set aside, hidden), so nothing you
            installed or saved is lost.
          </p>
          <label className="checkbox-line danger-choice">
            <input type="checkbox" checked={deleteFiles} onChange={(e) => setDeleteFiles(e.target.checked)} />
            Also delete the game&apos;s files from disk
          </label>
        </>
      )}
      {deleteFiles && (
        <p className="notice notice-warning">
          Everything in <code>{folder}</code> will be deleted. This cannot be undone.
        </p>
      )}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy}>
          {busy ? 'Removing…' : deleteFiles ? 'Remove and delete files' : 'Remove'}
        </button>
      </div>
    </Dialog>
  );
}
