// Kill -9 a process that is writing sessions as fast as it can, several times, then show that
// the store on disk is never torn and that every write the child was told had finished survived.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunnerSession, type SessionStatus } from '../../shared/model/entities';
import { isTerminal } from '../../shared/model/session-states';
import { isTempFileName } from './atomic-file';
import { storeLayout } from './layout';
import { openSessionStore } from './session-store';
import { makeTempDataDir, removeDataDir } from '../test-support/sample-sessions';

const HAMMER = fileURLToPath(new URL('../test-support/hammer-writer.ts', import.meta.url));
const ROUNDS = 6;
const RANK: Record<SessionStatus, number> = {
  requested: 0,
  starting: 1,
  running: 2,
  stopping: 3,
  terminated: 4,
  crashed: 4,
  failed: 4,
};

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDataDir('session-crash-');
});
afterEach(() => removeDataDir(dataDir));

interface Round {
  lines: number;
  killAfterLines: number;
  extraDelayMs: number;
}

/** Runs the hammer, SIGKILLs it once it has reported `killAfterLines` durable writes plus a random delay. */
function hammerAndKill(killAfterLines: number, extraDelayMs: number, durable: Map<string, SessionStatus>): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HAMMER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let pending = '';
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) {
        const [status, sessionId] = line.split(' ') as [SessionStatus, string];
        const before = durable.get(sessionId);
        if (before === undefined || RANK[status] >= RANK[before]) durable.set(sessionId, status);
        lines += 1;
      }
      if (!killing && lines >= killAfterLines) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lines, killAfterLines, extraDelayMs });
      else reject(new Error(`hammer-writer exited by itself (code ${code}, signal ${signal}): ${stderr}`));
    });
  });
}

function tempFilesIn(dirs: string[]): string[] {
  return dirs.flatMap((dir) => readdirSync(dir).filter(isTempFileName));
}

describe('a writer killed mid-write', () => {
  it('never leaves a torn session file and never loses a write it reported as done', { timeout: 120_000 }, async () => {
    const layout = storeLayout(dataDir);
    const durable = new Map<string, SessionStatus>();
    const rounds: Round[] = [];
    const tempFilesSeen: string[] = [];
    const historyDays = () =>
      existsSync(layout.historyDir) ? readdirSync(layout.historyDir).map((day) => join(layout.historyDir, day)) : [];

    for (let round = 0; round < ROUNDS; round += 1) {
      rounds.push(await hammerAndKill(20 + Math.floor(Math.random() * 400), Math.floor(Math.random() * 20), durable));
      tempFilesSeen.push(...tempFilesIn([layout.activeDir, ...historyDays()]));
    }
    const context = JSON.stringify({ rounds, tempFilesSeen: tempFilesSeen.length });

    // Every session file on disk is whole and valid, before the store touches anything.
    const sessionFiles = [layout.activeDir, ...historyDays()].flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => !isTempFileName(name))
        .map((name) => join(dir, name)),
    );
    expect(sessionFiles.length, context).toBeGreaterThan(0);
    for (const file of sessionFiles) {
      const parsed = RunnerSession.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      expect(parsed.success, `${file} ${context}`).toBe(true);
    }

    const store = await openSessionStore({ dataDir, log: { warn: () => undefined } });
    try {
      // Nothing is quarantined: nothing the store wrote was torn, and the temp files of the killed
      // writes, which never took effect, are removed without a warning.
      expect(store.warnings, context).toEqual([]);
      expect(tempFilesIn([layout.activeDir, ...historyDays()]), context).toEqual([]);
      expect(readdirSync(layout.quarantineDir), context).toEqual([]);

      expect(durable.size, context).toBeGreaterThan(ROUNDS);
      for (const [sessionId, status] of durable) {
        const stored = store.get(sessionId);
        expect(stored, `${sessionId} (reported ${status}) is missing ${context}`).toBeDefined();
        if (!stored) continue;
        expect(RANK[stored.status], `${sessionId}: reported ${status}, stored ${stored.status}`).toBeGreaterThanOrEqual(RANK[status]);
        if (isTerminal(status)) expect(stored.status).toBe(status);
        const expectedFile = isTerminal(stored.status)
          ? layout.historyFile(sessionId, stored.endTime, new Date())
          : layout.activeFile(sessionId);
        expect(existsSync(expectedFile), `${expectedFile} ${context}`).toBe(true);
      }
      // Finished sessions are in history only, unfinished ones in active only.
      for (const name of readdirSync(layout.activeDir)) {
        expect(isTerminal(store.get(name.replace(/\.json$/, ''))?.status ?? 'terminated'), name).toBe(false);
      }
    } finally {
      await store.close();
    }
  });
});
