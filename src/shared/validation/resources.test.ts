import { describe, expect, it } from 'vitest';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { resourceProblems } from './resources';
import { GiB, makeFacts, makeRequest } from '../test-support/test-facts';

const AT = 'launchConfig.resources';
const facts = makeFacts(); // 8 cores, 16 GiB, GPUs '0' / 'GPU-5f3c…' (NVIDIA) and '/dev/dri/renderD129' (AMD)

/** Problems of the whole request with these resources: shape and host rules together. */
function check(resources: Record<string, unknown>, hostFacts = facts): Problem[] {
  const result = validateLaunchRequest(makeRequest({ resources: resources as never }), hostFacts);
  return result.ok ? [] : result.problems;
}

describe('cpuLimit: more than 0 and at most the host CPU count', () => {
  it.each([0.01, 0.1, 1, 2.5, 8])('%d cores is fine on an 8-core machine', (cpuLimit) => {
    expect(check({ gpuAccess: 'none', cpuLimit })).toEqual([]);
  });

  it('more cores than the host has is refused, naming the count', () => {
    expect(check({ gpuAccess: 'none', cpuLimit: 8.5 })).toEqual([
      { path: `${AT}.cpuLimit`, message: 'This computer has 8 CPU cores: use at most 8.' },
    ]);
  });

  it('says "core" for a one-core machine', () => {
    expect(resourceProblems({ gpuAccess: 'none', cpuLimit: 2 }, makeFacts({ cpuCount: 1 }))).toEqual([
      { path: `${AT}.cpuLimit`, message: 'This computer has 1 CPU core: use at most 1.' },
    ]);
  });

  it.each([0, -2, 0.001])('%d cores is refused by shape, once, with Docker\'s minimum', (cpuLimit) => {
    expect(check({ gpuAccess: 'none', cpuLimit })).toEqual([
      { path: `${AT}.cpuLimit`, message: 'Docker cannot give a container less than 0.01 CPU cores: use 0.01 or more, such as 0.5 or 2.' },
    ]);
  });
});

