// The sections of the launch settings form, one fieldset each: Display, Wine, Resources (with the GPU
// devices), Sound and network, Environment, Folders. Each shows its fields' values and problems and
// reports changes through `edit`; the screen around them owns the state, Save and Play.
import { defaultWinePrefixVolume } from '../../../shared/library/wine-prefix-volume';
import { DEFAULT_DISK_LIMIT, formatBytes } from '../../../shared/model/sizes';
import type { HostFacts } from '../../../shared/validation/host-facts';
import { formatCores } from '../graphs/format';
import { PLATFORM_LABELS } from '../library/library-view';
import { Field } from '../shell/Field';
import { routeHref } from '../shell/route';
import type { FieldProblems, LaunchForm } from './form-model';
import { EnvironmentTable, VolumesTable } from './TableEditors';

const COMMON_RESOLUTIONS = ['1280x720', '1366x768', '1600x900', '1920x1080', '2560x1440', '3840x2160'];

export type EditForm = (change: Partial<LaunchForm> | ((f: LaunchForm) => Partial<LaunchForm>)) => void;
/** Opens the folder dialog titled `what` at `current`, and hands the chosen path to `apply`. */
export type BrowseFolder = (what: string, current: string, apply: (path: string) => void) => Promise<void>;

interface SectionProps {
  form: LaunchForm;
  fields: FieldProblems['fields'];
  edit: EditForm;
}

