import { describe, expect, it } from 'vitest';
import { GameLaunchRequest, type GameLaunchRequestInput } from '../../shared/model/entities';
import type { LibraryGame } from '../../shared/library/manifest';
import type { HostFacts } from '../../shared/validation/host-facts';
import { PIDS_LIMIT, buildContainerSpec, containerName, type ContainerSpecInput } from './container-spec';

const SESSION = 'sess_7f9e2b4a-1234-5678-9abc-def012345678';
const game: LibraryGame = {
  id: 'game_diablo_pc_12345',
  title: 'Diablo',
  folder: 'diablo',
  platforms: [
    { platform: 'windows', executable: 'bin/Diablo.exe', arguments: ['-nosound'] },
    { platform: 'linux', executable: 'diablo.sh', arguments: [] },
  ],
};
const facts: HostFacts = {
  cpuCount: 8, memoryBytes: 16 * 2 ** 30, displays: {}, allowedHostDirectories: [], deniedHostPaths: [], paths: {}, games: [], sessionIds: [],
  gpus: [
    { ids: ['0', 'GPU-5e9476e9-c5f5-7cab-99e2-9dc1767daaf6', '/dev/dri/renderD128'], vendor: 'nvidia', name: 'NVIDIA H200' },
    { ids: ['/dev/dri/renderD129'], vendor: 'intel', name: 'INTEL render node renderD129' },
  ],
};

function spec(overrides: Partial<GameLaunchRequestInput['launchConfig']> = {}, platform: 'windows' | 'linux' = 'windows', extra: Partial<ContainerSpecInput> = {}) {
  const request = GameLaunchRequest.parse({
    gameId: game.id, userId: 'user_john_doe', platform, sessionId: SESSION, timestamp: '2025-10-29T14:29:45Z',
    launchConfig: {
      winePrefix: platform === 'windows' ? 'diablo-prefix' : undefined,
      displayMode: 'x11', audioEnabled: false, resources: { gpuAccess: 'none' }, environment: {}, ...overrides,
    },
  });
  return buildContainerSpec({
    request, game, facts, image: 'dillinger-runner:local', gameFolder: '/home/player/Games/diablo', instanceId: 'a1b2c3', user: { uid: 1000, gid: 1001 },
    x11: { number: '1', socketPath: '/tmp/.X11-unix/X1', xauthorityPath: `/run/user/1000/dillinger/${SESSION}/xauth` },
    ...extra,
  });
}

describe('container names', () => {
  it('use the whole session id: two ids that share their first digits never share a name', () => {
    expect(containerName(SESSION)).toBe(`dillinger_runner_${SESSION}`);
    expect(containerName('sess_7f9e2b4a-0000-4000-8000-000000000000')).not.toBe(containerName(SESSION));
  });
});

