// The failure kind of what ended a launch early: an engine that does not answer, even wrapped in an
// image error, before what the step said of itself.
import { describe, expect, it } from 'vitest';
import { PrepareFailure } from '../container/prepare-failure';
import { ImageError } from '../docker/runner-image';
import { failureKindOf } from './failure-kind';

const refused = (): NodeJS.ErrnoException => Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED', syscall: 'connect' });

describe('failureKindOf', () => {
  it('says the engine is unreachable for a refused connection, bare or wrapped', () => {
    expect(failureKindOf(refused())).toBe('engine-unreachable');
    expect(failureKindOf(new ImageError('Could not ask the Docker engine about dillinger-runner:local', 'dillinger-runner:local', { cause: refused() }))).toBe('engine-unreachable');
  });

  it('takes a prepare step its own kind, an image error as the image build, anything else as prepare', () => {
    expect(failureKindOf(new PrepareFailure('display-unavailable', new Error('No X11 display')))).toBe('display-unavailable');
    expect(failureKindOf(new PrepareFailure('not-startable', 'game.exe is a 32-bit program.'))).toBe('not-startable');
    expect(failureKindOf(new ImageError('The runner image failed at step 3/4', 'dillinger-runner:local'))).toBe('image-build');
    expect(failureKindOf(new Error('the game folder is not there'))).toBe('prepare');
  });

  it('keeps the message of what failed', () => {
    expect(new PrepareFailure('not-startable', 'game.exe is a 32-bit program.').message).toBe('game.exe is a 32-bit program.');
    expect(new PrepareFailure('display-unavailable', new Error('No X11 display')).message).toBe('No X11 display');
  });
});
