import { describe, expect, it } from 'vitest';
import { writeGame } from '../test-support/library-fixture';
import { useTempDirs } from '../test-support/temp-dir';
import { watchLibrary } from './library-watcher';

const tempDir = useTempDirs();

describe('watchLibrary', () => {
  it('calls back once after a burst of changes, and stops when disposed', async () => {
    const root = tempDir();
    let calls = 0;
    const stop = watchLibrary(root, () => (calls += 1), 50);
    writeGame(root, 'a', { id: 'a', title: 'A', platforms: [{ platform: 'linux', executable: 'a' }] });
    writeGame(root, 'b', { id: 'b', title: 'B', platforms: [{ platform: 'linux', executable: 'b' }] });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls).toBe(1);
    stop();
    writeGame(root, 'c', { id: 'c', title: 'C', platforms: [{ platform: 'linux', executable: 'c' }] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(1);
  });
});
