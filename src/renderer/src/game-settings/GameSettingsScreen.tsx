// One game's launch settings: every LaunchConfiguration and ResourceLimits field, checked as the user
// types by the shared rules against this computer's facts, each problem at its field. Save, Reset
// to defaults, Preview container, and Play (disabled while anything is wrong), which plays the form
// as it stands, saved or not. Leaving with unsaved edits asks first.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useAppInfoStore } from '../shell/app-info-store';
import { useClient } from '../shell/client-context';
import { Dialog } from '../shell/Dialog';
import { messageOf } from '../../../shared/errors';
import { pickPath } from '../shell/pick-path';
import { navigate, routeHref } from '../shell/route';
import { useLeaveGuard } from '../shell/use-leave-guard';
import { useSessionsStore } from '../sessions/sessions-store';
import { useLibraryStore } from '../library/library-store';
import { problemsByField } from './form-model';
import { useGameSettingsStore } from './game-settings-store';
import { PreviewPanel } from './PreviewPanel';
import { WineSettingsSection } from './WineSettingsSection';
import { RunnerImageField } from './RunnerImageField';
import { DisplayIsolationField } from './DisplayIsolationField';
import { SavesPanel } from '../saves/SavesPanel';
import { wineFormFrom } from './wine-form';
import {
  DisplaySection,
  EnvironmentSection,
  FoldersSection,
  ResourcesSection,
  SoundNetworkSection,
  WineSection,
  type BrowseFolder,
  type EditForm,
} from './LaunchSettingsSections';
import './game-settings.css';

