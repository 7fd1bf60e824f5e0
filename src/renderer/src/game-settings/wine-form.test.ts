import { describe, expect, it } from 'vitest';
import { LaunchConfiguration } from '../../../shared/model/entities';
import { makeFacts } from '../../../shared/test-support/test-facts';
import { formFromSettings, launchConfigFromForm, problemsByField, validateForm } from './form-model';
import { wineFormFrom, wineSettingsFromForm } from './wine-form';

const saved = {
  platform: 'windows' as const,
  launchConfig: LaunchConfiguration.parse({
    winePrefix: 'diablo-prefix', displayMode: 'x11', resolution: '800x600', audioEnabled: false, resources: { gpuAccess: 'none' },
    wine: { graphics: 'dxvk', fpsOverlay: true, windowsVersion: 'win7', dllOverrides: { xinput1_3: 'native,builtin' }, virtualDesktop: true, winetricks: ['csmt=off', 'renderer=vulkan'] },
  }),
};

describe('the Wine settings in the launch form', () => {
  it('saved settings read into the form and back unchanged', () => {
    const form = formFromSettings(saved);
    expect(form.wine).toEqual({ graphics: 'dxvk', fpsOverlay: true, windowsVersion: 'win7', dllOverrides: 'xinput1_3=native,builtin', virtualDesktop: true, winetricks: 'csmt=off renderer=vulkan' });
    expect(launchConfigFromForm(form).config).toEqual({ ...saved.launchConfig, volumes: [], environment: {}, networkMode: 'none' });
  });
  it("Wine's defaults leave launchConfig.wine out; a Linux launch never carries it", () => {
    expect(wineSettingsFromForm(wineFormFrom(undefined))).toBeUndefined();
    expect(launchConfigFromForm({ ...formFromSettings(saved), platform: 'linux' }).config.wine).toBeUndefined();
  });
  it('each problem is shown at its field: a bad override, a download verb with the network off', () => {
    const form = formFromSettings(saved);
    form.wine = { ...wineFormFrom(undefined), dllOverrides: 'd3d9=n; ../evil=native', winetricks: 'corefonts' };
    const facts = makeFacts();
    const { fields } = problemsByField(validateForm(form, 'game_diablo_pc_12345', facts), form);
    expect(fields['launchConfig.wine.dllOverrides']).toHaveLength(2);
    expect(fields['launchConfig.wine.winetricks']?.[0]).toMatch(/corefonts downloads what it installs, so it needs the internet/);
  });
});
