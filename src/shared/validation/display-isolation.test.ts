import { describe, expect, it } from 'vitest';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { makeFacts, makeRequest } from '../test-support/test-facts';

const X11 = { displayId: ':0', socketPath: '/tmp/.X11-unix/X0', maxWidth: 1920, maxHeight: 1080 };
const WAYLAND = { displayId: 'wayland-0', socketPath: '/run/user/1000/wayland-0' };
const facts = makeFacts({ displays: { x11: X11, wayland: WAYLAND } });

function check(config: Record<string, unknown>): Problem[] {
  const result = validateLaunchRequest(makeRequest(config), facts);
  return result.ok ? [] : result.problems;
}

describe("a game's display of its own", () => {
  it('isolated and shared x11, windowed or fullscreen, parse and pass', () => {
    expect(check({ displayMode: 'x11', displayIsolation: 'isolated', resolution: '1280x720' })).toEqual([]);
    expect(check({ displayMode: 'x11', displayIsolation: 'isolated', fullscreen: true, resolution: '1920x1080' })).toEqual([]);
    expect(check({ displayMode: 'x11', displayIsolation: 'shared' })).toEqual([]);
    expect(check({ displayMode: 'wayland', displayIsolation: 'shared' })).toEqual([]);
  });

  it('an unknown isolation is a shape problem', () => {
    expect(check({ displayMode: 'x11', displayIsolation: 'nested' })).toEqual([{ path: 'launchConfig.displayIsolation', message: "Must be 'shared' or 'isolated'." }]);
  });

  it('isolated on wayland is refused, saying what the compositor already gives', () => {
    const [problem, ...rest] = check({ displayMode: 'wayland', displayIsolation: 'isolated' });
    expect(rest).toEqual([]);
    expect(problem?.path).toBe('launchConfig.displayIsolation');
    expect(problem?.message).toMatch(/compositor already keeps.*Choose shared, or the x11 display mode/);
  });

  it('fullscreen without isolation is refused, not silently recorded', () => {
    const [problem] = check({ displayMode: 'x11', fullscreen: true });
    expect(problem?.path).toBe('launchConfig.fullscreen');
    expect(problem?.message).toMatch(/choose displayIsolation isolated, or turn fullscreen off/);
  });

  it('a refresh rate is refused for the nested display, which has none to set', () => {
    const [problem] = check({ displayMode: 'x11', displayIsolation: 'isolated', refreshRate: 60 });
    expect(problem?.path).toBe('launchConfig.refreshRate');
    expect(problem?.message).toMatch(/no refresh rate to set.*Leave the refresh rate empty/);
  });

  it('a nested display larger than the screen it is drawn on is refused', () => {
    const [problem] = check({ displayMode: 'x11', displayIsolation: 'isolated', fullscreen: true, resolution: '2560x1440' });
    expect(problem?.path).toBe('launchConfig.resolution');
    expect(problem?.message).toMatch(/larger than the display :0 \(1920x1080\).*fills it when fullscreen/);
  });
});
