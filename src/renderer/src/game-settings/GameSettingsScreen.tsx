// One game's launch settings: every LaunchConfiguration and ResourceLimits field, checked as the user
// types by the shared rules against this computer's facts, each problem at its field. Save, Reset
// to defaults, Preview container, and Play (disabled while anything is wrong), which plays the form
// as it stands, saved or not. Leaving with unsaved edits asks first.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { defaultWinePrefixVolume } from '../../../shared/library/wine-prefix-volume';
import { DEFAULT_DISK_LIMIT, formatBytes } from '../../../shared/model/sizes';
import { launchSession } from '../library/launch-session';
import { PLATFORM_LABELS } from '../library/library-view';
import { useAppInfoStore } from '../shell/app-info-store';
import { useClient } from '../shell/client-context';
import { Dialog } from '../shell/Dialog';
import { messageOf } from '../shell/errors';
import { Field } from '../shell/Field';
import { pickPath } from '../shell/pick-path';
import { navigate, routeHref } from '../shell/route';
import { useLeaveGuard } from '../shell/use-leave-guard';
import { useLibraryStore } from '../stores/library-store';
import { problemsByField, type LaunchForm } from './form-model';
import { useGameSettingsStore } from './game-settings-store';
import { PreviewPanel } from './PreviewPanel';
import { EnvironmentTable, VolumesTable } from './TableEditors';
import './game-settings.css';