export function DisplaySection({ form, fields, edit, gameId, platforms, displays }: SectionProps & { gameId: string; platforms: Array<LaunchForm['platform']>; displays: HostFacts['displays'] }) {
  return (
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
        <Field label="Display mode" errors={fields['launchConfig.displayMode']} hint={displayHint(displays)}>
          {(c) => (
            <select {...c} className="select" value={form.displayMode} onChange={(e) => edit({ displayMode: e.target.value as LaunchForm['displayMode'] })}>
              <option value="x11">X11{displays.x11 ? '' : ' (not found)'}</option>
              <option value="wayland">Wayland{displays.wayland ? '' : ' (not found)'}</option>
            </select>
          )}
        </Field>
        <Field label="Resolution" errors={fields['launchConfig.resolution']} hint="WIDTHxHEIGHT; empty: the display's own.">
          {(c) => (
            <>
              <input {...c} className="input mono" list="resolutions" value={form.resolution} placeholder="The display's own" onChange={(e) => edit({ resolution: e.target.value })} />
              <datalist id="resolutions">
                {COMMON_RESOLUTIONS.map((r) => (
                  <option key={r} value={r} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Refresh rate" errors={fields['launchConfig.refreshRate']} hint="In Hz, 30 to 240; empty: the display's own.">
          {(c) => <input {...c} className="input" inputMode="decimal" value={form.refreshRate} placeholder="The display's own" onChange={(e) => edit({ refreshRate: e.target.value })} />}
        </Field>
      </div>
    </fieldset>
  );
}

function displayHint(displays: HostFacts['displays']): string {
  const found = [displays.x11 && `X11 ${displays.x11.displayId}`, displays.wayland && `Wayland ${displays.wayland.displayId}`].filter(Boolean);
  return found.length > 0 ? `This computer offers ${found.join(' and ')}.` : 'No display found on this computer.';
}

export function WineSection({ form, fields, edit, canPick, browse }: SectionProps & { canPick: boolean; browse: BrowseFolder }) {
  const isWindows = form.platform === 'windows';
  return (
    <fieldset className="form-card">
      <legend>Wine</legend>
      <Field
        label="Wine prefix"
        errors={fields['launchConfig.winePrefix']}
        hint={isWindows ? 'A folder on this computer (created on first launch), or a Docker volume name such as mygame-prefix.' : 'Only Windows games use a Wine prefix.'}
      >
        {(c) => (
          <div className="input-with-button">
            <input {...c} className="input mono" value={form.winePrefix} disabled={!isWindows} placeholder={isWindows ? 'e.g. /home/you/Games/prefixes/mygame' : 'Not used'} onChange={(e) => edit({ winePrefix: e.target.value })} />
            {canPick && isWindows && (
              <button type="button" className="button" onClick={() => void browse('Choose the Wine prefix folder', form.winePrefix, (path) => edit({ winePrefix: path }))}>
                Browse…
              </button>
            )}
          </div>
        )}
      </Field>
    </fieldset>
  );
}

export function ResourcesSection({ form, fields, edit, facts }: SectionProps & { facts: Pick<HostFacts, 'cpuCount' | 'memoryBytes' | 'gpus'> }) {
  const gpuChoices = facts.gpus.map((gpu) => ({ id: gpu.ids[0] ?? gpu.name, ids: gpu.ids, label: `${gpu.name} (${gpu.vendor})` }));
  const unknownDevices = form.gpuDevices.filter((d) => !facts.gpus.some((g) => g.ids.includes(d)));
  return (
    <fieldset className="form-card">
      <legend>Resources</legend>
      <div className="form-grid">
        <Field label="CPU limit (cores)" errors={fields['launchConfig.resources.cpuLimit']} hint={`Empty: no limit. This computer has ${formatCores(facts.cpuCount)}.`}>
          {(c) => <input {...c} className="input" inputMode="decimal" value={form.cpuLimit} placeholder="No limit" onChange={(e) => edit({ cpuLimit: e.target.value })} />}
        </Field>
        <Field label="Memory limit" errors={fields['launchConfig.resources.memoryLimit']} hint={`Such as 4G or 512m; empty: no limit. This computer has ${formatBytes(facts.memoryBytes)}.`}>
          {(c) => <input {...c} className="input mono" value={form.memoryLimit} placeholder="No limit" onChange={(e) => edit({ memoryLimit: e.target.value })} />}
        </Field>
        <Field label="Disk limit" errors={fields['launchConfig.resources.diskLimit']} hint={`Writable space for the game, kept in memory while it runs; empty: ${DEFAULT_DISK_LIMIT}.`}>
          {(c) => <input {...c} className="input mono" value={form.diskLimit} placeholder={`Default (${DEFAULT_DISK_LIMIT})`} onChange={(e) => edit({ diskLimit: e.target.value })} />}
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
  );
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

export function SoundNetworkSection({ form, fields, edit }: SectionProps) {
  return (
    <fieldset className="form-card">
      <legend>Sound and network</legend>
      <div className="form-grid">
        <div className="field">
          <label className="checkbox-line field-label">
            <input type="checkbox" checked={form.audioEnabled} aria-describedby="audio-hint" onChange={(e) => edit({ audioEnabled: e.target.checked })} />
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
  );
}

export function EnvironmentSection({ form, fields, edit }: SectionProps) {
  return (
    <fieldset className="form-card">
      <legend>Environment</legend>
      <EnvironmentTable rows={form.environment} fields={fields} onChange={(environment) => edit({ environment })} />
    </fieldset>
  );
}

export function FoldersSection({ form, fields, edit, canPick, browse, allowedHostDirectories }: SectionProps & { canPick: boolean; browse: BrowseFolder; allowedHostDirectories: string[] }) {
  return (
    <fieldset className="form-card">
      <legend>Folders</legend>
      <VolumesTable
        rows={form.volumes}
        fields={fields}
        canPick={canPick}
        onChange={(volumes) => edit({ volumes })}
        onBrowse={(index) =>
          void browse('Choose a folder to mount', form.volumes[index]?.hostPath ?? '', (path) => edit((f) => ({ volumes: f.volumes.map((v, i) => (i === index ? { ...v, hostPath: path } : v)) })))
        }
      />
      {allowedHostDirectories.length > 0 && (
        <p className="field-hint">
          Folders games may use: {allowedHostDirectories.map((d) => <code key={d}>{d} </code>)}(change them in <a href={routeHref({ name: 'settings' })}>Settings</a>).
        </p>
      )}
    </fieldset>
  );
}
