import { describe, expect, it } from 'vitest';
import { LaunchConfiguration } from '../../shared/model/entities';
import { playRequest } from './play-request';

const CONFIG = LaunchConfiguration.parse({ displayMode: 'x11', audioEnabled: true, resources: { gpuAccess: 'none', memoryLimit: '2G' } });
const SETTINGS = { gameId: 'two-worlds', platform: 'linux' as const, launchConfig: CONFIG, saved: true };

describe('what Play launches', () => {
  it("is the game's saved settings, for who plays, on the chosen platform", () => {
    expect(playRequest(SETTINGS, 'ada')).toEqual({ gameId: 'two-worlds', userId: 'ada', platform: 'linux', launchConfig: CONFIG });
    expect(playRequest(SETTINGS, 'ada', 'windows')).toMatchObject({ platform: 'windows', launchConfig: { winePrefix: 'dillinger-prefix-two-worlds' } });
  });
});
