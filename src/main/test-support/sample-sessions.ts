// Valid RunnerSession records and throwaway data folders for the store's tests and benchmark.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnerSession } from '../../shared/model/entities';

export function newSessionId(): string {
  return `sess_${randomUUID()}`;
}

export function sampleSession(overrides: Partial<RunnerSession> = {}): RunnerSession {
  return {
    sessionId: newSessionId(),
    containerId: 'dillinger_runner_test',
    gameId: 'game_diablo_pc_12345',
    userId: 'user_john_doe',
    status: 'requested',
    startTime: '2025-10-29T14:30:00Z',
    displayInfo: { method: 'x11', displayId: ':1', resolution: '1920x1080', socketPath: '/tmp/.X11-unix/X1' },
    ...overrides,
  };
}

export function makeTempDataDir(prefix = 'runner-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` (relative paths, sorted), for asserting what is on disk. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
