import { describe, expect, it } from 'vitest';
import { LaunchConfiguration } from '../../../shared/model/entities';
import { HOME, makeFacts } from '../../../shared/test-support/test-facts';
import { formFromSettings, launchConfigFromForm, newRowId, problemsByField, validateForm, type LaunchForm } from './form-model';

const DEFAULTS = {
  platform: 'linux' as const,
  launchConfig: LaunchConfiguration.parse({ displayMode: 'x11', audioEnabled: true, resources: { gpuAccess: 'none' } }),
};

function form(change: Partial<LaunchForm> = {}): LaunchForm {
  return { ...formFromSettings(DEFAULTS), ...change };
}

describe('form ↔ LaunchConfiguration', () => {
  it('reads saved settings into text fields and back into the same configuration', () => {
    const saved = {
      platform: 'windows' as const,
      launchConfig: LaunchConfiguration.parse({
        winePrefix: `${HOME}/.wine-diablo`,
        displayMode: 'x11',
        resolution: '1920x1080',
        refreshRate: 60,
        resources: { cpuLimit: 2.5, memoryLimit: '4G', diskLimit: '2g', gpuAccess: 'dedicated', gpuDevices: ['0'] },
        environment: { WINEDEBUG: '-all', DXVK_HUD: '1' },
        volumes: [{ hostPath: `${HOME}/Games/saves`, containerPath: '/saves', mode: 'rw', type: 'bind' }],
        audioEnabled: false,
        networkMode: 'bridge',
      }),
    };
    const f = formFromSettings(saved);
    expect(f).toMatchObject({ cpuLimit: '2.5', refreshRate: '60', memoryLimit: '4G', winePrefix: `${HOME}/.wine-diablo`, networkMode: 'bridge' });
    expect(f.environment.map((r) => [r.name, r.value])).toEqual([['WINEDEBUG', '-all'], ['DXVK_HUD', '1']]);
    expect(launchConfigFromForm(f)).toEqual({ config: saved.launchConfig, tableProblems: [] });
  });

  it('leaves out empty optional fields and the Wine prefix of a Linux game', () => {
    const { config } = launchConfigFromForm(form({ winePrefix: '/somewhere', memoryLimit: ' ', resolution: '' }));
    expect(config).toEqual({ displayMode: 'x11', resources: { gpuAccess: 'none' }, environment: {}, volumes: [], audioEnabled: true, networkMode: 'none' });
  });

  it("carries the game's own runner image both ways, and shows its problems at the field", () => {
    const saved = { platform: 'linux' as const, launchConfig: LaunchConfiguration.parse({ ...DEFAULTS.launchConfig, runnerImage: 'my-runner:proton' }) };
    const f = formFromSettings(saved);
    expect(f.runnerImage).toBe('my-runner:proton');
    expect(launchConfigFromForm(f).config.runnerImage).toBe('my-runner:proton');
    expect(launchConfigFromForm(form({ runnerImage: '' })).config).not.toHaveProperty('runnerImage');
    const problems = validateForm(form({ runnerImage: 'my runner' }), 'game_supertux', makeFacts());
    expect(problemsByField(problems, form()).fields['launchConfig.runnerImage']).toEqual([expect.stringMatching(/without spaces/)]);
  });

  it('keeps a number that does not read as one as text, for the rules to name', () => {
    expect(launchConfigFromForm(form({ cpuLimit: '1.5' })).config.resources).toMatchObject({ cpuLimit: 1.5 });
    expect(launchConfigFromForm(form({ cpuLimit: 'two' })).config.resources).toMatchObject({ cpuLimit: 'two' });
    expect(launchConfigFromForm(form({ refreshRate: '144' })).config.refreshRate).toBe(144);
  });

  it('skips blank variable rows and reports a nameless value and a name used twice', () => {
    const rows = [
      { id: newRowId(), name: 'A', value: '1' },
      { id: newRowId(), name: '', value: '' },
      { id: newRowId(), name: '', value: 'orphan' },
      { id: newRowId(), name: 'A', value: '2' },
    ];
    const { config, tableProblems } = launchConfigFromForm(form({ environment: rows }));
    expect(config.environment).toEqual({ A: '1' });
    expect(tableProblems.map((p) => p.path)).toEqual([`env.${rows[2]!.id}`, `env.${rows[3]!.id}`]);
  });
});

describe('live validation', () => {
  const facts = makeFacts();

  it('accepts the defaults', () => {
    expect(validateForm(form(), 'game_supertux', facts)).toEqual([]);
  });

  it('names a size Docker does not understand at the memory field', () => {
    const problems = validateForm(form({ memoryLimit: '12zz' }), 'game_supertux', facts);
    expect(problems).toHaveLength(1);
    const { fields, general } = problemsByField(problems, form({ memoryLimit: '12zz' }));
    expect(fields['launchConfig.resources.memoryLimit']?.[0]).toMatch(/not a size Docker understands/);
    expect(general).toEqual([]);
  });

  it('judges limits against the host and CPU text', () => {
    const f = form({ cpuLimit: '64', memoryLimit: '64G', refreshRate: 'fast' });
    const { fields } = problemsByField(validateForm(f, 'game_supertux', facts), f);
    expect(fields['launchConfig.resources.cpuLimit']?.[0]).toMatch(/8 CPU cores/);
    expect(fields['launchConfig.resources.memoryLimit']?.[0]).toMatch(/more than this computer/);
    expect(fields['launchConfig.refreshRate']?.[0]).toMatch(/number of Hz/);
  });

  it('asks a Windows game for a Wine prefix', () => {
    const f = form({ platform: 'windows' });
    const { fields } = problemsByField(validateForm(f, 'game_both', facts), f);
    expect(fields['launchConfig.winePrefix']?.[0]).toMatch(/need a Wine prefix/);
  });

  it('puts variable and mount problems on their rows', () => {
    const env = [{ id: newRowId(), name: 'DISPLAY', value: ':9' }];
    const volumes = [{ id: newRowId(), type: 'bind' as const, hostPath: '/etc', containerPath: 'saves', mode: 'rw' as const }];
    const f = form({ environment: env, volumes });
    const { fields, general } = problemsByField(validateForm(f, 'game_supertux', facts), f);
    expect(fields[`env.${env[0]!.id}`]?.[0]).toMatch(/set by the app/);
    expect(fields['launchConfig.volumes.0.containerPath']?.[0]).toMatch(/absolute path/);
    expect(fields['launchConfig.volumes.0.hostPath']?.[0]).toMatch(/games may not reach/);
    expect(general).toEqual([]);
  });

  it('keeps a variable named __proto__ so that validation refuses it at its row', () => {
    const env = [{ id: newRowId(), name: '__proto__', value: 'x' }];
    const f = form({ environment: env });
    expect(Object.keys(launchConfigFromForm(f).config.environment as object)).toEqual(['__proto__']);
    const { fields } = problemsByField(validateForm(f, 'game_supertux', facts), f);
    expect(fields[`env.${env[0]!.id}`]?.length).toBeGreaterThan(0);
  });

  it('lists problems no field shows above the form', () => {
    const { general } = problemsByField([{ path: 'gameId', message: 'There is no game.' }], form());
    expect(general).toEqual([{ path: 'gameId', message: 'There is no game.' }]);
  });

  it('puts GPU device problems at the device list', () => {
    const f = form({ gpuAccess: 'dedicated', gpuDevices: ['9'] });
    const { fields } = problemsByField(validateForm(f, 'game_supertux', facts), f);
    expect(fields['launchConfig.resources.gpuDevices']?.[0]).toMatch(/no GPU "9"/);
  });
});
