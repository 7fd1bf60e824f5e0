import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { resolveDataDir } from './data-dir';
import { SETTINGS_FILE, defaultDockerEndpoint, loadSettings } from './settings';

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
    expect(loadSettings(tempDir())).toEqual({ settings: { maxConcurrentSessions: 4, metricsRetentionDays: 90 }, warnings: [] });
  });

  it('reads a valid file and normalizes allowed folders', () => {
    const dir = tempDir();
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ allowedHostDirectories: ['/srv/games/', '/home/me/../me/Games'], maxConcurrentSessions: 2 }));
    expect(loadSettings(dir).settings).toEqual({ allowedHostDirectories: ['/srv/games', '/home/me/Games'], maxConcurrentSessions: 2, metricsRetentionDays: 90 });
  });

  it.each([['/'], ['/etc'], ['/usr/share'], ['/var/run'], ['/proc/1']])('refuses %s as an allowed folder, keeping the file aside', (dir) => {
    const data = tempDir();
    writeFileSync(join(data, SETTINGS_FILE), JSON.stringify({ allowedHostDirectories: [dir] }));
    const loaded = loadSettings(data);
    expect(loaded.settings).toEqual({ maxConcurrentSessions: 4, metricsRetentionDays: 90 });
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
