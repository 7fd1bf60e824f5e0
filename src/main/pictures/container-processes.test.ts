import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { cgroupProcsFile, parseProcs } from './container-processes';

const tempDir = useTempDirs();
const ID = '357e8eb84bccd976338cb14bc1cc34a437cbe0b664dd353dd5bf475d6fa5b656';

function tree(...dirs: string[]): string {
  const root = tempDir();
  for (const dir of dirs) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'cgroup.procs'), '8656\n8700\n');
  }
  return root;
}

describe('a container’s cgroup.procs', () => {
  it('is found under cgroup v1’s pids controller (as dockerd’s cgroupfs driver makes it)', () => {
    const root = tree(`pids/docker/${ID}`);
    const text = `9:name=systemd:/docker/${ID}\n8:pids:/docker/${ID}\n4:memory:/docker/${ID}\n0::/docker/${ID}\n`;
    expect(cgroupProcsFile(text, root)).toBe(join(root, 'pids/docker', ID, 'cgroup.procs'));
  });

  it('is found in cgroup v2’s unified tree (systemd driver)', () => {
    const root = tree(`system.slice/docker-${ID}.scope`);
    expect(cgroupProcsFile(`0::/system.slice/docker-${ID}.scope\n`, root)).toBe(join(root, `system.slice/docker-${ID}.scope/cgroup.procs`));
  });

  it('is not found when no such folder exists (the engine is asked instead)', () => {
    expect(cgroupProcsFile(`0::/system.slice/docker-${ID}.scope\n`, tempDir())).toBeUndefined();
  });

  it('lists the pids, one a line', () => {
    expect(parseProcs('8656\n8700\n\n')).toEqual(new Set([8656, 8700]));
  });
});
