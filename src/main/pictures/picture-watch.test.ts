import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunnerSession } from '../../shared/model/entities';
import { useTempDirs } from '../test-support/temp-dir';
import type { PictureSource } from './picture-source';
import { FRAME_MS, LEASE_MS, PictureWatch, type SessionPicture } from './picture-watch';

const SESSION_ID = 'sess_00000000-0000-4000-8000-000000000001';
const tempDir = useTempDirs();

function running(): RunnerSession {
  return {
    sessionId: SESSION_ID, containerId: 'dillinger-test', gameId: 'game', userId: 'user_a', status: 'running',
    startTime: new Date(0).toISOString(), displayInfo: { method: 'x11', displayId: ':42' },
  };
}

function setUp() {
  const root = tempDir();
  const session = { current: running() };
  const frames: SessionPicture[] = [];
  const recorded: string[] = [];
  let opened = 0;
  let grabs = 0;
  const source: PictureSource = {
    grab: async () => ({ width: 640, height: 360, rgb: Buffer.alloc(640 * 360 * 3, 0x80 + (grabs++ % 64)) }),
    close: () => undefined,
  };
  const watch = new PictureWatch({
    session: () => session.current,
    openSource: async () => {
      opened += 1;
      return source;
    },
    storeRoot: root,
    recordPicture: async (_id, file) => void recorded.push(file),
    emit: (frame) => frames.push(frame),
    warn: () => undefined,
  });
  return { root, session, frames, recorded, watch, opened: () => opened };
}

// The frame timer and the clock are fake; setTimeout stays real so the files' writes can finish.
beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] }));

async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await vi.advanceTimersByTimeAsync(FRAME_MS);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
afterEach(() => vi.useRealTimers());

describe('PictureWatch', () => {
  it('captures nothing, connects nowhere and writes no file while nobody watches', async () => {
    const { root, frames: sent, watch, opened } = setUp();
    await frames(10);
    expect(watch.captures).toBe(0);
    expect(opened()).toBe(0);
    expect(sent).toEqual([]);
    expect(existsSync(join(root, 'pictures'))).toBe(false);
    await watch.dispose();
  });

  it('sends a thumbnail about once a second while watched, keeps the last one, and stops when the lease is not renewed', async () => {
    const { root, frames: sent, recorded, watch } = setUp();
    expect(watch.watch(SESSION_ID)).toEqual({ leaseId: expect.any(String), leaseMs: LEASE_MS });
    await frames(3);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent[0]).toMatchObject({ sessionId: SESSION_ID, width: 640, height: 360 });
    expect(sent[0]!.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const file = join(root, 'pictures', `${SESSION_ID}.png`);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    expect(recorded).toEqual([`${SESSION_ID}.png`]);
    await frames(LEASE_MS / FRAME_MS + 2);
    const after = watch.captures;
    await frames(10);
    expect(watch.captures).toBe(after);
    await watch.dispose();
  });

  it('writes the last thumbnail at most every KEEP_MS while watched, and once more when watching ends', async () => {
    const { root, frames: sent, watch } = setUp();
    const { leaseId } = watch.watch(SESSION_ID);
    await frames(3);
    const file = join(root, 'pictures', `${SESSION_ID}.png`);
    const first = readFileSync(file);
    expect(first.equals(Buffer.from(sent[0]!.dataUrl.split(',')[1]!, 'base64'))).toBe(true);
    await watch.unwatch(SESSION_ID, leaseId);
    expect(readFileSync(file).equals(Buffer.from(sent.at(-1)!.dataUrl.split(',')[1]!, 'base64'))).toBe(true);
    expect(readFileSync(file).equals(first)).toBe(false);
  });

  it('keeps capturing while another page still holds a lease on the session', async () => {
    const { watch } = setUp();
    const first = watch.watch(SESSION_ID);
    const second = watch.watch(SESSION_ID);
    await watch.unwatch(SESSION_ID, first.leaseId);
    const before = watch.captures;
    await frames(2);
    expect(watch.captures).toBeGreaterThan(before);
    await watch.unwatch(SESSION_ID, second.leaseId);
    const after = watch.captures;
    await frames(3);
    expect(watch.captures).toBe(after);
    await watch.dispose();
  });

  it('stops when the session ends, and refuses to watch one that is not running', async () => {
    const { session, watch } = setUp();
    watch.watch(SESSION_ID);
    await frames(1);
    session.current = { ...running(), status: 'terminated' };
    watch.onSessionChanged(session.current);
    await frames(1);
    const after = watch.captures;
    await frames(5);
    expect(watch.captures).toBe(after);
    expect(() => watch.watch(SESSION_ID)).toThrow(/terminated: a picture is taken only while the game runs/);
    await watch.dispose();
  });
});
