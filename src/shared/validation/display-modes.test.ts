// The shared display's modes bound resolution and refresh rate; isolated and Wine's virtual desktop do not.
import { describe, expect, it } from 'vitest';
import type { HostFacts } from './host-facts';
import { displayProblems } from './display';
import { sharedDisplayModeProblems } from './display-modes';

const XVFB = [{ resolution: '1280x720', rates: [60] }];
const DESKTOP = [{ resolution: '1920x1080', rates: [144, 60] }, { resolution: '1280x720', rates: [60] }];

describe('sharedDisplayModeProblems', () => {
  it('refuses a resolution the display does not offer, saying what to do', () => {
    const [problem] = sharedDisplayModeProblems({ displayMode: 'x11', resolution: '800x600' }, 'linux', XVFB);
    expect(problem?.path).toBe('launchConfig.resolution');
    expect(problem?.message).toMatch(/does not offer 800x600 \(it offers 1280x720\).*isolated.*leave the resolution empty/);
    expect(problem?.message).not.toMatch(/virtualDesktop/);
    expect(sharedDisplayModeProblems({ displayMode: 'x11', resolution: '800x600' }, 'windows', XVFB)[0]?.message).toMatch(/wine\.virtualDesktop/);
  });

  it('accepts one of its modes, an empty resolution, isolated, wayland, and a Windows game on Wine\'s virtual desktop', () => {
    expect(sharedDisplayModeProblems({ displayMode: 'x11', resolution: '1280x720' }, 'linux', DESKTOP)).toEqual([]);
    expect(sharedDisplayModeProblems({ displayMode: 'x11' }, 'linux', XVFB)).toEqual([]);
    expect(sharedDisplayModeProblems({ displayMode: 'x11', displayIsolation: 'isolated', resolution: '800x600' }, 'linux', XVFB)).toEqual([]);
    expect(sharedDisplayModeProblems({ displayMode: 'wayland', resolution: '800x600' }, 'linux', XVFB)).toEqual([]);
    expect(sharedDisplayModeProblems({ displayMode: 'x11', resolution: '800x600', wine: { virtualDesktop: true } }, 'windows', XVFB)).toEqual([]);
    expect(sharedDisplayModeProblems({ displayMode: 'x11', resolution: '800x600' }, 'linux', undefined)).toEqual([]);
  });

  it('refuses a refresh rate the display does not offer, listing those it does', () => {
    const [problem] = sharedDisplayModeProblems({ displayMode: 'x11', resolution: '1280x720', refreshRate: 144 }, 'linux', DESKTOP);
    expect(problem).toEqual({ path: 'launchConfig.refreshRate', message: expect.stringMatching(/does not offer 144 Hz at 1280x720: it offers 60 Hz/) });
    expect(sharedDisplayModeProblems({ displayMode: 'x11', refreshRate: 144 }, 'linux', DESKTOP)).toEqual([]);
    expect(sharedDisplayModeProblems({ displayMode: 'x11', refreshRate: 75 }, 'linux', DESKTOP)[0]?.message).toMatch(/it offers 144 Hz, 60 Hz/);
    // Xvfb reports no rate (0.00): nothing to bound the rate by.
    expect(sharedDisplayModeProblems({ displayMode: 'x11', refreshRate: 75 }, 'linux', [{ resolution: '1280x720', rates: [] }])).toEqual([]);
  });
});

describe('displayProblems with the display\'s modes in the host facts', () => {
  const facts = { displays: { x11: { displayId: ':42', socketPath: '/tmp/.X11-unix/X42', modes: XVFB } } } as unknown as HostFacts;
  it('refuses a shared launch at a size the display lacks, not an isolated one', () => {
    expect(displayProblems({ displayMode: 'x11', resolution: '800x600' }, facts, 'linux').map((p) => p.path)).toEqual(['launchConfig.resolution']);
    expect(displayProblems({ displayMode: 'x11', displayIsolation: 'isolated', resolution: '800x600' }, facts, 'linux')).toEqual([]);
  });
});
