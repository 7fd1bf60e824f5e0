import { describe, expect, it } from 'vitest';
import type { VolumeMount } from '../model/entities';
import { validateLaunchRequest } from './launch-request';
import type { Problem } from './problems';
import { DATA_DIR, HOME, makeFacts, makeRequest } from '../test-support/test-facts';
import { containerPathProblem, volumeProblems } from './volumes';

const facts = makeFacts(); // allowed: /home/retro, /media, /mnt; denied: /etc, /run, …, the data dir inside home
const ALLOWED = '/home/retro, /media, /mnt';

const bind = (hostPath: string, containerPath = '/saves', mode: 'ro' | 'rw' = 'rw'): VolumeMount => ({ hostPath, containerPath, mode, type: 'bind' });

/** Problems of a whole request with these volumes (shape and host rules). */
function check(volumes: unknown[], hostFacts = facts): Problem[] {
  const result = validateLaunchRequest(makeRequest({ volumes: volumes as VolumeMount[] }), hostFacts);
  return result.ok ? [] : result.problems;
}
function one(volume: unknown): Problem {
  const found = check([volume]);
  expect(found).toHaveLength(1);
  return found[0] as Problem;
}

describe('good volumes', () => {
  it.each([
    [bind(`${HOME}/Games/saves`)],
    [bind(`${HOME}/Games/saves`, '/home/player/saves', 'ro')],
    [bind('/media/usb/roms', '/roms', 'ro')],
    [bind(`${HOME}/notes.txt`, '/notes.txt', 'ro')], // a single file may be bound
    [bind('/opt/saves-link', '/saves')], // a link from outside that resolves INTO an allowed folder
    [{ hostPath: 'game-saves', containerPath: '/data', mode: 'rw', type: 'volume' }],
    [{ hostPath: 'game.saves_2', containerPath: '/data', mode: 'ro', type: 'volume' }],
    [{ hostPath: '', containerPath: '/cache', mode: 'rw', type: 'tmpfs' }],
  ])('%j is accepted', (volume) => {
    expect(check([volume])).toEqual([]);
  });

  it('accepts several distinct mounts', () => {
    expect(check([bind(`${HOME}/Games/saves`, '/saves'), bind(`${HOME}/Games/mods`, '/mods', 'ro'), { hostPath: '', containerPath: '/tmp/cache', mode: 'rw', type: 'tmpfs' }])).toEqual([]);
  });
});

describe('bind hostPath: exists, readable, and resolves inside an allowed folder but no denied one', () => {
  it('a symlink inside an allowed folder that escapes it is refused, naming where it really goes', () => {
    expect(one(bind(`${HOME}/Games/shortcut`))).toEqual({
      path: 'launchConfig.volumes.0.hostPath',
      message: `Folder ${HOME}/Games/shortcut (which is /srv/other-user) is outside the folders games may use (${ALLOWED}): pick a folder inside one, or add its folder under Settings → Allowed folders.`,
    });
  });

  it('a symlink into a denied folder is refused', () => {
    expect(one(bind(`${HOME}/Games/etc-link`))).toEqual({
      path: 'launchConfig.volumes.0.hostPath',
      message: `Folder ${HOME}/Games/etc-link (which is /etc) is a path games may not reach: pick a folder of your own.`,
    });
  });

  it('`..` climbing out of an allowed folder is judged by where it resolves', () => {
    const problem = one(bind(`${HOME}/Games/../../../etc`));
    expect(problem.path).toBe('launchConfig.volumes.0.hostPath');
    expect(problem.message).toMatch(/\(which is \/etc\) is a path games may not reach: pick a folder of your own/);
  });

  it('a denied folder INSIDE an allowed one (the data dir in home) is refused', () => {
    expect(one(bind(`${DATA_DIR}/sessions`))).toEqual({
      path: 'launchConfig.volumes.0.hostPath',
      message: `Folder ${DATA_DIR}/sessions lies in ${DATA_DIR}, which games may not reach: pick a folder of your own.`,
    });
  });

  it('an allowed folder that CONTAINS a denied one is refused (home holds the data dir)', () => {
    expect(one(bind(HOME))).toEqual({
      path: 'launchConfig.volumes.0.hostPath',
      message: `Folder ${HOME} contains ${DATA_DIR}, which games may not reach: pick a folder of your own.`,
    });
  });

  it.each([
    ['/', /Folder \/ contains \/etc, which games may not reach/],
    // The folder itself is named once: never "/etc lies in /etc".
    ['/etc', /^Folder \/etc is a path games may not reach: pick a folder of your own\.$/],
    ['/var/run/docker.sock', /^Folder \/var\/run\/docker\.sock \(which is \/run\/docker\.sock\) is a path games may not reach: pick a folder of your own\.$/],
  ])('%j is refused even though it exists', (hostPath, message) => {
    const problem = one(bind(hostPath));
    expect(problem.path).toBe('launchConfig.volumes.0.hostPath');
    expect(problem.message).toMatch(message);
  });

  it('a folder outside every allowed one is refused, saying how to allow it', () => {
    const problem = one(bind('/srv/other-user'));
    expect(problem.message).toBe(`Folder /srv/other-user is outside the folders games may use (${ALLOWED}): pick a folder inside one, or add its folder under Settings → Allowed folders.`);
  });

  it('with no allowed folders at all, says so', () => {
    const found = check([bind(`${HOME}/Games/saves`)], makeFacts({ allowedHostDirectories: [] }));
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(/outside the folders games may use \(none yet\).*Settings → Allowed folders/);
  });

  it.each([
    [`${HOME}/gone`, `Folder ${HOME}/gone does not exist: create it or pick another.`],
    [`${HOME}/private`, `Folder ${HOME}/private cannot be read by you: fix its permissions or pick another.`],
    [`${HOME}/never-probed`, `Folder ${HOME}/never-probed has not been checked yet: try again.`],
    ['Games/saves', 'Folder must be an absolute path, such as /home/you/Games.'],
  ])('%j is refused: %s', (hostPath, message) => {
    expect(one(bind(hostPath))).toEqual({ path: 'launchConfig.volumes.0.hostPath', message });
  });
});

