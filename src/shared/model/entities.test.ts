import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  DisplayConfiguration, GameLaunchRequest, LaunchConfiguration, ResourceLimits, ResourceUsage, RunnerSession, SessionStatus,
  VolumeMount,
} from './entities';
import { problemsFromZod, type Problem } from '../validation/problems';
import { GAME_LAUNCH_REQUEST_EXAMPLE, RUNNER_SESSION_EXAMPLE } from '../test-support/data-model-examples';

/** The problems a schema finds in `input` (empty when it parses). */
function problems(schema: z.ZodType, input: unknown): Problem[] {
  const result = schema.safeParse(input);
  return result.success ? [] : problemsFromZod(result.error, [], input);
}
const paths = (list: Problem[]) => list.map((p) => p.path).sort();

describe('the data model examples parse unchanged', () => {
  it('RunnerSession example', () => {
    const json: unknown = JSON.parse(RUNNER_SESSION_EXAMPLE);
    const parsed = RunnerSession.parse(json);
    // Unchanged: nothing added (no defaults in RunnerSession), nothing dropped.
    expect(parsed).toEqual(json);
    expect(parsed.status).toBe('running');
    expect(parsed.displayInfo.displayId).toBe(':1');
    expect(parsed.resourceUsage?.memoryUsed).toBe(2147483648);
  });

  it('GameLaunchRequest example', () => {
    const json: unknown = JSON.parse(GAME_LAUNCH_REQUEST_EXAMPLE);
    const parsed = GameLaunchRequest.parse(json);
    // Only `volumes`, which the example leaves out, is filled in (no extra mounts).
    expect(parsed).toEqual({ ...(json as object), launchConfig: { ...(json as { launchConfig: object }).launchConfig, volumes: [] } });
    expect(parsed.launchConfig.resources).toEqual({ cpuLimit: 4, memoryLimit: '4G', gpuAccess: 'shared' });
    expect(parsed.launchConfig.environment).toEqual({ WINEDLLOVERRIDES: 'd3d11=n;dxgi=n', DXVK_HUD: 'fps' });
  });

  it('every field name of the model is accepted, and only those (plus the documented extensions)', () => {
    expect(Object.keys(GameLaunchRequest.shape).sort()).toEqual(['gameId', 'launchConfig', 'platform', 'program', 'sessionId', 'timestamp', 'userId']);
    expect(Object.keys(LaunchConfiguration.shape).sort()).toEqual(
      ['audioEnabled', 'displayIsolation', 'displayMode', 'environment', 'fullscreen', 'networkMode', 'refreshRate', 'resolution', 'resources', 'runnerImage', 'volumes', 'wine', 'winePrefix'],
    );
    expect(Object.keys(ResourceLimits.shape).sort()).toEqual(['cpuLimit', 'diskLimit', 'gpuAccess', 'gpuDevices', 'memoryLimit']);
    expect(Object.keys(VolumeMount.shape).sort()).toEqual(['containerPath', 'hostPath', 'mode', 'type']);
    expect(Object.keys(ResourceUsage.shape).sort()).toEqual(
      ['cpuPercent', 'diskUsage', 'gpuMemoryUsed', 'gpuUsage', 'memoryPercent', 'memoryUsed', 'timestamp'],
    );
    for (const field of ['sessionId', 'containerId', 'gameId', 'userId', 'status', 'startTime', 'lastActivity', 'displayInfo', 'resourceUsage', 'processId']) {
      expect(Object.keys(RunnerSession.shape)).toContain(field);
    }
    expect(SessionStatus.options).toEqual(['requested', 'starting', 'running', 'stopping', 'terminated', 'crashed', 'failed']);
  });
});

const example = (): Record<string, unknown> => JSON.parse(GAME_LAUNCH_REQUEST_EXAMPLE) as Record<string, unknown>;
const session = (): Record<string, unknown> => JSON.parse(RUNNER_SESSION_EXAMPLE) as Record<string, unknown>;

