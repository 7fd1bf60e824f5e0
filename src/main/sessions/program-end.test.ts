import { describe, expect, it } from 'vitest';
import { programEnd } from './program-end';
import type { SessionEnd } from './session-end';

const end = (status: SessionEnd['status'], exitCode?: number, statusReason = 'Stopped by request.'): SessionEnd => ({
  status, patch: { endTime: '2026-12-01T00:00:00Z', statusReason, ...(exitCode !== undefined ? { exitCode } : {}) },
});
const calm = { stopRequested: false, force: false };

describe('how an installer or tool session ended, in words about the prefix', () => {
  it('leaves a play session as it was', () => {
    expect(programEnd(undefined, end('terminated', 0), calm)).toEqual(end('terminated', 0));
    expect(programEnd('play', end('crashed', 3), calm)).toEqual(end('crashed', 3));
  });

  it('a stopped installer: the prefix is usable and its copied files remain', () => {
    const words = programEnd('install', end('terminated', 143), { stopRequested: true, force: false }).patch.statusReason;
    expect(words).toBe("The installer was stopped before it finished; the game's prefix is still usable, and files it had copied remain. Run the installer again to complete it.");
  });

  it('a force-stopped one also says which settings may be lost', () => {
    expect(programEnd('install', end('terminated', 137), { stopRequested: true, force: true }).patch.statusReason).toMatch(/still usable.*may be lost/);
  });

  it('a failing installer keeps the reason and says the prefix is usable', () => {
    const result = programEnd('install', end('crashed', 2, 'The game exited with code 2.'), calm);
    expect(result.status).toBe('crashed');
    expect(result.patch.statusReason).toMatch(/^The game exited with code 2\. The installer did not finish; the game's prefix is still usable/);
  });

  it('one that never started changed nothing', () => {
    expect(programEnd('tool', end('failed', undefined, 'Docker refused to start the game: x.'), calm).patch.statusReason).toMatch(/prefix was not changed/);
  });

  it('a finished installer asks for the program Play starts', () => {
    expect(programEnd('install', end('terminated', 0), calm).patch.statusReason).toMatch(/choose the program Play starts/);
  });
});
