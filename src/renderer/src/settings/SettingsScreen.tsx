// The app's settings: library folder, data folder (read-only), the folders games may mount, how many
// games may run at once, the Docker endpoint, the runner image and how many snapshots of each game's
// saves are kept. Saved through settings.save, which says which changes apply only after a restart.
import { useEffect, type FormEvent } from 'react';
import { useAppInfoStore } from '../shell/app-info-store';
import { useClient } from '../shell/client-context';
import { Field } from '../shell/Field';
import { pickPath } from '../shell/pick-path';
import { useSettingsStore } from './settings-store';
import './settings.css';

export function SettingsScreen() {
  const client = useClient();
  const store = useSettingsStore();
  const info = useAppInfoStore((s) => s.info);
  const canPick = info?.canPickPaths ?? false;
  const { phase, loadError, form, saved, problems, busy, notice, restartNeeded } = store;
  const dirty = store.isDirty();

  useEffect(() => {
    void useSettingsStore.getState().load(client);
  }, [client]);

  if (phase === 'error') {
    return (
      <section className="screen" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <p className="banner banner-error" role="alert">
          Could not read the settings: {loadError}
        </p>
      </section>
    );
  }
  if (!form || !saved) {
    return (
      <section className="screen">
        <p role="status">Loading the settings…</p>
      </section>
    );
  }

  const errorsAt = (path: string) => {
    const found = problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`)).map((p) => p.message);
    return found.length > 0 ? found : undefined;
  };
  const general = problems.filter((p) => !['libraryDir', 'allowedHostDirectories', 'maxConcurrentSessions', 'dockerEndpoint', 'metricsRetentionDays', 'runnerImage', 'savesKeepLast', 'savesKeepDays'].includes(p.path.split('.')[0] ?? ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void store.save(client);
  };
  const browse = async (title: string, current: string, apply: (path: string) => void) => {
    const path = await pickPath(client, 'folder', title, current).catch(() => null);
    if (path) apply(path);
  };
  const dirs = form.allowedHostDirectories;

  return (
    <section className="screen settings-screen" aria-labelledby="settings-heading">
      <header className="page-header">
        <div>
          <h2 id="settings-heading">Settings</h2>
          <p className="page-subtitle">Where the app keeps things, what games may reach, and how it talks to Docker.</p>
        </div>
      </header>

      {restartNeeded.length > 0 && (
        <p className="notice notice-warning settings-restart" role="status">
          Restart the app to apply: {restartNeeded.join(', ')}.
        </p>
      )}

      <form className="settings-form" onSubmit={submit} noValidate aria-label="App settings">
        <fieldset className="form-card">
          <legend>Storage</legend>
          <Field label="Library folder" errors={errorsAt('libraryDir')} hint="One folder per game, each with its game.json. Applies after a restart.">
            {(c) => (
              <div className="input-with-button">
                <input {...c} className="input mono" value={form.libraryDir} onChange={(e) => store.edit({ libraryDir: e.target.value })} />
                {canPick && (
                  <button type="button" className="button" onClick={() => void browse('Choose the library folder', form.libraryDir, (libraryDir) => store.edit({ libraryDir }))}>
                    Browse…
                  </button>
                )}
              </div>
            )}
          </Field>
          <Field label="Data folder" hint="Sessions, metrics and settings. Choose it when starting the app (--data-dir or DILLINGER_DATA_DIR).">
            {(c) => <input {...c} className="input mono" value={saved.dataDir} readOnly />}
          </Field>
        </fieldset>

        <fieldset className="form-card">
          <legend>Folders games may use</legend>
          <div className="field" role="group" aria-labelledby="allowed-dirs-label">
            <span className="field-label" id="allowed-dirs-label">
              Allowed host directories
            </span>
            <p className="field-hint">Mounts and Wine prefixes must lie inside one of these. The data folder and system folders stay out of reach.</p>
            {dirs.map((dir, index) => {
              const errors = errorsAt(`allowedHostDirectories.${index}`);
              return (
                <div key={index} className="allowed-dir">
                  <div className="input-with-button">
                    <input
                      className="input mono"
                      aria-label={`Allowed directory ${index + 1}`}
                      value={dir}
                      aria-invalid={errors ? true : undefined}
                      aria-describedby={errors ? `allowed-dir-error-${index}` : undefined}
                      onChange={(e) => store.edit({ allowedHostDirectories: dirs.map((d, i) => (i === index ? e.target.value : d)) })}
                    />
                    {canPick && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Browse for allowed directory ${index + 1}`}
                        onClick={() => void browse('Choose a folder games may use', dir, (path) => store.edit({ allowedHostDirectories: dirs.map((d, i) => (i === index ? path : d)) }))}
                      >
                        Browse…
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      aria-label={`Remove allowed directory ${index + 1}`}
                      onClick={() => store.edit({ allowedHostDirectories: dirs.filter((_, i) => i !== index) })}
                    >
                      ✕
                    </button>
                  </div>
                  {errors && (
                    <p className="field-error" id={`allowed-dir-error-${index}`} role="alert">
                      {errors.join(' ')}
                    </p>
                  )}
                </div>
              );
            })}
            <div>
              <button type="button" className="button button-small" onClick={() => store.edit({ allowedHostDirectories: [...dirs, ''] })}>
                Add directory
              </button>
            </div>
          </div>
        </fieldset>

        <fieldset className="form-card">
          <legend>Sessions and Docker</legend>
          <div className="form-grid">
            <Field label="Maximum concurrent sessions" errors={errorsAt('maxConcurrentSessions')} hint="How many games may run at once.">
              {(c) => <input {...c} className="input" inputMode="numeric" value={form.maxConcurrentSessions} onChange={(e) => store.edit({ maxConcurrentSessions: e.target.value })} />}
            </Field>
            <Field label="Metrics retention (days)" errors={errorsAt('metricsRetentionDays')} hint="How long finished sessions keep their graphs.">
              {(c) => <input {...c} className="input" inputMode="numeric" value={form.metricsRetentionDays} onChange={(e) => store.edit({ metricsRetentionDays: e.target.value })} />}
            </Field>
            <Field label="Docker endpoint" errors={errorsAt('dockerEndpoint')} hint="A socket path such as /var/run/docker.sock, or tcp://host:2375.">
              {(c) => <input {...c} className="input mono" value={form.dockerEndpoint} onChange={(e) => store.edit({ dockerEndpoint: e.target.value })} />}
            </Field>
            <Field label="Runner image" errors={errorsAt('runnerImage')} hint="Empty: the app builds and uses its own dillinger-runner:local.">
              {(c) => <input {...c} className="input mono" value={form.runnerImage} placeholder="dillinger-runner:local" onChange={(e) => store.edit({ runnerImage: e.target.value })} />}
            </Field>
          </div>
        </fieldset>

        <fieldset className="form-card">
          <legend>Saves</legend>
          <p className="field-hint">A snapshot of each game&apos;s saves is taken when a session ends. Older ones are removed at the next session&apos;s end, past these numbers.</p>
          <div className="form-grid">
            <Field label="Snapshots kept" errors={errorsAt('savesKeepLast')} hint="The newest snapshots of each game always kept (1 to 1000).">
              {(c) => <input {...c} className="input" inputMode="numeric" value={form.savesKeepLast} onChange={(e) => store.edit({ savesKeepLast: e.target.value })} />}
            </Field>
            <Field label="Days with a daily snapshot kept" errors={errorsAt('savesKeepDays')} hint="Beyond those, the newest snapshot of each day for this many days (0 to 3650).">
              {(c) => <input {...c} className="input" inputMode="numeric" value={form.savesKeepDays} onChange={(e) => store.edit({ savesKeepDays: e.target.value })} />}
            </Field>
          </div>
        </fieldset>

        {general.length > 0 && (
          <ul className="notice notice-error" role="alert">
            {general.map((p) => (
              <li key={`${p.path}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        )}

        <div className="form-actions">
          <div className="form-status" role="status">
            {notice?.kind === 'ok' ? notice.text : dirty ? 'Unsaved changes.' : 'All saved.'}
          </div>
          {notice?.kind === 'error' && (
            <p className="notice notice-error form-error" role="alert">
              {notice.text}
            </p>
          )}
          <div className="form-buttons">
            <button type="button" className="button button-ghost" disabled={!dirty || busy} onClick={() => void store.load(client)}>
              Discard changes
            </button>
            <button type="submit" className="button button-primary" disabled={!dirty || busy} title={dirty ? undefined : 'Nothing to save: every setting is as saved.'}>
              {busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </div>
      </form>

      {info && info.warnings.length > 0 && (
        <section className="form-card settings-warnings" aria-labelledby="warnings-heading">
          <h3 id="warnings-heading">Start-up warnings</h3>
          <ul>
            {info.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