describe('containerPath: absolute, normalized, not a system path, not an app mount', () => {
  it.each([
    ['saves', '"saves" must be an absolute path inside the container, such as /saves.'],
    ['', '"" must be an absolute path inside the container, such as /saves.'],
    ['/saves/', 'Write the path in its plain form: /saves.'],
    ['/a/../b', 'Write the path in its plain form: /b.'],
    ['//x', 'Write the path in its plain form: /x.'],
    ['/saves/.', 'Write the path in its plain form: /saves.'],
    ['/', 'Mounting over / would replace the whole container: pick a folder such as /saves.'],
  ])('%j is refused: %s', (containerPath, message) => {
    expect(containerPathProblem(containerPath)).toBe(message);
    expect(one(bind(`${HOME}/Games/saves`, containerPath))).toEqual({ path: 'launchConfig.volumes.0.containerPath', message });
  });

  it.each([
    '/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/root', '/run', '/sbin', '/sys', '/usr',
    '/var/lib', '/var/run', '/usr/share/games', '/etc/wine', '/dev/shm', '/lib64/x', '/proc/1',
  ])('system path %j is refused', (containerPath) => {
    const problem = one(bind(`${HOME}/Games/saves`, containerPath));
    expect(problem.path).toBe('launchConfig.volumes.0.containerPath');
    expect(problem.message).toMatch(/is inside the system folder \/\w+.*: pick another place, such as \/saves or \/data\./);
  });

  it('a folder that would hide a system folder under it is refused (/var holds /var/lib)', () => {
    expect(one(bind(`${HOME}/Games/saves`, '/var'))).toEqual({
      path: 'launchConfig.volumes.0.containerPath',
      message: '/var holds the system folder /var/lib, which a mount there would hide: pick another place, such as /saves or /data.',
    });
  });

  it.each([
    ['/library', '/library'],
    ['/library/saves', '/library'], // inside an app mount
    ['/wine-prefix/drive_c', '/wine-prefix'],
    ['/tmp/.X11-unix/X0', '/tmp/.X11-unix'],
    ['/tmp', '/tmp/.X11-unix'], // over an app mount: it would hide it
    // The entrypoint makes these as root: a host folder mounted there would have its owner changed.
    ['/tmp/dillinger-home', '/tmp/dillinger-home'],
    ['/tmp/dillinger-runtime/x', '/tmp/dillinger-runtime'],
  ])('%j collides with the app mount %s', (containerPath, mount) => {
    expect(one(bind(`${HOME}/Games/saves`, containerPath))).toEqual({
      path: 'launchConfig.volumes.0.containerPath',
      message: `${containerPath} collides with the app's own mount at ${mount}: pick another place.`,
    });
  });

  it('the runtime mount lies in /run, which is refused as a system folder', () => {
    expect(one(bind(`${HOME}/Games/saves`, '/run/dillinger')).message).toMatch(/inside the system folder \/run/);
  });

  it.each(['/saves', '/data', '/home/player/.local/share/game', '/opt/mods', '/var/games', '/tmp/cache', '/libraryx', '/mnt/roms', '/usrdata'])(
    '%j is a fine place',
    (containerPath) => {
      expect(containerPathProblem(containerPath)).toBeUndefined();
    },
  );

  it('refuses the same containerPath twice, on the later mount, naming the earlier', () => {
    const found = check([bind(`${HOME}/Games/saves`, '/saves'), bind(`${HOME}/Games/mods`, '/mods'), bind('/media/usb/roms', '/saves')]);
    expect(found).toEqual([
      { path: 'launchConfig.volumes.2.containerPath', message: 'Mount 1 already uses /saves: each mount needs its own place.' },
    ]);
  });
});

