import { describe, expect, it } from 'vitest';
import { checkHostPath, parentOf, placementProblem } from './host-paths';
import { DATA_DIR, HOME, dir, makeFacts } from '../test-support/test-facts';

describe('parentOf', () => {
  it.each([
    ['/home/retro/prefix', '/home/retro'],
    ['/home/retro/prefix/', '/home/retro'],
    ['/prefix', '/'],
    ['/', '/'],
  ])('%j → %j', (path, parent) => {
    expect(parentOf(path)).toBe(parent);
  });
});

describe('checkHostPath / placementProblem', () => {
  const facts = makeFacts();

  it('returns the resolved path of an allowed folder', () => {
    const verdict = checkHostPath('/opt/saves-link', facts, 'Folder');
    expect(verdict).toEqual({ ok: true, realPath: `${HOME}/Games/saves`, fact: dir(`${HOME}/Games/saves`) });
  });

  it('checks the RESOLVED path: a path written inside an allowed folder but resolving outside is refused', () => {
    expect(placementProblem('/srv/x', `${HOME}/x`, facts, 'Folder')).toMatch(/^Folder \/home\/retro\/x \(which is \/srv\/x\) is outside/);
  });

  it('denial wins over permission: a denied folder inside an allowed one is refused', () => {
    expect(placementProblem(`${DATA_DIR}/a/b`, `${DATA_DIR}/a/b`, facts, 'Folder')).toMatch(/lies in .*dillinger-runner, which games may not reach/);
  });

  it('reads well when the folder IS the denied one, written plainly or through a symlink', () => {
    expect(placementProblem('/etc', '/etc', facts, 'Folder')).toBe('Folder /etc is a path games may not reach: pick a folder of your own.');
    expect(placementProblem('/etc', `${HOME}/etc-link`, facts, 'Folder')).toBe(`Folder ${HOME}/etc-link (which is /etc) is a path games may not reach: pick a folder of your own.`);
    // The exact one is named even when a wider denied folder comes first in the list (/run before /run/docker.sock).
    expect(placementProblem('/run/docker.sock', '/run/docker.sock', facts, 'Folder')).toBe('Folder /run/docker.sock is a path games may not reach: pick a folder of your own.');
    expect(placementProblem('/etc/x', '/etc/x', facts, 'Folder')).toBe('Folder /etc/x lies in /etc, which games may not reach: pick a folder of your own.');
  });

  it('a folder whose name merely starts like a denied one is fine (/etcetera is not /etc)', () => {
    const withEtcetera = makeFacts({ allowedHostDirectories: ['/etcetera'] });
    expect(placementProblem('/etcetera/x', '/etcetera/x', withEtcetera, 'Folder')).toBeUndefined();
  });

  it('names what is being checked in the message', () => {
    expect(checkHostPath('relative', facts, 'Wine prefix')).toEqual({ ok: false, message: 'Wine prefix must be an absolute path, such as /home/you/Games.' });
  });
});
