// detectDisplays against the real X server (scripts/provision.sh runs Xvfb): found by its DISPLAY.
import { describe, expect, it } from 'vitest';
import { findRealXServer } from '../test-support/real-x-server';
import { detectDisplays } from './displays';

const xServer = findRealXServer();

describe('detectDisplays on this machine', () => {
  it.skipIf(!xServer.available)('finds a real X server by its DISPLAY', () => {
    const x11 = detectDisplays({ DISPLAY: xServer.display }).x11;
    expect(x11?.displayId).toBe(xServer.display);
    expect(x11?.socketPath).toMatch(/^\/tmp\/\.X11-unix\/X\d+$/);
  });
});
