// Test support: a hand-written HostFacts for a made-up machine, and a launch request that is valid
// on it. Tests change one thing at a time with makeFacts({...}) / makeRequest({...}).
import type { GameLaunchRequestInput } from '../model/entities';
import type { HostFacts, PathFact } from '../validation/host-facts';

export const GiB = 1024 ** 3;
/** The user's home: the data model's example uses /home/retro/.wine-diablo, so it validates here. */
export const HOME = '/home/retro';
/** The app's data dir lies INSIDE the allowed home folder: it must be refused all the same. */
export const DATA_DIR = `${HOME}/.local/share/dillinger-runner`;

export const dir = (realPath: string): PathFact => ({ exists: true, accessible: true, realPath, kind: 'directory' });
export const file = (realPath: string): PathFact => ({ exists: true, accessible: true, realPath, kind: 'file' });
export const missing: PathFact = { exists: false, accessible: false };
export const unreadable = (realPath: string): PathFact => ({ exists: true, accessible: false, realPath, kind: 'directory' });

/** Every host path the tests name, as the core's path probe would have reported it. */
export const PATHS: Record<string, PathFact> = {
  [HOME]: dir(HOME),
  [`${HOME}/Games`]: dir(`${HOME}/Games`),
  [`${HOME}/Games/saves`]: dir(`${HOME}/Games/saves`),
  [`${HOME}/Games/mods`]: dir(`${HOME}/Games/mods`),
  [`${HOME}/notes.txt`]: file(`${HOME}/notes.txt`),
  '/media/usb/roms': dir('/media/usb/roms'),
  // A symlink inside home pointing outside every allowed folder.
  [`${HOME}/Games/shortcut`]: dir('/srv/other-user'),
  // A symlink inside home pointing at a denied folder.
  [`${HOME}/Games/etc-link`]: dir('/etc'),
  // `..` climbing out of home: the probe resolves it.
  [`${HOME}/Games/../../../etc`]: dir('/etc'),
  // A symlink elsewhere pointing back INTO home is fine: what counts is where it resolves.
  '/opt/saves-link': dir(`${HOME}/Games/saves`),
  [`${DATA_DIR}/sessions`]: dir(`${DATA_DIR}/sessions`),
  [`${HOME}/private`]: unreadable(`${HOME}/private`),
  [`${HOME}/gone`]: missing,
  '/srv/other-user': dir('/srv/other-user'),
  '/etc': dir('/etc'),
  '/': dir('/'),
  '/var/run/docker.sock': { exists: true, accessible: true, realPath: '/run/docker.sock', kind: 'socket' },
  // Wine prefixes.
  [`${HOME}/.wine-diablo`]: dir(`${HOME}/.wine-diablo`),
  [`${HOME}/prefixes`]: dir(`${HOME}/prefixes`),
  [`${HOME}/prefixes/new-game`]: missing,
  [`${HOME}/nowhere`]: missing,
  [`${HOME}/nowhere/prefix`]: missing,
  [`${HOME}/notes.txt/prefix`]: missing,
  [`${HOME}/private/prefix`]: missing,
  '/srv/prefixes': dir('/srv/prefixes'),
  '/srv/prefixes/game': missing,
  [`${DATA_DIR}/prefix`]: missing,
  [DATA_DIR]: dir(DATA_DIR),
};

export function makeFacts(overrides: Partial<HostFacts> = {}): HostFacts {
  const { paths, ...rest } = overrides;
  return {
    cpuCount: 8,
    memoryBytes: 16 * GiB,
    displays: {
      x11: { displayId: ':0', socketPath: '/tmp/.X11-unix/X0', maxWidth: 2560, maxHeight: 1440 },
    },
    gpus: [
      { ids: ['0', 'GPU-5f3c0c2e-1111-2222-3333-444455556666'], vendor: 'nvidia', name: 'GeForce RTX 3060' },
      { ids: ['/dev/dri/renderD129'], vendor: 'amd', name: 'Radeon RX 6600' },
    ],
    allowedHostDirectories: [HOME, '/media', '/mnt'],
    deniedHostPaths: [
      '/etc', '/proc', '/sys', '/dev', '/run', '/var/run', '/boot', '/var/run/docker.sock', '/run/docker.sock', DATA_DIR,
    ],
    games: [
      { id: 'game_diablo_pc_12345', title: 'Diablo', platforms: ['windows'] },
      { id: 'game_supertux', title: 'SuperTux', platforms: ['linux'] },
      { id: 'game_both', title: 'Portable Quest', platforms: ['linux', 'windows'] },
    ],
    sessionIds: ['sess_00000000-0000-4000-8000-000000000001'],
    ...rest,
    // Extra paths are added to the defaults, so a test names only the one it cares about.
    paths: { ...PATHS, ...paths },
  };
}

/** A Linux launch, valid on makeFacts()' machine. */
export function makeRequest(config: Partial<GameLaunchRequestInput['launchConfig']> = {}, top: Partial<GameLaunchRequestInput> = {}): GameLaunchRequestInput {
  return {
    gameId: 'game_supertux',
    userId: 'user_john_doe',
    platform: 'linux',
    sessionId: 'sess_7f9e2b4a-1234-5678-9abc-def012345678',
    timestamp: '2025-10-29T14:29:45Z',
    ...top,
    launchConfig: {
      displayMode: 'x11',
      audioEnabled: true,
      resources: { gpuAccess: 'none' },
      environment: {},
      volumes: [],
      ...config,
    },
  };
}
