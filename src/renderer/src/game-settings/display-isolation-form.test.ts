import { describe, expect, it } from 'vitest';
import { LaunchConfiguration } from '../../../shared/model/entities';
import { makeFacts } from '../../../shared/test-support/test-facts';
import { formFromSettings, launchConfigFromForm, problemsByField, validateForm } from './form-model';

const saved = LaunchConfiguration.parse({ displayMode: 'x11', resources: { gpuAccess: 'none' }, audioEnabled: false, displayIsolation: 'isolated', fullscreen: true, resolution: '1280x720' });
const facts = makeFacts({ displays: { x11: { displayId: ':0', socketPath: '/tmp/.X11-unix/X0', maxWidth: 1920, maxHeight: 1080 } } });

describe("the form's display isolation", () => {
  it('comes back as it was saved', () => {
    const form = formFromSettings({ platform: 'linux', launchConfig: saved });
    expect(form).toMatchObject({ displayIsolation: 'isolated', fullscreen: true });
    expect(launchConfigFromForm(form).config).toMatchObject({ displayIsolation: 'isolated', fullscreen: true, resolution: '1280x720' });
    expect(validateForm(form, 'game_supertux', facts)).toEqual([]);
  });

  it('shows the shared rules at its fields: fullscreen without isolation', () => {
    const form = { ...formFromSettings({ platform: 'linux', launchConfig: saved }), displayIsolation: 'shared' as const };
    const { fields } = problemsByField(validateForm(form, 'game_supertux', facts), form);
    expect(fields['launchConfig.fullscreen']?.[0]).toMatch(/choose displayIsolation isolated/);
  });
});
