// Stopping a session's sound server never waits without limit: SIGTERM, then SIGKILL, then at most a
// few seconds more, and a process still there is reported, not waited for.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { stopProcess } from './session-audio';

describe('stopProcess', () => {
  it('gives up a fixed time after SIGKILL and says the process is still there', async () => {
    const sent: string[] = [];
    const started = Date.now();
    const problem = await stopProcess({ isThere: () => true, signal: (signal) => sent.push(signal) }, 100, 200);
    const took = Date.now() - started;
    expect(sent).toEqual(['SIGTERM', 'SIGKILL']);
    expect(problem).toBe('was still running 0.2 s after SIGKILL');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
  });

  it('stops at SIGTERM when that is enough, and sends nothing to a process not there', async () => {
    let there = true;
    const sent: string[] = [];
    expect(await stopProcess({ isThere: () => there, signal: (signal) => { sent.push(signal); there = false; } }, 1000, 1000)).toBeUndefined();
    expect(sent).toEqual(['SIGTERM']);
    expect(await stopProcess({ isThere: () => false, signal: (signal) => sent.push(signal) })).toBeUndefined();
    expect(sent).toEqual(['SIGTERM']);
  });

  it('a process gone meanwhile (ESRCH) is stopped; one it may not signal is reported', async () => {
    const gone = Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    const denied = Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    expect(await stopProcess({ isThere: () => true, signal: () => { throw gone; } }, 100, 100)).toBeUndefined();
    expect(await stopProcess({ isThere: () => true, signal: () => { throw denied; } }, 100, 100)).toBe('could not be sent SIGTERM (EPERM)');
  });

  it('a real process that ignores SIGTERM is killed', async () => {
    const child = spawn('bash', ['-c', 'trap "" TERM; echo ready; while :; do sleep 0.05; done'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const isThere = () => child.exitCode === null && child.signalCode === null;
    const problem = await stopProcess({ isThere, signal: (signal) => { child.kill(signal); } }, 300, 3000);
    expect(problem).toBeUndefined();
    expect(child.signalCode).toBe('SIGKILL');
  });
});
