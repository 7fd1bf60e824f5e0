import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { resolveDataDir } from './data-dir';
import { SETTINGS_FILE, SettingsError, defaultDockerEndpoint, loadSettings, saveSettings } from './settings';

const tempDir = useTempDirs();

describe('resolveDataDir', () => {
  it('prefers the explicit option, then DILLINGER_DATA_DIR, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(resolveDataDir('/a', { DILLINGER_DATA_DIR: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { DILLINGER_DATA_DIR: '/b', XDG_DATA_HOME: '/x' })).toBe('/b');
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/x' })).toBe('/x/dillinger');
    expect(resolveDataDir(undefined, {})).toMatch(/\/\.local\/share\/dillinger$/);
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: 'relative' })).toMatch(/\/\.local\/share\/dillinger$/);
  });
});

describe('loadSettings', () => {
  it('uses defaults when there is no settings file', () => {
    expect(loadSettings(tempDir())).toEqual({ settings: { maxConcurrentSessions: 4, metricsRetentionDays: 90, savesKeepLast: 20, savesKeepDays: 30 }, warnings: [] });
  });

  it('reads a valid file and normalizes allowed folders', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ allowedHostDirectories: ['/srv/games/', '/home/me/../me/Games'], maxConcurrentSessions: 2 }));
    expect(loadSettings(dir).settings).toEqual({ allowedHostDirectories: ['/srv/games', '/home/me/Games'], maxConcurrentSessions: 2, metricsRetentionDays: 90, savesKeepLast: 20, savesKeepDays: 30 });
  });

  it.each([['/'], ['/etc'], ['/usr/share'], ['/var/run'], ['/proc/1']])('refuses %s as an allowed folder, keeping the file aside', (dir) => {
    const data = tempDir();
    writeFileSync(join(data, SETTINGS_FILE), JSON.stringify({ allowedHostDirectories: [dir] }));
    const loaded = loadSettings(data);
    expect(loaded.settings).toEqual({ maxConcurrentSessions: 4, metricsRetentionDays: 90, savesKeepLast: 20, savesKeepDays: 30 });
    expect(loaded.warnings[0]).toMatch(/system folder/);
  });

  it('sets an unreadable file aside, never deletes it, and says where it is', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SETTINGS_FILE), '{ not json');
    const loaded = loadSettings(dir);
    expect(existsSync(join(dir, SETTINGS_FILE))).toBe(false);
    const aside = readdirSync(dir).find((name) => name.startsWith(`${SETTINGS_FILE}.invalid-`));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{ not json');
    expect(loaded.warnings[0]).toContain(aside!);
  });
});

describe('defaultDockerEndpoint', () => {
  it('follows DOCKER_HOST and falls back to the standard socket', () => {
    expect(defaultDockerEndpoint({})).toBe('/var/run/docker.sock');
    expect(defaultDockerEndpoint({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toBe('/run/user/1000/docker.sock');
    expect(defaultDockerEndpoint({ DOCKER_HOST: 'tcp://10.0.0.2:2375' })).toBe('tcp://10.0.0.2:2375');
  });
});

describe('the saves retention settings', () => {
  it('default to the last 20 plus one a day for 30 days, and are saved when valid', async () => {
    const dir = tempDir();
    const { settings } = loadSettings(dir);
    expect(settings).toMatchObject({ savesKeepLast: 20, savesKeepDays: 30 });
    const saved = await saveSettings(dir, settings, { savesKeepLast: 5, savesKeepDays: 0 });
    expect(saved.changed).toEqual(['savesKeepLast', 'savesKeepDays']);
    expect(loadSettings(dir).settings).toMatchObject({ savesKeepLast: 5, savesKeepDays: 0 });
  });

  it.each([
    [{ savesKeepLast: 0 }, 'savesKeepLast', 'keep at least 1 snapshot'],
    [{ savesKeepLast: 2.5 }, 'savesKeepLast', 'must be a whole number of snapshots'],
    [{ savesKeepLast: 1001 }, 'savesKeepLast', 'at most 1000 snapshots'],
    [{ savesKeepDays: -1 }, 'savesKeepDays', 'must be 0 days or more'],
    [{ savesKeepDays: 3651 }, 'savesKeepDays', 'at most 3650 days'],
    [{ savesKeepDays: 'ten' }, 'savesKeepDays', 'must be a number of days'],
  ])('refuses %o, saying why at its field, and writes nothing', async (change, path, message) => {
    const dir = tempDir();
    const error = await saveSettings(dir, loadSettings(dir).settings, change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems).toEqual([{ path, message: expect.stringContaining(message) }]);
    expect(existsSync(join(dir, SETTINGS_FILE))).toBe(false);
  });
});