const COMMON_RESOLUTIONS = ['1280x720', '1366x768', '1600x900', '1920x1080', '2560x1440', '3840x2160'];

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
  const edit = (change: Partial<LaunchForm> | ((f: LaunchForm) => Partial<LaunchForm>)) => {
    setLaunchError(undefined);
    store.edit(client, change);
  };
  const platforms = game?.platforms.map((p) => p.platform) ?? [form.platform];
  const blocked = problems.length > 0 || pendingPaths.length > 0;
  const isWindows = form.platform === 'windows';
  const browse = async (what: string, current: string, apply: (path: string) => void) => {
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
      const session = await launchSession(client, request);
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
  const gpuChoices = facts.gpus.map((gpu) => ({ id: gpu.ids[0] ?? gpu.name, ids: gpu.ids, label: `${gpu.name} (${gpu.vendor})` }));
  const unknownDevices = form.gpuDevices.filter((d) => !facts.gpus.some((g) => g.ids.includes(d)));

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
        <fieldset className="form-card">
          <legend>Display</legend>
          <div className="form-grid">
            {platforms.length > 1 && (
              <Field label="Platform" errors={fields.platform}>
                {(c) => (
                  <select
                    {...c}
                    className="select"
                    value={form.platform}
                    onChange={(e) => {
                      const platform = e.target.value as LaunchForm['platform'];
                      edit((f) => ({ platform, ...(platform === 'windows' && f.winePrefix === '' ? { winePrefix: defaultWinePrefixVolume(gameId) } : {}) }));
                    }}
                  >
                    {platforms.map((p) => (
                      <option key={p} value={p}>
                        {PLATFORM_LABELS[p]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label="Display mode" errors={fields['launchConfig.displayMode']} hint={displayHint(facts.displays)}>
              {(c) => (
                <select {...c} className="select" value={form.displayMode} onChange={(e) => edit({ displayMode: e.target.value as LaunchForm['displayMode'] })}>
                  <option value="x11">X11{facts.displays.x11 ? '' : ' (not found)'}</option>
                  <option value="wayland">Wayland{facts.displays.wayland ? '' : ' (not found)'}</option>
                </select>
              )}
            </Field>
            <Field label="Resolution" errors={fields['launchConfig.resolution']} hint="WIDTHxHEIGHT; empty: the display's own.">
              {(c) => (
                <>
                  <input {...c} className="input mono" list="resolutions" value={form.resolution} placeholder="1920x1080" onChange={(e) => edit({ resolution: e.target.value })} />
                  <datalist id="resolutions">
                    {COMMON_RESOLUTIONS.map((r) => (
                      <option key={r} value={r} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            <Field label="Refresh rate" errors={fields['launchConfig.refreshRate']} hint="In Hz, 30 to 240; empty: the display's own.">
              {(c) => <input {...c} className="input" inputMode="decimal" value={form.refreshRate} placeholder="60" onChange={(e) => edit({ refreshRate: e.target.value })} />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-card">
          <legend>Wine</legend>
          <Field
            label="Wine prefix"
            errors={fields['launchConfig.winePrefix']}
            hint={isWindows ? 'A folder on this computer (created on first launch), or a Docker volume name such as mygame-prefix.' : 'Only Windows games use a Wine prefix.'}
          >
            {(c) => (
              <div className="input-with-button">
                <input {...c} className="input mono" value={form.winePrefix} disabled={!isWindows} placeholder="/home/you/Games/prefixes/mygame" onChange={(e) => edit({ winePrefix: e.target.value })} />
                {canPick && isWindows && (
                  <button type="button" className="button" onClick={() => void browse('Choose the Wine prefix folder', form.winePrefix, (path) => edit({ winePrefix: path }))}>
                    Browse…
                  </button>
                )}
              </div>
            )}
          </Field>
        </fieldset>

        <fieldset className="form-card">
          <legend>Resources</legend>
          <div className="form-grid">
            <Field label="CPU limit (cores)" errors={fields['launchConfig.resources.cpuLimit']} hint={`Empty: no limit. This computer has ${facts.cpuCount}.`}>
              {(c) => <input {...c} className="input" inputMode="decimal" value={form.cpuLimit} placeholder="2" onChange={(e) => edit({ cpuLimit: e.target.value })} />}
            </Field>
            <Field label="Memory limit" errors={fields['launchConfig.resources.memoryLimit']} hint={`Such as 4G or 512m; empty: no limit. This computer has ${formatBytes(facts.memoryBytes)}.`}>
              {(c) => <input {...c} className="input mono" value={form.memoryLimit} placeholder="4G" onChange={(e) => edit({ memoryLimit: e.target.value })} />}
            </Field>
            <Field label="Disk limit" errors={fields['launchConfig.resources.diskLimit']} hint={`Writable space for the game, kept in memory while it runs; empty: ${DEFAULT_DISK_LIMIT}.`}>
              {(c) => <input {...c} className="input mono" value={form.diskLimit} placeholder={DEFAULT_DISK_LIMIT} onChange={(e) => edit({ diskLimit: e.target.value })} />}
            </Field>
            <Field label="GPU access" errors={fields['launchConfig.resources.gpuAccess']} hint={facts.gpus.length === 0 ? 'No GPU found on this computer.' : 'Dedicated: only the devices chosen below.'}>
              {(c) => (
                <select
                  {...c}
                  className="select"
                  value={form.gpuAccess}
                  onChange={(e) => {
                    const gpuAccess = e.target.value as LaunchForm['gpuAccess'];
                    edit({ gpuAccess, ...(gpuAccess !== 'dedicated' ? { gpuDevices: [] } : {}) });
                  }}
                >
                  <option value="none">None (software rendering)</option>
                  <option value="shared">Shared (all GPUs)</option>
                  <option value="dedicated">Dedicated (chosen devices)</option>
                </select>
              )}
            </Field>
          </div>
          <GpuDevices
            choices={gpuChoices}
            unknown={unknownDevices}
            selected={form.gpuDevices}
            enabled={form.gpuAccess === 'dedicated'}
            errors={fields['launchConfig.resources.gpuDevices']}
            onChange={(gpuDevices) => edit({ gpuDevices })}
          />
        </fieldset>

        <fieldset className="form-card">
          <legend>Sound and network</legend>
          <div className="form-grid">
            <div className="field">
              <label className="checkbox-line field-label">
                <input
                  type="checkbox"
                  checked={form.audioEnabled}
                  aria-describedby="audio-hint"
                  onChange={(e) => edit({ audioEnabled: e.target.checked })}
                />
                Audio
              </label>
              <p className="field-hint" id="audio-hint">
                Play the game&apos;s sound through this computer (PulseAudio).
              </p>
            </div>
            <Field label="Network" errors={fields['launchConfig.networkMode']} hint="None keeps the game offline; bridge gives it internet access.">
              {(c) => (
                <select {...c} className="select" value={form.networkMode} onChange={(e) => edit({ networkMode: e.target.value as LaunchForm['networkMode'] })}>
                  <option value="none">None (offline)</option>
                  <option value="bridge">Bridge (internet)</option>
                  <option value="host">Host (this computer&apos;s network)</option>
                </select>
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-card">
          <legend>Environment</legend>
          <EnvironmentTable rows={form.environment} fields={fields} onChange={(environment) => edit({ environment })} />
        </fieldset>

        <fieldset className="form-card">
          <legend>Folders</legend>
          <VolumesTable
            rows={form.volumes}
            fields={fields}
            canPick={canPick}
            onChange={(volumes) => edit({ volumes })}
            onBrowse={(index) =>
              void browse('Choose a folder to mount', form.volumes[index]?.hostPath ?? '', (path) =>
                edit((f) => ({ volumes: f.volumes.map((v, i) => (i === index ? { ...v, hostPath: path } : v)) })),
              )
            }
          />
          {facts.allowedHostDirectories.length > 0 && (
            <p className="field-hint">
              Folders games may use: {facts.allowedHostDirectories.map((d) => <code key={d}>{d} </code>)}(change them in{' '}
              <a href={routeHref({ name: 'settings' })}>Settings</a>).
            </p>
          )}
        </fieldset>

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
            <button type="submit" className="button" disabled={busy !== undefined || problems.length > 0}>
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

function displayHint(displays: { x11?: { displayId: string }; wayland?: { displayId: string } }): string {
  const found = [displays.x11 && `X11 ${displays.x11.displayId}`, displays.wayland && `Wayland ${displays.wayland.displayId}`].filter(Boolean);
  return found.length > 0 ? `This computer offers ${found.join(' and ')}.` : 'No display found on this computer.';
}

function GpuDevices({
  choices,
  unknown,
  selected,
  enabled,
  errors,
  onChange,
}: {
  choices: Array<{ id: string; ids: string[]; label: string }>;
  unknown: string[];
  selected: string[];
  enabled: boolean;
  errors: string[] | undefined;
  onChange: (devices: string[]) => void;
}) {
  const isChosen = (ids: string[]) => ids.some((id) => selected.includes(id));
  const toggle = (ids: string[], id: string, on: boolean) => onChange(on ? [...selected.filter((d) => !ids.includes(d)), id] : selected.filter((d) => !ids.includes(d)));
  return (
    <div className="field gpu-devices" role="group" aria-labelledby="gpu-devices-label" aria-describedby={errors ? 'gpu-devices-error' : 'gpu-devices-hint'}>
      <span className="field-label" id="gpu-devices-label">
        GPU devices
      </span>
      {choices.length === 0 && unknown.length === 0 && (
        <p className="field-hint" id="gpu-devices-hint">
          This computer has no GPU that games can be given.
        </p>
      )}
      {choices.length > 0 && (
        <p className="field-hint" id="gpu-devices-hint">
          {enabled ? 'The GPUs this game may use.' : "Choose 'Dedicated' GPU access to pick devices."}
        </p>
      )}
      <div className="gpu-list">
        {choices.map((gpu) => (
          <label key={gpu.id} className="checkbox-line">
            <input type="checkbox" disabled={!enabled} checked={isChosen(gpu.ids)} onChange={(e) => toggle(gpu.ids, gpu.id, e.target.checked)} />
            {gpu.label} <code className="field-hint">{gpu.id}</code>
          </label>
        ))}
        {unknown.map((id) => (
          <label key={id} className="checkbox-line">
            <input type="checkbox" checked onChange={() => toggle([id], id, false)} />
            <code>{id}</code> (not on this computer)
          </label>
        ))}
      </div>
      {errors && (
        <p className="field-error" id="gpu-devices-error" role="alert">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