describe('memoryLimit and diskLimit: Docker sizes, not above host memory', () => {
  it.each(['6m', '512m', '4G', '1.5g', '4GiB', '16g', '16384m', `${16 * GiB}`])('memoryLimit %j is fine with 16 GiB', (memoryLimit) => {
    expect(check({ gpuAccess: 'none', memoryLimit })).toEqual([]);
  });

  it('more memory than the host has is refused, naming both amounts', () => {
    const found = check({ gpuAccess: 'none', memoryLimit: '17G' });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(`${AT}.memoryLimit`);
    expect(found[0]?.message).toMatch(/Memory limit 17G is more than this computer's 16 GiB of memory: use less/);
  });

  it('one byte over is over', () => {
    expect(check({ gpuAccess: 'none', memoryLimit: `${16 * GiB + 1}` })).toHaveLength(1);
  });

  it.each([
    ['5m', /under 6 MiB: use at least 6m/],
    ['6291455', /"6291455" has no unit, so it means 6291455 bytes, and the least is 6 MiB: write 6291455M for 6291455 MiB/],
    ['512', /"512" has no unit, so it means 512 bytes, and the least is 6 MiB: write 512M for 512 MiB/],
    ['four gigs', /not a size Docker understands: use a number with an optional unit, such as 512m, 4G, 1\.5g or 4GiB/],
    [' 4G', /not a size Docker understands/],
    ['4Gi', /not a size Docker understands/],
  ])('memoryLimit %j is refused once, with what to write instead', (memoryLimit, message) => {
    const found = check({ gpuAccess: 'none', memoryLimit });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(`${AT}.memoryLimit`);
    expect(found[0]?.message).toMatch(message);
  });

  it.each(['4m', '4194304', '100m', '10G', '16G'])('diskLimit %j is fine', (diskLimit) => {
    expect(check({ gpuAccess: 'none', diskLimit })).toEqual([]);
  });

  it('a disk limit above host memory is refused (the scratch area lives in memory)', () => {
    const found = check({ gpuAccess: 'none', diskLimit: '32G' });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(`${AT}.diskLimit`);
    expect(found[0]?.message).toMatch(/Disk .*limit 32G is more than this computer's 16 GiB of memory: use less/);
  });

  it.each([
    ['0', /"0" has no unit, so it means 0 bytes, and the least is 4 MiB/],
    ['1', /"1" has no unit, so it means 1 byte/],
    ['512', /Disk limit "512" has no unit, so it means 512 bytes, and the least is 4 MiB: write 512M for 512 MiB/],
    ['1m', /at least 4m: use a size such as 2G/],
    ['10 gigs', /not a size Docker understands/],
  ])('diskLimit %j is refused once', (diskLimit, message) => {
    const found = check({ gpuAccess: 'none', diskLimit });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(`${AT}.diskLimit`);
    expect(found[0]?.message).toMatch(message);
  });
});

describe('gpuDevices: only with dedicated access, then at least one, each one the host has', () => {
  it.each([
    [{ gpuAccess: 'none' }],
    [{ gpuAccess: 'shared' }],
    [{ gpuAccess: 'none', gpuDevices: [] }],
    [{ gpuAccess: 'dedicated', gpuDevices: ['0'] }],
    [{ gpuAccess: 'dedicated', gpuDevices: ['GPU-5f3c0c2e-1111-2222-3333-444455556666'] }],
    [{ gpuAccess: 'dedicated', gpuDevices: ['0', '/dev/dri/renderD129'] }],
  ])('%j is fine', (resources) => {
    expect(check(resources)).toEqual([]);
  });

  it.each(['none', 'shared'])('devices with %s access are refused, saying what to switch', (gpuAccess) => {
    expect(check({ gpuAccess, gpuDevices: ['0'] })).toEqual([
      { path: `${AT}.gpuDevices`, message: "GPU devices can only be chosen when GPU access is 'dedicated': switch to dedicated or clear the list." },
    ]);
  });

  it.each([[undefined], [[]]])('dedicated access with devices %j is refused: pick one', (gpuDevices) => {
    const resources = gpuDevices === undefined ? { gpuAccess: 'dedicated' } : { gpuAccess: 'dedicated', gpuDevices };
    expect(check(resources)).toEqual([
      { path: `${AT}.gpuDevices`, message: "Dedicated GPU access needs at least one device: pick one of this computer's GPUs." },
    ]);
  });

  it('dedicated access on a machine without GPUs says to choose none', () => {
    expect(check({ gpuAccess: 'dedicated' }, makeFacts({ gpus: [] }))).toEqual([
      { path: `${AT}.gpuDevices`, message: "This computer has no GPU to dedicate: choose GPU access 'none'." },
    ]);
  });

  it('each unknown device is refused at its index, listing the ones there are', () => {
    expect(check({ gpuAccess: 'dedicated', gpuDevices: ['0', '3', '/dev/dri/renderD128'] })).toEqual([
      {
        path: `${AT}.gpuDevices.1`,
        message: 'There is no GPU "3" on this computer: choose one of 0, GPU-5f3c0c2e-1111-2222-3333-444455556666, /dev/dri/renderD129.',
      },
      {
        path: `${AT}.gpuDevices.2`,
        message: 'There is no GPU "/dev/dri/renderD128" on this computer: choose one of 0, GPU-5f3c0c2e-1111-2222-3333-444455556666, /dev/dri/renderD129.',
      },
    ]);
  });

  it('an NVIDIA GPU is refused when the engine has no NVIDIA runtime, saying how to add it; AMD still goes', () => {
    const noToolkit = makeFacts({ nvidiaRuntime: false });
    const found = check({ gpuAccess: 'dedicated', gpuDevices: ['GPU-5f3c0c2e-1111-2222-3333-444455556666', '/dev/dri/renderD129'] }, noToolkit);
    expect(found).toEqual([{ path: `${AT}.gpuDevices.0`, message: expect.stringMatching(/NVIDIA GPU "GPU-5f3c.*" cannot be given to a game: the Docker engine has no NVIDIA runtime\. Install the NVIDIA Container Toolkit, run "sudo nvidia-ctk runtime configure --runtime=docker"/) }]);
    expect(check({ gpuAccess: 'dedicated', gpuDevices: ['0'] }, makeFacts({ nvidiaRuntime: true }))).toEqual([]);
    // Unknown (the engine did not answer): the launch itself will say what Docker thinks.
    expect(check({ gpuAccess: 'dedicated', gpuDevices: ['0'] }, makeFacts())).toEqual([]);
    // Shared access on such a host is no error: the session records that it got no NVIDIA GPU.
    expect(check({ gpuAccess: 'shared' }, noToolkit)).toEqual([]);
  });
});

describe('resource rules together', () => {
  it('reports every resource problem at once', () => {
    const found = check({ gpuAccess: 'shared', cpuLimit: 64, memoryLimit: '64G', diskLimit: '1T', gpuDevices: ['9'] });
    expect(found.map((p) => p.path)).toEqual([`${AT}.cpuLimit`, `${AT}.memoryLimit`, `${AT}.diskLimit`, `${AT}.gpuDevices`]);
  });

  it('tolerates a malformed resources value (shape reports it)', () => {
    expect(resourceProblems(null, facts)).toEqual([]);
    expect(resourceProblems('4G', facts)).toEqual([]);
    expect(resourceProblems({ cpuLimit: '99', memoryLimit: 4, gpuDevices: 'x' }, facts)).toEqual([]);
  });
});
