// Named volumes a game may get: created labelled when missing, refused when another program made them.
// Against the real engine, under unique names.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { findRealEngine } from '../test-support/real-engine';
import { connectDocker } from './engine';
import { GameVolumeError, ensureGameVolumes, namedVolumesOf } from './game-volumes';
import { messageOf } from '../../shared/errors';

const engine = await findRealEngine();
const runId = randomBytes(4).toString('hex');

describe('namedVolumesOf', () => {
  it("names a Windows game's prefix volume and the extra mounts of type volume, nothing else", () => {
    const volumes = [
      { type: 'volume', hostPath: 'saves' },
      { type: 'bind', hostPath: '/home/me/mods' },
      { type: 'tmpfs', hostPath: '' },
    ];
    expect(namedVolumesOf({ platform: 'windows', launchConfig: { winePrefix: 'doom-prefix', volumes } })).toEqual(['saves', 'doom-prefix']);
    expect(namedVolumesOf({ platform: 'windows', launchConfig: { winePrefix: '/home/me/prefix', volumes: [] } })).toEqual([]);
    expect(namedVolumesOf({ platform: 'linux', launchConfig: { winePrefix: 'unused', volumes: [] } })).toEqual([]);
  });
});

describe.skipIf(!engine.available)('ensureGameVolumes against the real engine', () => {
  const docker = connectDocker(engine.endpoint);
  const name = (suffix: string) => `dillinger_test_${runId}_${suffix}`;

  afterAll(async () => {
    for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.includes(runId)) await docker.getVolume(v.Name).remove();
  });

  it('creates a missing volume labelled as game data, and gives it again next time', async () => {
    await ensureGameVolumes(docker, [name('new'), name('new')], 'doom');
    expect((await docker.getVolume(name('new')).inspect()).Labels).toEqual({ 'dillinger.purpose': 'game-data', 'dillinger.game': 'doom' });
    await expect(ensureGameVolumes(docker, [name('new')], 'quake')).resolves.toBeUndefined();
  });

  it("refuses a volume another program made: a name must not be a key to someone else's data", async () => {
    await docker.createVolume({ Name: name('postgres'), Labels: { 'com.example.db': 'yes' } });
    const error = await ensureGameVolumes(docker, [name('postgres')], 'doom').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GameVolumeError);
    expect(messageOf(error)).toMatch(new RegExp(`${name('postgres')} was not made by Dillinger Runner for a game .*Choose a new volume name .*or use a folder instead`));
  });
});
