// The launch form's "Game's own display" card: on x11, the user's display (shared) or a nested X
// server of the game's own (isolated), windowed or fullscreen, and what the resolution means in each.
// The rules (isolated only on x11, fullscreen only isolated, no refresh rate) are the shared ones.
import { Field } from '../shell/Field';
import type { FieldProblems, LaunchForm } from './form-model';

const SHARED_HINT = 'Shared: the game is a client of your own display. It keeps its size (Windows games: Wine\'s virtual desktop takes the resolution), and X11 lets it read other windows\' keys and pixels.';
const ISOLATED_HINT = 'Isolated: the game draws on a display of its own, a window on yours titled with the game (Xephyr), at the resolution above (empty: 1280x720). It sees no other window and none of their keys. Closing that window stops the game.';

export function DisplayIsolationField({ form, fields, edit }: { form: LaunchForm; fields: FieldProblems['fields']; edit(change: Partial<LaunchForm>): void }) {
  const isolation = form.displayIsolation ?? 'shared';
  return (
    <fieldset className="form-card">
      <legend>Game&apos;s own display</legend>
      <Field
        label="Display isolation"
        errors={fields['launchConfig.displayIsolation']}
        hint={form.displayMode === 'wayland' ? 'Wayland: the compositor already keeps games from other windows; isolation is for X11 games.' : isolation === 'isolated' ? ISOLATED_HINT : SHARED_HINT}
      >
        {(c) => (
          <select {...c} className="select" value={isolation} onChange={(e) => edit({ displayIsolation: e.target.value as 'shared' | 'isolated', ...(e.target.value === 'shared' ? { fullscreen: false } : {}) })}>
            <option value="shared">Shared (your display)</option>
            <option value="isolated">Isolated (a display of its own)</option>
          </select>
        )}
      </Field>
      {isolation === 'isolated' && (
        <div className="field">
          <label className="checkbox-line field-label">
            <input type="checkbox" checked={form.fullscreen === true} aria-describedby="fullscreen-hint" onChange={(e) => edit({ fullscreen: e.target.checked })} />
            Fullscreen
          </label>
          <p className="field-hint" id="fullscreen-hint">
            Its display fills your screen instead of a window (the resolution must fit the screen).
          </p>
          {(fields['launchConfig.fullscreen'] ?? []).map((message) => <p key={message} className="field-error" role="alert">{message}</p>)}
        </div>
      )}
    </fieldset>
  );
}