describe('GameLaunchRequest shape', () => {
  it('names every missing required field as required', () => {
    const found = problems(GameLaunchRequest, {});
    expect(paths(found)).toEqual(['gameId', 'launchConfig', 'platform', 'sessionId', 'timestamp', 'userId']);
    for (const p of found) expect(p.message).toBe('This field is required.');
  });

  it('does not call a present field of the wrong type "required"', () => {
    const found = problems(GameLaunchRequest, { ...example(), gameId: 42, platform: 'macos', timestamp: 'yesterday' });
    expect(paths(found)).toEqual(['gameId', 'platform', 'timestamp']);
    expect(found.find((p) => p.path === 'gameId')?.message).toMatch(/expected string, received number/);
    expect(found.find((p) => p.path === 'platform')?.message).toBe("Must be 'windows' or 'linux'.");
    expect(found.find((p) => p.path === 'timestamp')?.message).toMatch(/ISO-8601.*2025-10-29T14:30:00Z/);
  });

  it('refuses unknown keys, each at its own path, at every level', () => {
    const input = example();
    input.gameID = 'x';
    const config = input.launchConfig as Record<string, unknown>;
    config.volumez = [];
    config.resources = { ...(config.resources as object), cpus: 2 };
    const found = problems(GameLaunchRequest, input);
    expect([...found].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'gameID', message: 'Unknown field "gameID": check its spelling or remove it.' },
      { path: 'launchConfig.resources.cpus', message: 'Unknown field "cpus": check its spelling or remove it.' },
      { path: 'launchConfig.volumez', message: 'Unknown field "volumez": check its spelling or remove it.' },
    ]);
  });

  it.each([
    ['sessionId', 'sess_123', /sess_<uuid>/],
    ['sessionId', '7f9e2b4a-1234-5678-9abc-def012345678', /sess_<uuid>/],
    ['sessionId', 'sess_7F9E2B4A-1234-5678-9ABC-DEF012345678', /sess_<uuid>/],
    ['gameId', '', /1-128 letters/],
    ['gameId', '../etc', /1-128 letters/],
    ['userId', '', /must not be empty/i],
    ['userId', 'a/b', /slashes/],
    ['userId', 'x'.repeat(129), /at most 128/],
    ['timestamp', '2025-10-29', /ISO-8601/],
  ])('%s %j is refused', (field, value, message) => {
    const found = problems(GameLaunchRequest, { ...example(), [field]: value });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(field);
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    ['gameId', '7f9e2b4a-1234-5678-9abc-def012345678'],
    ['timestamp', '2025-10-29T16:29:45+02:00'],
    ['timestamp', '2025-10-29T14:29:45.123Z'],
    ['platform', 'linux'],
  ])('%s %j is accepted', (field, value) => {
    expect(problems(GameLaunchRequest, { ...example(), [field]: value })).toEqual([]);
  });
});

