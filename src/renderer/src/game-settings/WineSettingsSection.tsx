// The launch form's Wine settings (Windows games only): Direct3D, the FPS overlay, the Windows
// version, DLL overrides, the virtual desktop and winetricks verbs, each with its problems.
import { D3D_BACKENDS, WINDOWS_VERSIONS, winetricksVerbKind } from '../../../shared/model/wine-settings';
import { Field } from '../shell/Field';
import type { FieldProblems } from './form-model';
import { winetricksVerbsOf, type WineForm } from './wine-form';

const GRAPHICS_LABELS: Record<(typeof D3D_BACKENDS)[number], string> = { wined3d: 'WineD3D (OpenGL)', dxvk: 'DXVK (Vulkan)' };

export function WineSettingsSection({ wine, fields, resolution, onChange }: { wine: WineForm; fields: FieldProblems['fields']; resolution: string; onChange: (change: Partial<WineForm>) => void }) {
  const downloads = winetricksVerbsOf(wine.winetricks).filter((verb) => winetricksVerbKind(verb) === 'download');
  return (
    <fieldset className="form-card">
      <legend>Wine settings</legend>
      {fields['launchConfig.wine'] && <p className="field-error" role="alert">{fields['launchConfig.wine'].join(' ')}</p>}
      <div className="form-grid">
        <Field label="Direct3D" errors={fields['launchConfig.wine.graphics']} hint="DXVK draws Direct3D 8-11 through Vulkan (software Vulkan without a GPU); WineD3D through OpenGL.">
          {(c) => (
            <select {...c} className="select" value={wine.graphics} onChange={(e) => onChange({ graphics: e.target.value as WineForm['graphics'] })}>
              {D3D_BACKENDS.map((b) => <option key={b} value={b}>{GRAPHICS_LABELS[b]}</option>)}
            </select>
          )}
        </Field>
        <Field label="Windows version" errors={fields['launchConfig.wine.windowsVersion']} hint="Set once in the prefix; empty: as the prefix has it.">
          {(c) => (
            <select {...c} className="select" value={wine.windowsVersion} onChange={(e) => onChange({ windowsVersion: e.target.value })}>
              <option value="">As the prefix has it</option>
              {WINDOWS_VERSIONS.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          )}
        </Field>
        <Field label="FPS overlay" errors={fields['launchConfig.wine.fpsOverlay']} hint={wine.graphics === 'dxvk' ? "DXVK's own counter (DXVK_HUD=fps)." : 'MangoHud over OpenGL.'}>
          {(c) => <input {...c} type="checkbox" checked={wine.fpsOverlay} onChange={(e) => onChange({ fpsOverlay: e.target.checked })} />}
        </Field>
        <Field label="Virtual desktop" errors={fields['launchConfig.wine.virtualDesktop']} hint={resolution.trim() !== '' ? `A Wine desktop window of ${resolution}.` : 'Drawn at the resolution set under Display.'}>
          {(c) => <input {...c} type="checkbox" checked={wine.virtualDesktop} onChange={(e) => onChange({ virtualDesktop: e.target.checked })} />}
        </Field>
        <Field label="DLL overrides" errors={fields['launchConfig.wine.dllOverrides']} hint="name=order, separated by ;  Orders: native, builtin, native,builtin, builtin,native, disabled.">
          {(c) => <input {...c} className="input mono" value={wine.dllOverrides} placeholder="e.g. xinput1_3=native" onChange={(e) => onChange({ dllOverrides: e.target.value })} />}
        </Field>
        <Field
          label="winetricks verbs"
          errors={fields['launchConfig.wine.winetricks']}
          hint={downloads.length > 0 ? `${downloads.join(', ')} download what they install: they need the internet (network bridge, and online at launch).` : 'Separated by spaces, applied once each. Settings verbs (such as csmt=off) need no internet; the others download.'}
        >
          {(c) => <input {...c} className="input mono" value={wine.winetricks} placeholder="e.g. csmt=off" onChange={(e) => onChange({ winetricks: e.target.value })} />}
        </Field>
      </div>
    </fieldset>
  );
}
