import { describe, expect, it } from 'vitest';
import type { HostFacts } from './host-facts';
import { displayProblems } from './display';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { makeFacts, makeRequest } from '../test-support/test-facts';

const X11 = { displayId: ':0', socketPath: '/tmp/.X11-unix/X0', maxWidth: 2560, maxHeight: 1440 };
const WAYLAND = { displayId: 'wayland-0', socketPath: '/run/user/1000/wayland-0' };

function check(config: Record<string, unknown>, facts: HostFacts = makeFacts()): Problem[] {
  const result = validateLaunchRequest(makeRequest(config), facts);
  return result.ok ? [] : result.problems;
}

describe('displayMode must be one the host offers', () => {
  it('x11 on an X11 host, wayland on a Wayland host', () => {
    expect(check({ displayMode: 'x11' })).toEqual([]);
    expect(check({ displayMode: 'wayland' }, makeFacts({ displays: { wayland: WAYLAND } }))).toEqual([]);
    const both = makeFacts({ displays: { x11: X11, wayland: WAYLAND } });
    expect(check({ displayMode: 'x11' }, both)).toEqual([]);
    expect(check({ displayMode: 'wayland' }, both)).toEqual([]);
  });

  it('wayland where there is none: says to choose x11', () => {
    const found = check({ displayMode: 'wayland' });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe('launchConfig.displayMode');
    expect(found[0]?.message).toMatch(/No Wayland display was found.*choose x11/);
  });

  it('x11 where there is none: says where to start the app, or to choose wayland', () => {
    const found = check({ displayMode: 'x11' }, makeFacts({ displays: { wayland: WAYLAND } }));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe('launchConfig.displayMode');
    expect(found[0]?.message).toMatch(/No X11 display was found.*start the app from your desktop session, or choose wayland/);
  });

  it('an unknown mode is a shape problem, reported once', () => {
    expect(check({ displayMode: 'vnc' })).toEqual([{ path: 'launchConfig.displayMode', message: "Must be 'x11' or 'wayland'." }]);
  });
});

describe('resolution within what the display supports; refreshRate 30–240', () => {
  it.each(['800x600', '1920x1080', '2560x1440', '2560x1080'])('%s fits a 2560x1440 display', (resolution) => {
    expect(check({ resolution })).toEqual([]);
  });

  it.each(['3840x2160', '2561x1440', '2560x1441'])('%s is larger than the display: refused, naming its size', (resolution) => {
    expect(check({ resolution })).toEqual([
      { path: 'launchConfig.resolution', message: `${resolution} is larger than the display :0 (2560x1440): pick a smaller resolution.` },
    ]);
  });

  it('any well-formed resolution is accepted when the display does not say its size', () => {
    expect(check({ displayMode: 'wayland', resolution: '7680x4320' }, makeFacts({ displays: { wayland: WAYLAND } }))).toEqual([]);
  });

  it.each(['1920X1080', '1920x', 'x1080', '1920 x 1080', '0x0', '1920x1080p'])('%j is not WIDTHxHEIGHT', (resolution) => {
    const found = check({ resolution });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe('launchConfig.resolution');
    expect(found[0]?.message).toMatch(/WIDTHxHEIGHT in pixels, such as 1920x1080/);
  });

  it.each(['99999x99999', '16385x1080', '1920x16385', '32767x32767'])('%s is beyond the app\'s bound (16384 each way), even where the display does not say its size', (resolution) => {
    expect(check({ displayMode: 'wayland', resolution }, makeFacts({ displays: { wayland: WAYLAND } }))).toEqual([{
      path: 'launchConfig.resolution',
      message: `${resolution} is larger than the app allows (16384 pixels each way; X11 itself stops at 32767): pick a resolution such as 3840x2160.`,
    }]);
  });

  it.each(['16384x16384', '16384x10', '10x10'])('%s is within the bounds', (resolution) => {
    expect(check({ displayMode: 'wayland', resolution }, makeFacts({ displays: { wayland: WAYLAND } }))).toEqual([]);
  });

  it.each(['0x0', '0x1080', '1920x0', '9x9', '01920x1080'])('%s is refused, saying the sides\' range', (resolution) => {
    expect(check({ resolution })).toEqual([
      { path: 'launchConfig.resolution', message: 'Must be WIDTHxHEIGHT in pixels, such as 1920x1080, each side from 10 to 16384.' },
    ]);
  });

  it.each([30, 60, 143.9, 240])('refreshRate %d Hz is accepted', (refreshRate) => {
    expect(check({ refreshRate })).toEqual([]);
  });

  it.each([
    [29.9, 'Must be at least 30 Hz.'],
    [0, 'Must be at least 30 Hz.'],
    [240.5, 'Must be at most 240 Hz.'],
    [1000, 'Must be at most 240 Hz.'],
  ])('refreshRate %d Hz is refused', (refreshRate, message) => {
    expect(check({ refreshRate })).toEqual([{ path: 'launchConfig.refreshRate', message }]);
  });

  it('a missing display is reported rather than a resolution it cannot judge', () => {
    expect(displayProblems({ displayMode: 'wayland', resolution: '9999x9999' }, makeFacts())).toEqual([
      { path: 'launchConfig.displayMode', message: expect.stringMatching(/No Wayland display/) as unknown as string },
    ]);
  });
});