describe('LaunchConfiguration and ResourceLimits shape', () => {
  const config = (patch: Record<string, unknown>) => ({ ...(example().launchConfig as object), ...patch });
  const resources = (patch: Record<string, unknown>) => config({ resources: { gpuAccess: 'none', ...patch } });

  it.each([
    [{ displayMode: 'vnc' }, 'displayMode', /'x11' or 'wayland'/],
    [{ audioEnabled: 'yes' }, 'audioEnabled', /true or false/],
    [{ winePrefix: '' }, 'winePrefix', /folder path or a volume name/],
    [{ environment: { A: 1 } }, 'environment.A', /must be text/i],
    [{ resolution: '1920*1080' }, 'resolution', /WIDTHxHEIGHT.*1920x1080/],
    [{ resolution: '0x0' }, 'resolution', /WIDTHxHEIGHT/],
    [{ refreshRate: 29 }, 'refreshRate', /at least 30 Hz/],
    [{ refreshRate: 241 }, 'refreshRate', /at most 240 Hz/],
    [{ networkMode: 'macvlan' }, 'networkMode', /'none', 'bridge' or 'host'/],
    [{ volumes: [{ hostPath: '/a', containerPath: '/b', mode: 'rx', type: 'bind' }] }, 'volumes.0.mode', /'ro'.*'rw'/],
    [{ volumes: [{ hostPath: '/a', containerPath: '/b', mode: 'ro', type: 'nfs' }] }, 'volumes.0.type', /'bind', 'volume' or 'tmpfs'/],
    [{ volumes: [{ containerPath: '/b', mode: 'ro', type: 'bind' }] }, 'volumes.0.hostPath', /required/],
    [{ volumes: [{ hostPath: '/a', containerPath: '/b', mode: 'ro', type: 'bind', readonly: true }] }, 'volumes.0.readonly', /Unknown field "readonly"/],
  ])('%j → %s', (patch, path, message) => {
    const found = problems(LaunchConfiguration, config(patch));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it.each([
    [{ cpuLimit: 0 }, 'resources.cpuLimit', /less than 0\.01 CPU cores: use 0\.01 or more/],
    [{ cpuLimit: -1 }, 'resources.cpuLimit', /less than 0\.01 CPU cores/],
    // Docker's minimum: under it the engine fails with a raw runtime message.
    [{ cpuLimit: 0.001 }, 'resources.cpuLimit', /Docker cannot give a container less than 0\.01 CPU cores: use 0\.01 or more, such as 0\.5 or 2/],
    [{ cpuLimit: 0.0099 }, 'resources.cpuLimit', /less than 0\.01/],
    [{ cpuLimit: '2' }, 'resources.cpuLimit', /number of CPU cores, such as 2/],
    [{ memoryLimit: '4 gigs' }, 'resources.memoryLimit', /"4 gigs" is not a size Docker understands.*512m, 4G, 1\.5g or 4GiB/],
    [{ memoryLimit: '5m' }, 'resources.memoryLimit', /under 6 MiB: use at least 6m/],
    [{ memoryLimit: '0' }, 'resources.memoryLimit', /"0" has no unit, so it means 0 bytes, and the least is 6 MiB: write a unit, such as 2G/],
    // A bare number is bytes: say so, and offer the same number in MiB.
    [{ memoryLimit: '512' }, 'resources.memoryLimit', /^Memory limit "512" has no unit, so it means 512 bytes, and the least is 6 MiB: write 512M for 512 MiB \(Docker refuses less than 6 MiB; games usually need 1G or more\)\.$/],
    [{ memoryLimit: '5' }, 'resources.memoryLimit', /"5" has no unit, so it means 5 bytes, .*write a unit, such as 2G/],
    [{ diskLimit: 'lots' }, 'resources.diskLimit', /"lots" is not a size Docker understands/],
    [{ diskLimit: '0' }, 'resources.diskLimit', /"0" has no unit, so it means 0 bytes, and the least is 4 MiB/],
    [{ diskLimit: '512' }, 'resources.diskLimit', /^Disk limit "512" has no unit, so it means 512 bytes, and the least is 4 MiB: write 512M for 512 MiB \(it holds the game's \/tmp, its HOME and \/dev\/shm\)\.$/],
    [{ diskLimit: '1' }, 'resources.diskLimit', /"1" has no unit, so it means 1 byte, .*write a unit, such as 2G/],
    [{ diskLimit: '3m' }, 'resources.diskLimit', /^Must be at least 4m: use a size such as 2G/],
    [{ gpuAccess: 'all' }, 'resources.gpuAccess', /'none', 'shared' or 'dedicated'/],
    [{ gpuDevices: [''] }, 'resources.gpuDevices.0', /must not be empty/],
  ])('resources %j → %s', (patch, path, message) => {
    const found = problems(LaunchConfiguration, resources(patch));
    // Exactly one problem: a size that does not parse is not ALSO "under 6 MiB".
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it('requires gpuAccess', () => {
    expect(problems(ResourceLimits, {})).toEqual([{ path: 'gpuAccess', message: 'This field is required.' }]);
  });

  it.each([
    [{ cpuLimit: 0.5, memoryLimit: '6m', diskLimit: '4m' }],
    [{ cpuLimit: 0.01, memoryLimit: '6291456', diskLimit: '4194304' }],
    [{ cpuLimit: 2, memoryLimit: '512m', diskLimit: '10G' }],
    [{ memoryLimit: '1.5g', gpuAccess: 'dedicated', gpuDevices: ['0'] }],
    [{ memoryLimit: '4GiB' }],
  ])('resources %j parse', (patch) => {
    expect(problems(LaunchConfiguration, resources(patch))).toEqual([]);
  });

  it('defaults environment and volumes to empty when absent', () => {
    const parsed = LaunchConfiguration.parse({ displayMode: 'wayland', audioEnabled: false, resources: { gpuAccess: 'none' } });
    expect(parsed.environment).toEqual({});
    expect(parsed.volumes).toEqual([]);
  });

  it('reports every shape problem at once', () => {
    const found = problems(LaunchConfiguration, {
      displayMode: 'vnc',
      audioEnabled: 1,
      resources: { gpuAccess: 'all', cpuLimit: 0, memoryLimit: 'x' },
      volumes: [{ hostPath: 1, containerPath: '/a', mode: 'ro', type: 'bind' }],
      typo: true,
    });
    expect(paths(found)).toEqual([
      'audioEnabled', 'displayMode', 'resources.cpuLimit', 'resources.gpuAccess', 'resources.memoryLimit', 'typo', 'volumes.0.hostPath',
    ]);
  });
});

describe('RunnerSession shape', () => {
  it.each([
    [{ containerId: 'has space' }, 'containerId', /Docker container id or name/],
    [{ containerId: '' }, 'containerId', /Docker container id or name/],
    [{ status: 'paused' }, 'status', /./],
    [{ startTime: 'now' }, 'startTime', /ISO-8601/],
    [{ processId: 0 }, 'processId', /./],
    [{ processId: 1.5 }, 'processId', /./],
    [{ sessionId: 'sess_x' }, 'sessionId', /sess_<uuid>/],
    [{ endTime: 'later' }, 'endTime', /ISO-8601/],
  ])('%j → %s', (patch, path, message) => {
    const found = problems(RunnerSession, { ...session(), ...patch });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it('accepts a full 64-hex container id and the documented extensions', () => {
    expect(problems(RunnerSession, {
      ...session(), containerId: 'a'.repeat(64), platform: 'windows', endTime: '2025-10-29T15:00:00Z', exitCode: 0, statusReason: 'done',
    })).toEqual([]);
  });

  it('requires status, startTime and displayInfo, and refuses unknown keys', () => {
    const input = session();
    delete input.status;
    delete input.startTime;
    delete input.displayInfo;
    input.pid = 3;
    expect(paths(problems(RunnerSession, input))).toEqual(['displayInfo', 'pid', 'startTime', 'status']);
  });
});

describe('DisplayConfiguration shape: displayId valid for its method', () => {
  it.each([
    ['x11', ':0'],
    ['x11', ':1'],
    ['x11', ':1.0'],
    ['x11', 'localhost:10.0'],
    ['x11', 'unix:0'],
    ['wayland', 'wayland-0'],
    ['wayland', 'wayland-1'],
    ['wayland', '/run/user/1000/wayland-0'],
  ])('%s accepts %j', (method, displayId) => {
    expect(problems(DisplayConfiguration, { method, displayId })).toEqual([]);
  });

  it.each([
    ['x11', 'wayland-0', /not an X11 display: use the form :N or host:N, such as :0/],
    ['x11', '0', /not an X11 display/],
    ['x11', ':', /not an X11 display/],
    ['x11', ':abc', /not an X11 display/],
    ['wayland', ':0', /not a Wayland display: use a socket name such as wayland-0/],
    ['wayland', 'wayland 0', /not a Wayland display/],
  ])('%s refuses %j', (method, displayId, message) => {
    const found = problems(DisplayConfiguration, { method, displayId });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe('displayId');
    expect(found[0]?.message).toMatch(message);
  });

  it('refuses a bad resolution, refresh rate and socket path, with the displayId problem, all at once', () => {
    const found = problems(DisplayConfiguration, {
      method: 'x11', displayId: 'nope', resolution: '1920x', refreshRate: 500, socketPath: 'tmp/X0',
    });
    expect(paths(found)).toEqual(['displayId', 'refreshRate', 'resolution', 'socketPath']);
    expect(found.find((p) => p.path === 'socketPath')?.message).toMatch(/absolute path/);
  });

  it('does not judge the displayId against a method it does not know', () => {
    expect(problems(DisplayConfiguration, { method: 'vnc', displayId: ':0' })).toEqual([
      { path: 'method', message: "Must be 'x11' or 'wayland'." },
    ]);
  });

  it('accepts refresh rates from 30 to 240 Hz', () => {
    for (const refreshRate of [30, 59.94, 144, 240]) {
      expect(problems(DisplayConfiguration, { method: 'x11', displayId: ':0', refreshRate })).toEqual([]);
    }
  });
});

describe('ResourceUsage shape', () => {
  const usage = (patch: Record<string, unknown>) => ({
    cpuPercent: 10, memoryUsed: 0, memoryPercent: 0, diskUsage: 0, timestamp: '2025-10-29T14:45:30Z', ...patch,
  });

  it.each([
    [{ cpuPercent: -0.1 }, 'cpuPercent', /between 0 and 100/],
    [{ cpuPercent: 100.1 }, 'cpuPercent', /between 0 and 100/],
    [{ memoryPercent: 101 }, 'memoryPercent', /between 0 and 100/],
    [{ gpuUsage: -1 }, 'gpuUsage', /between 0 and 100/],
    [{ memoryUsed: -1 }, 'memoryUsed', /not be negative/],
    [{ gpuMemoryUsed: -1 }, 'gpuMemoryUsed', /not be negative/],
    [{ diskUsage: -1 }, 'diskUsage', /not be negative/],
    [{ timestamp: 1698590730 }, 'timestamp', /ISO-8601/],
  ])('%j → %s', (patch, path, message) => {
    const found = problems(ResourceUsage, usage(patch));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it('accepts the bounds 0 and 100', () => {
    expect(problems(ResourceUsage, usage({ cpuPercent: 0, memoryPercent: 100, gpuUsage: 100, gpuMemoryUsed: 0 }))).toEqual([]);
  });
});

describe('one problem per fault, never a misleading second one', () => {
  it('an empty userId is "must not be empty" only', () => {
    expect(problems(GameLaunchRequest, { ...example(), userId: '' })).toEqual([{ path: 'userId', message: 'Must not be empty.' }]);
  });

  it('an empty displayId is "must not be empty" only', () => {
    expect(problems(DisplayConfiguration, { method: 'x11', displayId: '' })).toEqual([{ path: 'displayId', message: 'Must not be empty.' }]);
  });

  it('a userId with control characters names them', () => {
    expect(problems(GameLaunchRequest, { ...example(), userId: 'a\u0007b' })).toEqual([
      { path: 'userId', message: 'Must not contain control characters or slashes.' },
    ]);
  });
});
