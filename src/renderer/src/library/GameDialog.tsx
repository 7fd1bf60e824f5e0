// Add game / Edit game: the folder (picked with the system's dialog where there is one, typed in a
// browser), the title, per platform the program to start and its arguments, and (Edit) the cover
// image. Writes game.json through the contract.
import { useState, type FormEvent } from 'react';
import type { LibraryGame } from '../../../shared/library/manifest';
import { useAppInfoStore } from '../shell/app-info-store';
import { useClient } from '../shell/client-context';
import { Dialog } from '../shell/Dialog';
import { messageOf } from '../../../shared/errors';
import { problemsOf } from '../shell/errors';
import { Field } from '../shell/Field';
import { pickPath } from '../shell/pick-path';
import { useCoverStore } from './cover-store';
import {
  PLATFORMS, absoluteFolder, applyPickedPath, coverChange, emptyGameForm, gameFormFrom, gameFormProblems, gameProblemsByField, platformLaunches,
  gameFiles, relativeExecutable, type GameForm,
} from './game-form';
import { ArgumentsField } from './ArgumentsField';
import { PLATFORM_LABELS } from './library-view';

export function GameDialog({
  mode,
  game,
  libraryRoot,
  initialFolder,
  onClose,
  onDone,
}: {
  mode: 'add' | 'edit';
  game?: LibraryGame;
  libraryRoot: string;
  /** Add: the folder to start from (a library folder without a game.json, from Library problems). */
  initialFolder?: string;
  onClose: () => void;
  onDone: (game: LibraryGame) => void;
}) {
  const client = useClient();
  const canPick = useAppInfoStore((state) => state.info?.canPickPaths ?? false);
  const [form, setForm] = useState<GameForm>(() => (game ? gameFormFrom(game) : { ...emptyGameForm(), folder: initialFolder ?? '' }));
  const [shown, setShown] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const update = (next: GameForm) => {
    setForm(next);
    setShown({});
    setFailure(undefined);
  };

  const browse = async (kind: 'folder' | 'file', platform?: (typeof PLATFORMS)[number] | 'cover') => {
    try {
      const start = mode === 'edit' ? gameFiles(game, libraryRoot) : form.folder ? absoluteFolder(form.folder, libraryRoot) : libraryRoot;
      const what = kind === 'folder' ? "Choose the game's folder" : platform === 'cover' ? 'Choose the cover image' : 'Choose the program to start';
      const path = await pickPath(client, kind, what, start);
      if (!path) return;
      if (platform === 'cover') update({ ...form, cover: relativeExecutable(path, gameFiles(game, libraryRoot)) });
      else if (platform && mode === 'edit') {
        const folder = gameFiles(game, libraryRoot);
        update({ ...form, platforms: { ...form.platforms, [platform]: { ...form.platforms[platform], enabled: true, executable: relativeExecutable(path, folder) } } });
      } else update(applyPickedPath(form, path, kind));
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = gameFormProblems(form, mode);
    if (local.length > 0) {
      setShown(gameProblemsByField(local, form));
      return;
    }
    setBusy(true);
    try {
      const folder = mode === 'edit' ? gameFiles(game, libraryRoot) : absoluteFolder(form.folder, libraryRoot);
      const platforms = platformLaunches({ ...form, folder });
      const cover = mode === 'edit' ? coverChange(form, game, folder) : undefined;
      const saved =
        mode === 'add'
          ? await client.invoke('library.add', { folder, title: form.title.trim(), platforms })
          : await client.invoke('library.update', { gameId: game?.id ?? '', title: form.title.trim(), platforms, ...(cover !== undefined ? { cover } : {}) });
      // The cover file may have changed even where its path did not: the card asks for it again.
      if (mode === 'edit') useCoverStore.getState().forget(saved.id);
      onDone(saved);
    } catch (error) {
      const problems = problemsOf(error);
      setShown(gameProblemsByField(problems, form));
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={mode === 'add' ? 'Add a game' : `Edit ${game?.title ?? 'game'}`} onClose={onClose} className="game-dialog">
      <form className="game-form" onSubmit={(event) => void submit(event)} noValidate>
        {mode === 'add' ? (
          <Field
            label="Game folder"
            errors={shown.folder}
            hint={
              <>
                A folder in the library (<code>{libraryRoot}</code>), given by its name or full path; or an installed game elsewhere, in a
                folder games may use (Settings), whose files then stay where they are.
              </>
            }
          >
            {(control) => (
              <div className="input-with-button">
                <input {...control} className="input" value={form.folder} autoFocus placeholder={`${libraryRoot}/my-game`} onChange={(e) => update({ ...form, folder: e.target.value })} />
                {canPick && (
                  <>
                    <button type="button" className="button" onClick={() => void browse('folder')}>
                      Choose folder…
                    </button>
                    <button type="button" className="button" onClick={() => void browse('file')}>
                      Choose program…
                    </button>
                  </>
                )}
              </div>
            )}
          </Field>
        ) : (
          <p className="field-hint">
            Files in <code>{gameFiles(game, libraryRoot)}</code>
          </p>
        )}
        <Field label="Title" errors={shown.title}>
          {(control) => <input {...control} className="input" value={form.title} autoFocus={mode === 'edit'} onChange={(e) => update({ ...form, title: e.target.value })} />}
        </Field>
        <fieldset className="platform-fields" aria-describedby={shown.platforms ? 'platforms-error' : undefined}>
          <legend className="field-label">Platforms</legend>
          {shown.platforms && (
            <p className="field-error" id="platforms-error" role="alert">
              {shown.platforms.join(' ')}
            </p>
          )}
          {PLATFORMS.map((platform) => {
            const entry = form.platforms[platform];
            const label = PLATFORM_LABELS[platform];
            return (
              <div key={platform} className="platform-row">
                <label className="checkbox-line">
                  <input
                    type="checkbox"
                    checked={entry.enabled}
                    onChange={(e) => update({ ...form, platforms: { ...form.platforms, [platform]: { ...entry, enabled: e.target.checked } } })}
                  />
                  {label}
                </label>
                {entry.enabled && (
                  <Field label={`${label} executable`} errors={shown[`platform.${platform}`]} className="platform-executable">
                    {(control) => (
                      <div className="input-with-button">
                        <input
                          {...control}
                          className="input mono"
                          value={entry.executable}
                          placeholder={platform === 'windows' ? 'Game.exe' : 'bin/game'}
                          onChange={(e) => update({ ...form, platforms: { ...form.platforms, [platform]: { ...entry, executable: e.target.value } } })}
                        />
                        {canPick && (
                          <button type="button" className="button" onClick={() => void browse('file', platform)}>
                            Browse…
                          </button>
                        )}
                      </div>
                    )}
                  </Field>
                )}
                {entry.enabled && (
                  <ArgumentsField
                    platform={platform}
                    form={form}
                    shown={shown[`arguments.${platform}`]}
                    onChange={(argumentsText) => update({ ...form, platforms: { ...form.platforms, [platform]: { ...entry, argumentsText } } })}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
        {mode === 'edit' && (
          <Field
            label="Cover image"
            errors={shown.cover}
            hint={
              <>
                An image in the game&apos;s folder (PNG, JPEG, WebP or GIF, at most 4 MiB), such as <code>cover.png</code>; empty: a cover made
                from the title.
              </>
            }
          >
            {(control) => (
              <div className="input-with-button">
                <input {...control} className="input mono" value={form.cover} placeholder="cover.png" onChange={(e) => update({ ...form, cover: e.target.value })} />
                {canPick && (
                  <button type="button" className="button" onClick={() => void browse('file', 'cover')}>
                    Browse…
                  </button>
                )}
                {form.cover !== '' && (
                  <button type="button" className="button button-ghost" onClick={() => update({ ...form, cover: '' })}>
                    No cover
                  </button>
                )}
              </div>
            )}
          </Field>
        )}
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {mode === 'add' ? (busy ? 'Adding…' : 'Add game') : busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
