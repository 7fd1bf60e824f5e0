// The container spec's GPU part for each gpuAccess mode, on three kinds of host described by
// fixtures (test-support/gpu-hosts.ts): none, one Intel iGPU, one NVIDIA H200 (recorded) with
// and without the NVIDIA runtime in the engine.
import { describe, expect, it } from 'vitest';
import { GameLaunchRequest, type ResourceLimits } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import { makeFacts } from '../../shared/test-support/test-facts';
import { validateLaunchRequest } from '../../shared/validation/launch-request';
import { H200_UUID, INTEL_HOST, NO_GPU_HOST, h200Host, type GpuHost } from '../test-support/gpu-hosts';
import { buildContainerSpec } from './container-spec';
import { planGpuAccess } from './gpu-access';

const SESSION = 'sess_7f9e2b4a-1234-5678-9abc-def012345678';
const game: LibraryGame = { id: 'game_supertux', title: 'SuperTux', folder: 'supertux', platforms: [{ platform: 'linux', executable: 'supertux', arguments: [] }] };

function specOn(host: GpuHost, resources: ResourceLimits, environment: Record<string, string> = {}) {
  const request = GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_john_doe', platform: 'linux', sessionId: SESSION, timestamp: '2025-10-29T14:29:45Z',
    launchConfig: { displayMode: 'x11', audioEnabled: false, resources, environment },
  });
  return buildContainerSpec({
    request, game, facts: makeFacts(host), image: 'dillinger-runner:local', gameFolder: '/home/player/Games/game', user: { uid: 1000, gid: 1000 },
  });
}
const envOf = (spec: ReturnType<typeof specOn>) => Object.fromEntries((spec.Env ?? []).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
const NVIDIA_REQUEST_ALL = { Driver: 'nvidia', Count: -1, Capabilities: [['gpu', 'graphics', 'display', 'utility']] };

describe('gpuAccess none', () => {
  it.each([
    ['no GPU', NO_GPU_HOST],
    ['one Intel iGPU', INTEL_HOST],
    ['an H200 with the NVIDIA runtime', h200Host(true)],
  ])('on a host with %s: no device, no device request, no group, NVIDIA_VISIBLE_DEVICES=void', (_, host) => {
    const spec = specOn(host, { gpuAccess: 'none' });
    expect(spec.HostConfig?.Devices).toEqual([]);
    expect(spec.HostConfig?.DeviceRequests).toBeUndefined();
    expect(envOf(spec)).toMatchObject({ NVIDIA_VISIBLE_DEVICES: 'void', DILLINGER_GROUPS: '' });
    expect(envOf(spec)).not.toHaveProperty('NVIDIA_DRIVER_CAPABILITIES');
    expect(planGpuAccess({ gpuAccess: 'none' }, host).record).toEqual({ gpuAccess: 'none', devices: [] });
  });
});

describe('gpuAccess shared', () => {
  it('on a host without a GPU gives nothing, and records nothing given', () => {
    const spec = specOn(NO_GPU_HOST, { gpuAccess: 'shared' });
    expect(spec.HostConfig?.Devices).toEqual([]);
    expect(spec.HostConfig?.DeviceRequests).toBeUndefined();
    expect(planGpuAccess({ gpuAccess: 'shared' }, NO_GPU_HOST).record).toEqual({ gpuAccess: 'shared', devices: [] });
  });

  it('on an Intel host maps its card and render nodes to /dev/dri, and the game joins the groups that own them', () => {
    const spec = specOn(INTEL_HOST, { gpuAccess: 'shared' });
    expect(spec.HostConfig?.Devices).toEqual([
      { PathOnHost: '/dev/dri/card0', PathInContainer: '/dev/dri/card0', CgroupPermissions: 'rw' },
      { PathOnHost: '/dev/dri/renderD128', PathInContainer: '/dev/dri/renderD128', CgroupPermissions: 'rw' },
    ]);
    expect(spec.HostConfig?.DeviceRequests).toBeUndefined();
    expect(envOf(spec)).toMatchObject({ DILLINGER_GROUPS: '44,105', NVIDIA_VISIBLE_DEVICES: 'void' });
    expect(planGpuAccess({ gpuAccess: 'shared' }, INTEL_HOST).record).toEqual({
      gpuAccess: 'shared', devices: ['/dev/dri/card0', '/dev/dri/renderD128'], groups: [44, 105],
    });
  });

  it('on the H200 with the NVIDIA runtime requests all NVIDIA GPUs with the capabilities games need', () => {
    const spec = specOn(h200Host(true), { gpuAccess: 'shared' });
    expect(spec.HostConfig?.Devices).toEqual([]); // that machine has no /dev/dri
    expect(spec.HostConfig?.DeviceRequests).toEqual([NVIDIA_REQUEST_ALL]);
    // The same values Docker's NVIDIA driver appends, so the image cannot say otherwise.
    expect(envOf(spec)).toMatchObject({ NVIDIA_VISIBLE_DEVICES: 'all', NVIDIA_DRIVER_CAPABILITIES: 'graphics,display,utility' });
    expect(planGpuAccess({ gpuAccess: 'shared' }, h200Host(true)).record).toEqual({ gpuAccess: 'shared', devices: [], nvidia: ['all'] });
  });

  it('on the H200 without the NVIDIA runtime asks for no NVIDIA GPU (Docker would refuse), and records why', () => {
    const spec = specOn(h200Host(false), { gpuAccess: 'shared' });
    expect(spec.HostConfig?.DeviceRequests).toBeUndefined();
    expect(envOf(spec)).toMatchObject({ NVIDIA_VISIBLE_DEVICES: 'void' });
    expect(planGpuAccess({ gpuAccess: 'shared' }, h200Host(false)).record).toEqual({
      gpuAccess: 'shared', devices: [], note: expect.stringContaining('the Docker engine has no NVIDIA runtime. Install the NVIDIA Container Toolkit'),
    });
  });
});

describe('gpuAccess dedicated', () => {
  it('on the H200 gives that GPU by UUID, whether chosen by index or UUID', () => {
    for (const id of ['0', H200_UUID]) {
      const spec = specOn(h200Host(true), { gpuAccess: 'dedicated', gpuDevices: [id] });
      expect(spec.HostConfig?.DeviceRequests).toEqual([{ Driver: 'nvidia', DeviceIDs: [H200_UUID], Capabilities: [['gpu', 'graphics', 'display', 'utility']] }]);
      expect(envOf(spec)).toMatchObject({ NVIDIA_VISIBLE_DEVICES: H200_UUID, NVIDIA_DRIVER_CAPABILITIES: 'graphics,display,utility' });
    }
  });

  it('on the H200 without the runtime: validation refuses it with what to install', () => {
    const verdict = validateLaunchRequest({
      gameId: 'game_supertux', userId: 'u', platform: 'linux', sessionId: SESSION, timestamp: '2025-10-29T14:29:45Z',
      launchConfig: { displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'dedicated', gpuDevices: [H200_UUID] }, environment: {}, volumes: [] },
    }, makeFacts(h200Host(false)));
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? [] : verdict.problems).toEqual([
      { path: 'launchConfig.resources.gpuDevices.0', message: expect.stringContaining('the Docker engine has no NVIDIA runtime') },
    ]);
  });

  it('on an Intel host gives the chosen GPU\'s nodes by its render node id', () => {
    const spec = specOn(INTEL_HOST, { gpuAccess: 'dedicated', gpuDevices: ['/dev/dri/renderD128'] });
    expect(spec.HostConfig?.Devices?.map((d: { PathOnHost: string }) => d.PathOnHost)).toEqual(['/dev/dri/card0', '/dev/dri/renderD128']);
    expect(envOf(spec)).toMatchObject({ DILLINGER_GROUPS: '44,105' });
  });

  it('on a laptop with both, gives only the chosen GPU', () => {
    const laptop: GpuHost = {
      nvidiaRuntime: true,
      gpus: [
        { ids: ['0', 'GPU-11111111-2222-3333-4444-555555555555', '/dev/dri/renderD129'], vendor: 'nvidia', name: 'RTX 4070', nodes: [{ path: '/dev/dri/card1', gid: 44 }, { path: '/dev/dri/renderD129', gid: 105 }] },
        ...INTEL_HOST.gpus,
      ],
    };
    const intel = specOn(laptop, { gpuAccess: 'dedicated', gpuDevices: ['/dev/dri/renderD128'] });
    expect(intel.HostConfig?.Devices?.map((d: { PathOnHost: string }) => d.PathOnHost)).toEqual(['/dev/dri/card0', '/dev/dri/renderD128']);
    expect(intel.HostConfig?.DeviceRequests).toBeUndefined();
    const nvidia = specOn(laptop, { gpuAccess: 'dedicated', gpuDevices: ['/dev/dri/renderD129'] });
    expect(nvidia.HostConfig?.Devices?.map((d: { PathOnHost: string }) => d.PathOnHost)).toEqual(['/dev/dri/card1', '/dev/dri/renderD129']);
    expect(nvidia.HostConfig?.DeviceRequests?.[0]?.DeviceIDs).toEqual(['GPU-11111111-2222-3333-4444-555555555555']);
  });
});

describe('GPU settings the user cannot override', () => {
  it('the app\'s NVIDIA and group variables come after the user\'s environment', () => {
    // Validation refuses these names; the spec holds even if a request got past it.
    const env = envOf(specOn(h200Host(true), { gpuAccess: 'none' }, { NVIDIA_VISIBLE_DEVICES: 'all', DILLINGER_GROUPS: '999' }));
    expect(env).toMatchObject({ NVIDIA_VISIBLE_DEVICES: 'void', DILLINGER_GROUPS: '' });
  });

  it('a node owned by root gives the game no group 0 (the entrypoint refuses it, and it would be root\'s)', () => {
    const host: GpuHost = { gpus: [{ ids: ['/dev/dri/renderD128'], vendor: 'amd', name: 'AMD', nodes: [{ path: '/dev/dri/renderD128', gid: 0 }] }] };
    expect(planGpuAccess({ gpuAccess: 'shared' }, host).env.DILLINGER_GROUPS).toBe('');
  });
});
