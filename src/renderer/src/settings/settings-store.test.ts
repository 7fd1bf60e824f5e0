import { describe, expect, it } from 'vitest';
import type { AppSettings } from '../../../shared/contract/contract';
import { ContractError } from '../../../shared/contract/envelope';
import { fakeClient } from '../test-support/fake-client';
import { settingsChange, settingsFormFrom, settingsFormProblems } from './settings-form';
import { createSettingsStore } from './settings-store';

const SETTINGS: AppSettings = {
  libraryDir: '/home/you/Games',
  dataDir: '/home/you/.local/share/dillinger-runner',
  allowedHostDirectories: ['/home/you'],
  maxConcurrentSessions: 4,
  dockerEndpoint: '/var/run/docker.sock',
  metricsRetentionDays: 30,
  runnerImage: '',
  savesKeepLast: 20,
  savesKeepDays: 30,
  restartNeeded: [],
};

describe('settings form', () => {
  it('sends only what changed, in the contract types', () => {
    const form = settingsFormFrom(SETTINGS);
    expect(settingsChange(SETTINGS, form)).toEqual({});
    expect(settingsChange(SETTINGS, { ...form, maxConcurrentSessions: ' 2 ', allowedHostDirectories: ['/home/you', ' ', '/media'], runnerImage: ' my/runner:1 ' })).toEqual({
      maxConcurrentSessions: 2,
      allowedHostDirectories: ['/home/you', '/media'],
      runnerImage: 'my/runner:1',
    });
  });

  it('finds problems before asking the core', () => {
    const form = { ...settingsFormFrom(SETTINGS), libraryDir: 'Games', maxConcurrentSessions: '0', metricsRetentionDays: 'x', allowedHostDirectories: ['media'], dockerEndpoint: ' ' };
    expect(settingsFormProblems(form).map((p) => p.path)).toEqual(['libraryDir', 'allowedHostDirectories.0', 'maxConcurrentSessions', 'metricsRetentionDays', 'dockerEndpoint']);
  });

  it('checks the saves retention numbers (whole, in bounds) and sends them as numbers', () => {
    const form = settingsFormFrom(SETTINGS);
    expect(form).toMatchObject({ savesKeepLast: '20', savesKeepDays: '30' });
    expect(settingsChange(SETTINGS, { ...form, savesKeepLast: ' 5 ', savesKeepDays: '0' })).toEqual({ savesKeepLast: 5, savesKeepDays: 0 });
    const problemsOf = (savesKeepLast: string, savesKeepDays: string) => settingsFormProblems({ ...form, savesKeepLast, savesKeepDays });
    expect(problemsOf('5', '0')).toEqual([]);
    expect(problemsOf('0', '30').map((p) => p.path)).toEqual(['savesKeepLast']);
    expect(problemsOf('1001', '30')[0]?.message).toMatch(/from 1 to 1000/);
    expect(problemsOf('2.5', '-1').map((p) => p.path)).toEqual(['savesKeepLast', 'savesKeepDays']);
    expect(problemsOf('20', '3651')[0]?.message).toMatch(/from 0 to 3650/);
  });
});

describe('settings store', () => {
  it('loads, saves a change and says what needs a restart', async () => {
    const { client, callsOf } = fakeClient({
      'settings.get': () => SETTINGS,
      'settings.save': (change: Partial<AppSettings>) => ({ settings: { ...SETTINGS, ...change }, restartNeeded: Object.keys(change).filter((k) => k === 'dockerEndpoint') }),
    });
    const store = createSettingsStore();
    await store.getState().load(client);
    store.getState().edit({ dockerEndpoint: 'tcp://127.0.0.1:2375', maxConcurrentSessions: '2' });
    expect(store.getState().isDirty()).toBe(true);
    expect(await store.getState().save(client)).toBe(true);
    expect(callsOf('settings.save')).toEqual([{ dockerEndpoint: 'tcp://127.0.0.1:2375', maxConcurrentSessions: 2 }]);
    expect(store.getState().restartNeeded).toEqual(['Docker endpoint']);
    expect(store.getState().notice?.text).toMatch(/Restart the app to apply: Docker endpoint/);
    expect(store.getState().isDirty()).toBe(false);
  });

  it('shows what still waits for a restart when the screen opens again', async () => {
    const { client } = fakeClient({ 'settings.get': () => ({ ...SETTINGS, restartNeeded: ['dockerEndpoint', 'runnerImage'] }) });
    const store = createSettingsStore();
    await store.getState().load(client);
    expect(store.getState().restartNeeded).toEqual(['Docker endpoint', 'Runner image']);
  });

  it("shows the core's problems at their fields", async () => {
    const { client } = fakeClient({
      'settings.get': () => SETTINGS,
      'settings.save': () => {
        throw new ContractError('invalid_payload', 'The settings have problems.', [{ path: 'libraryDir', message: 'does not exist' }]);
      },
    });
    const store = createSettingsStore();
    await store.getState().load(client);
    store.getState().edit({ libraryDir: '/nowhere' });
    expect(await store.getState().save(client)).toBe(false);
    expect(store.getState().problems).toEqual([{ path: 'libraryDir', message: 'does not exist' }]);
    expect(store.getState().notice?.kind).toBe('error');
  });

  it('does not send a form with problems', async () => {
    const { client, callsOf } = fakeClient({ 'settings.get': () => SETTINGS });
    const store = createSettingsStore();
    await store.getState().load(client);
    store.getState().edit({ maxConcurrentSessions: 'many' });
    expect(await store.getState().save(client)).toBe(false);
    expect(callsOf('settings.save')).toEqual([]);
    expect(store.getState().problems.map((p) => p.path)).toEqual(['maxConcurrentSessions']);
    store.getState().edit({ maxConcurrentSessions: '3' });
    expect(store.getState().problems).toEqual([]);
  });
});
