import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { DataDirInUseError, LOCK_FILE, acquireInstanceLock } from './instance-lock';

const tempDir = useTempDirs();

describe('acquireInstanceLock', () => {
  it('refuses a second instance on the same data dir, naming the holder and what to do', () => {
    const dir = tempDir();
    const lock = acquireInstanceLock(dir);
    expect(() => acquireInstanceLock(dir)).toThrow(DataDirInUseError);
    expect(() => acquireInstanceLock(dir)).toThrow(new RegExp(`process ${process.pid}.*DILLINGER_DATA_DIR`));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireInstanceLock(dir).release();
  });

  it('refuses while another live process holds it', async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid }));
    try {
      expect(() => acquireInstanceLock(dir)).toThrow(`process ${holder.pid}`);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead) }));
    const lock = acquireInstanceLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    acquireInstanceLock(dir).release();
  });
});