describe('mode and type: the fields each type needs', () => {
  it.each([
    [{ ...bind(`${HOME}/Games/saves`), mode: 'wr' }, 'launchConfig.volumes.0.mode', /'ro' \(read-only\) or 'rw' \(read-write\)/],
    [{ ...bind(`${HOME}/Games/saves`), type: 'nfs' }, 'launchConfig.volumes.0.type', /'bind', 'volume' or 'tmpfs'/],
  ])('%j is refused by shape', (volume, path, message) => {
    const problem = one(volume);
    expect(problem.path).toBe(path);
    expect(problem.message).toMatch(message);
  });

  it.each([
    ['a', /"a" is not a Docker volume name: use at least 2 letters, digits.*such as game-saves/],
    ['-saves', /not a Docker volume name: .*starting with a letter or digit/],
    ['my saves', /not a Docker volume name/],
    ['', /not a Docker volume name/],
    [`${HOME}/Games/saves`, /is a folder, not a Docker volume name: to mount a folder use type bind/],
    ['dillinger_library', /dillinger_library is the library volume earlier versions mounted \(it shows every game's files\): give the game a volume of its own/],
  ])('volume named %j is refused', (hostPath, message) => {
    const problem = one({ hostPath, containerPath: '/data', mode: 'rw', type: 'volume' });
    expect(problem.path).toBe('launchConfig.volumes.0.hostPath');
    expect(problem.message).toMatch(message);
  });

  it('the library volume is refused under the name this app gives it', () => {
    const volume = { hostPath: 'games_lib', containerPath: '/data', mode: 'rw', type: 'volume' };
    expect(volumeProblems([volume], makeFacts({ libraryVolume: 'games_lib' }))).toEqual([
      { path: 'launchConfig.volumes.0.hostPath', message: "games_lib is the library volume earlier versions mounted (it shows every game's files): give the game a volume of its own, such as game-saves." },
    ]);
  });

  it('a tmpfs with a host path is refused: it has none', () => {
    expect(one({ hostPath: '/home/retro/Games', containerPath: '/cache', mode: 'rw', type: 'tmpfs' })).toEqual({
      path: 'launchConfig.volumes.0.hostPath',
      message: 'A tmpfs mount lives in memory and has no host path: leave it empty.',
    });
  });

  it('a read-only tmpfs is refused: it would always be empty', () => {
    expect(one({ hostPath: '', containerPath: '/cache', mode: 'ro', type: 'tmpfs' })).toEqual({
      path: 'launchConfig.volumes.0.mode',
      message: 'A read-only tmpfs is always empty: use rw.',
    });
  });

  it('a tmpfs is still held to the containerPath rules', () => {
    expect(one({ hostPath: '', containerPath: '/tmp', mode: 'rw', type: 'tmpfs' }).path).toBe('launchConfig.volumes.0.containerPath');
  });
});

describe('volumes together', () => {
  it('reports every problem of every mount at once, each at its own path', () => {
    const found = check([
      bind(`${HOME}/Games/shortcut`, '/saves/'),
      bind(`${DATA_DIR}/sessions`, '/etc'),
      { hostPath: 'x', containerPath: '/library', mode: 'rw', type: 'volume' },
      { hostPath: '/tmp', containerPath: '/cache', mode: 'ro', type: 'tmpfs' },
      bind(`${HOME}/Games/mods`, '/cache'),
      { hostPath: 5, containerPath: '/ok', mode: 'rw', type: 'bind' },
    ]);
    expect(found.map((p) => p.path).sort()).toEqual([
      'launchConfig.volumes.0.containerPath',
      'launchConfig.volumes.0.hostPath',
      'launchConfig.volumes.1.containerPath',
      'launchConfig.volumes.1.hostPath',
      'launchConfig.volumes.2.containerPath',
      'launchConfig.volumes.2.hostPath',
      'launchConfig.volumes.3.hostPath',
      'launchConfig.volumes.3.mode',
      'launchConfig.volumes.4.containerPath',
      'launchConfig.volumes.5.hostPath',
    ]);
  });

  it('tolerates malformed input (shape reports it)', () => {
    expect(volumeProblems(undefined, facts)).toEqual([]);
    expect(volumeProblems([null, 3, 'x'], facts)).toEqual([]);
  });
});