describe('buildContainerSpec', () => {
  it('names, labels and commands the container for the game and platform', () => {
    const s = spec();
    expect(s.name).toBe(`dillinger_runner_${SESSION}`);
    expect(s.Image).toBe('dillinger-runner:local');
    expect(s.Cmd).toEqual(['windows', '/library/diablo/bin/Diablo.exe', '-nosound']);
    expect(spec({}, 'linux').Cmd).toEqual(['linux', '/library/diablo/diablo.sh']);
    expect(s.Labels).toEqual({ 'dillinger.session': SESSION, 'dillinger.game': game.id, 'dillinger.user': 'user_john_doe', 'dillinger.instance': 'a1b2c3' });
  });

  it("starts a Linux game in its own folder, or the manifest's workingDirectory inside it; a Windows game in its .exe's folder", () => {
    const envOf = (s: ReturnType<typeof spec>) => (s.Env ?? []).filter((e) => e.startsWith('DILLINGER_WORKDIR='));
    expect(envOf(spec({}, 'linux'))).toEqual(['DILLINGER_WORKDIR=/library/diablo']);
    const inData = { ...game, platforms: [{ platform: 'linux' as const, executable: 'bin/diablo', arguments: [], workingDirectory: 'data/en' }] };
    expect(envOf(spec({}, 'linux', { game: inData }))).toEqual(['DILLINGER_WORKDIR=/library/diablo/data/en']);
    expect(envOf(spec())).toEqual([]);
  });

  it('locks the container down: no capabilities but the entrypoint\'s, no new privileges, read-only root, pids limit, private IPC, no network', () => {
    const host = spec().HostConfig!;
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.CapAdd).toEqual(['CHOWN', 'SETUID', 'SETGID', 'SETPCAP']);
    expect(host.SecurityOpt).toEqual(['no-new-privileges']);
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.PidsLimit).toBe(PIDS_LIMIT);
    expect(PIDS_LIMIT).toBe(2048); // SECURITY.md: "at most 2048 processes/threads"
    expect(host.IpcMode).toBe('private');
    expect(host.NetworkMode).toBe('none');
    expect(host.Privileged).toBeUndefined();
    expect(JSON.stringify(spec())).not.toMatch(/docker\.sock|seccomp=unconfined|"host"/);
  });

  it('uses the network mode the user chose', () => {
    expect(spec({ networkMode: 'bridge' }).HostConfig?.NetworkMode).toBe('bridge');
    expect(spec({ networkMode: 'host' }).HostConfig?.NetworkMode).toBe('host');
  });

  it('maps cpuLimit to NanoCpus and memoryLimit to Memory with the same swap limit', () => {
    const host = spec({ resources: { gpuAccess: 'none', cpuLimit: 1.5, memoryLimit: '4G' } }).HostConfig!;
    expect(host.NanoCpus).toBe(1_500_000_000);
    expect(host.Memory).toBe(4 * 2 ** 30);
    expect(host.MemorySwap).toBe(4 * 2 ** 30);
    const unlimited = spec().HostConfig!;
    expect(unlimited.NanoCpus).toBeUndefined();
    expect(unlimited.Memory).toBeUndefined();
  });

  it('bounds the writable area and /dev/shm together by diskLimit (2g when unset): /dev/shm 64 MiB at most, /tmp the rest', () => {
    const host = spec({ resources: { gpuAccess: 'none', diskLimit: '512m' } }).HostConfig!;
    expect(host.Tmpfs).toEqual({ '/tmp': `rw,nosuid,nodev,exec,mode=1777,size=${448 * 2 ** 20}` });
    expect(host.ShmSize).toBe(64 * 2 ** 20);
    expect(spec().HostConfig?.Tmpfs?.['/tmp']).toContain(`size=${1984 * 2 ** 20}`);
    expect(spec().HostConfig?.ShmSize).toBe(64 * 2 ** 20);
  });

  it('gives every extra tmpfs a size: all tmpfs mounts together never exceed diskLimit', () => {
    const scratch = (containerPath: string) => ({ hostPath: '', containerPath, mode: 'rw' as const, type: 'tmpfs' as const });
    const host = spec({ resources: { gpuAccess: 'none', diskLimit: '64m' }, volumes: [scratch('/cache'), scratch('/scratch')] }).HostConfig!;
    const extra = (host.Mounts ?? []).filter((m) => m.Type === 'tmpfs');
    // A quarter for /dev/shm, the rest split evenly between /tmp and the two extra ones (whole pages).
    const each = Math.floor((48 * 2 ** 20) / 3 / 4096) * 4096;
    expect(extra).toEqual([
      { Type: 'tmpfs', Source: '', Target: '/cache', TmpfsOptions: { SizeBytes: each, Mode: 0o1777 } },
      { Type: 'tmpfs', Source: '', Target: '/scratch', TmpfsOptions: { SizeBytes: each, Mode: 0o1777 } },
    ]);
    expect(host.Tmpfs?.['/tmp']).toContain(`size=${each}`);
    expect(host.ShmSize).toBe(16 * 2 ** 20);
    expect(host.ShmSize! + each * 3).toBeLessThanOrEqual(64 * 2 ** 20);
  });

  it('passes the user, the title, the display and the user environment', () => {
    const env = spec({ environment: { DXVK_HUD: 'fps', WINEDLLOVERRIDES: 'd3d11=n;dxgi=n' } }).Env;
    expect(env).toEqual(expect.arrayContaining([
      'DILLINGER_ENV_DXVK_HUD=fps', 'DILLINGER_ENV_WINEDLLOVERRIDES=d3d11=n;dxgi=n', 'DILLINGER_UID=1000', 'DILLINGER_GID=1001',
      'DILLINGER_GAME_TITLE=Diablo', 'DISPLAY=:1', 'XAUTHORITY=/run/dillinger/xauth',
    ]));
  });

  it("mounts only the game's own folder read-only (not the library), only the display socket and the cookie read-only, and the Wine prefix", () => {
    expect(spec().HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/home/player/Games/diablo', Target: '/library/diablo', ReadOnly: true },
      { Type: 'bind', Source: '/tmp/.X11-unix/X1', Target: '/tmp/.X11-unix/X1', ReadOnly: true },
      { Type: 'bind', Source: `/run/user/1000/dillinger/${SESSION}/xauth`, Target: '/run/dillinger/xauth', ReadOnly: true },
      { Type: 'volume', Source: 'diablo-prefix', Target: '/wine-prefix', ReadOnly: false },
    ]);
    expect(spec({ winePrefix: '/home/retro/.wine-diablo' }).HostConfig?.Mounts?.[3]).toEqual({ Type: 'bind', Source: '/home/retro/.wine-diablo', Target: '/wine-prefix', ReadOnly: false });
    expect(spec({}, 'linux').HostConfig?.Mounts?.map((m) => m.Target)).not.toContain('/wine-prefix');
  });

  it("binds the game's saves folders: the home over the tmpfs one, and the prefix users over the volume's, with the volume shown whole read-only", () => {
    const folders = { homeFolder: '/data/saves/diablo/home', prefixUsersFolder: '/data/saves/diablo/prefix-users' };
    const volume = spec({}, 'windows', folders);
    expect(volume.HostConfig?.Mounts?.slice(3)).toEqual([
      { Type: 'bind', Source: '/data/saves/diablo/home', Target: '/tmp/dillinger-home', ReadOnly: false },
      { Type: 'volume', Source: 'diablo-prefix', Target: '/wine-prefix', ReadOnly: false },
      { Type: 'bind', Source: '/data/saves/diablo/prefix-users', Target: '/wine-prefix/drive_c/users', ReadOnly: false },
      { Type: 'volume', Source: 'diablo-prefix', Target: '/dillinger-prefix-volume', ReadOnly: true },
    ]);
    expect(volume.Env).toContain('DILLINGER_PREFIX_USERS=bound');
    // A prefix in a host folder is read there directly (save-roots.ts): nothing is bound over it.
    const folder = spec({ winePrefix: '/home/retro/.wine-diablo' }, 'windows', folders);
    expect(folder.HostConfig?.Mounts?.map((m) => m.Target)).not.toContain('/wine-prefix/drive_c/users');
    expect(folder.Env?.filter((e) => e.startsWith('DILLINGER_PREFIX_USERS'))).toEqual([]);
  });

  it('adds the user\'s volumes after the app\'s, each with its mode and type', () => {
    const mounts = spec({
      volumes: [
        { hostPath: '/home/me/saves', containerPath: '/saves', mode: 'rw', type: 'bind' },
        { hostPath: 'shared-mods', containerPath: '/mods', mode: 'ro', type: 'volume' },
        { hostPath: '', containerPath: '/cache', mode: 'rw', type: 'tmpfs' },
      ],
    }).HostConfig?.Mounts?.slice(4);
    expect(mounts).toEqual([
      { Type: 'bind', Source: '/home/me/saves', Target: '/saves', ReadOnly: false },
      { Type: 'volume', Source: 'shared-mods', Target: '/mods', ReadOnly: true },
      { Type: 'tmpfs', Source: '', Target: '/cache', TmpfsOptions: { SizeBytes: 1984 * 2 ** 19, Mode: 0o1777 } },
    ]);
  });

  it('gives GPU devices only as asked: none, all render nodes when shared, the chosen ones when dedicated', () => {
    expect(spec().HostConfig?.Devices).toEqual([]);
    expect(spec({ resources: { gpuAccess: 'shared' } }).HostConfig?.Devices?.map((d: { PathOnHost: string }) => d.PathOnHost)).toEqual(['/dev/dri/renderD128', '/dev/dri/renderD129']);
    expect(spec({ resources: { gpuAccess: 'dedicated', gpuDevices: ['/dev/dri/renderD129'] } }).HostConfig?.Devices?.map((d: { PathOnHost: string }) => d.PathOnHost)).toEqual(['/dev/dri/renderD129']);
  });

  it('refuses a platform the game has no executable for', () => {
    const linuxOnly = { ...game, platforms: [game.platforms[1]!] };
    expect(() => spec({}, 'windows', { game: linuxOnly })).toThrow(/Diablo has no windows executable/);
  });
});

describe('a game installed outside the library', () => {
  it("mounts its folder read-only where its library folder is, so the command's path is the same", () => {
    const elsewhere = spec({}, 'linux', { game: { ...game, location: '/mnt/games/Diablo' }, gameFolder: '/mnt/games/Diablo' });
    expect(elsewhere.Cmd).toEqual(['linux', '/library/diablo/diablo.sh']);
    expect(elsewhere.HostConfig?.Mounts?.slice(0, 1)).toEqual([
      { Type: 'bind', Source: '/mnt/games/Diablo', Target: '/library/diablo', ReadOnly: true },
    ]);
    expect(spec({}, 'linux').HostConfig?.Mounts?.filter((m) => m.Target.startsWith('/library'))).toHaveLength(1);
  });
});