export function GameSettingsScreen({ gameId }: { gameId: string }) {
  const client = useClient();
  const library = useLibraryStore((s) => s.library);
  const canPick = useAppInfoStore((s) => s.info?.canPickPaths ?? false);
  const store = useGameSettingsStore();
  const { phase, loadError, form, facts, problems, pendingPaths, busy, notice, preview, saved } = store;
  const dirty = store.isDirty();
  const [launching, setLaunching] = useState(false);
  const [launchError, setLaunchError] = useState<string>();
  const guard = useLeaveGuard(phase === 'ready' && dirty);

  useEffect(() => {
    void useGameSettingsStore.getState().open(client, gameId);
  }, [client, gameId]);

  const game = library.state === 'ready' ? library.value.games.find((g) => g.id === gameId) : undefined;
  const title = game?.title ?? gameId;

  if (phase === 'error') {
    return (
      <section className="screen" aria-labelledby="game-settings-heading">
        <BackLink />
        <h2 id="game-settings-heading">Launch settings</h2>
        <p className="banner banner-error" role="alert">
          Could not load the settings of {title}: {loadError}
        </p>
      </section>
    );
  }
  if (phase !== 'ready' || !form || !facts) {
    return (
      <section className="screen">
        <BackLink />
        <p role="status">Loading the settings of {title}…</p>
      </section>
    );
  }

  const { fields, general } = problemsByField(problems, form);
  const edit: EditForm = (change) => {
    setLaunchError(undefined);
    store.edit(client, change);
  };
  const platforms = game?.platforms.map((p) => p.platform) ?? [form.platform];
  const blocked = problems.length > 0 || pendingPaths.length > 0;
  const browse: BrowseFolder = async (what, current, apply) => {
    try {
      const path = await pickPath(client, 'folder', what, current.startsWith('/') ? current : undefined);
      if (path) apply(path);
    } catch (error) {
      setLaunchError(messageOf(error));
    }
  };
  const play = async () => {
    if (blocked) return;
    setLaunching(true);
    setLaunchError(undefined);
    try {
      const request = store.draft(await useAppInfoStore.getState().userId(client));
      if (!request) return;
      const session = await useSessionsStore.getState().launch(client, request);
      // Play took the edits as they are: no "unsaved changes" question on the way to the session.
      navigate({ name: 'session', sessionId: session.sessionId }, { force: true });
    } catch (error) {
      setLaunchError(messageOf(error));
    } finally {
      setLaunching(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void store.save(client);
    }
  };

  return (
    <section className="screen game-settings" aria-labelledby="game-settings-heading">
      <BackLink />
      <header className="page-header">
        <div>
          <h2 id="game-settings-heading">Launch settings</h2>
          <p className="page-subtitle">
            <strong className="game-settings-title">{title}</strong> ·{' '}
            {saved?.saved ? `saved${saved.updatedAt ? ` ${new Date(saved.updatedAt).toLocaleString()}` : ''}` : 'defaults for this computer'}
            {dirty && <span className="chip chip-warning">Unsaved changes</span>}
          </p>
        </div>
      </header>

      {general.length > 0 && (
        <div className="notice notice-error" role="alert">
          <ul className="general-problems">
            {general.map((p) => (
              <li key={`${p.path}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}

      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void store.save(client); }} onKeyDown={onKeyDown} noValidate aria-label={`Launch settings for ${title}`}>
        <DisplaySection form={form} fields={fields} edit={edit} gameId={gameId} platforms={platforms} displays={facts.displays} />
        <DisplayIsolationField form={form} fields={fields} edit={edit} />
        <WineSection form={form} fields={fields} edit={edit} canPick={canPick} browse={browse} />
        {form.platform === 'windows' && (
          <WineSettingsSection wine={form.wine ?? wineFormFrom(undefined)} fields={fields} resolution={form.resolution} onChange={(change) => edit((f) => ({ wine: { ...(f.wine ?? wineFormFrom(undefined)), ...change } }))} />
        )}
        <RunnerImageField value={form.runnerImage ?? ''} fields={fields} onChange={(runnerImage) => edit({ runnerImage })} />
        <ResourcesSection form={form} fields={fields} edit={edit} facts={facts} />
        <SoundNetworkSection form={form} fields={fields} edit={edit} />
        <EnvironmentSection form={form} fields={fields} edit={edit} />
        <FoldersSection form={form} fields={fields} edit={edit} canPick={canPick} browse={browse} allowedHostDirectories={facts.allowedHostDirectories} />

        <div className="form-actions">
          <div className="form-status" role="status">
            {pendingPaths.length > 0
              ? 'Checking paths…'
              : problems.length > 0
                ? `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before playing.`
                : notice?.kind === 'ok'
                  ? notice.text
                  : dirty
                    ? 'Unsaved changes. Play plays these settings; Save keeps them for next time.'
                    : 'Ready to play.'}
          </div>
          {(notice?.kind === 'error' || launchError) && (
            <p className="notice notice-error form-error" role="alert">
              {launchError ?? notice?.text}
            </p>
          )}
          <div className="form-buttons">
            <button type="button" className="button button-ghost" onClick={() => void store.reset(client)} disabled={busy !== undefined}>
              Reset to defaults
            </button>
            <button type="button" className="button" onClick={() => void store.showPreview(client)} disabled={busy !== undefined}>
              {busy === 'previewing' ? 'Previewing…' : 'Preview container'}
            </button>
            <button type="submit" className="button" disabled={busy !== undefined || problems.length > 0 || !dirty} title={dirty ? undefined : 'Nothing to save: these are the saved settings.'}>
              {busy === 'saving' ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button button-primary" onClick={() => void play()} disabled={blocked || launching}>
              <svg viewBox="0 0 24 24" aria-hidden="true" className="play-icon">
                <path d="M8 5v14l11-7z" />
              </svg>
              {launching ? 'Starting…' : 'Play'}
            </button>
          </div>
        </div>
      </form>

      {preview && <PreviewPanel preview={preview} onClose={() => store.closePreview()} />}
      <SavesPanel gameId={gameId} title={title} />
      {guard.asking !== undefined && (
        <Dialog title="Unsaved changes" onClose={guard.stay} className="leave-dialog">
          <p>
            The launch settings of <strong>{title}</strong> have changes that are not saved. Leave now and they are lost.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button button-primary" onClick={guard.stay} autoFocus>
              Stay
            </button>
            <button type="button" className="button button-danger" onClick={guard.leave}>
              Leave without saving
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function BackLink() {
  return (
    <a className="back-link" href={routeHref({ name: 'library' })}>
      ← Library
    </a>
  );
}
