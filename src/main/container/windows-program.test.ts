// A game's .exe judged from its PE header, on headers laid out as the linker writes them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir';
import { peMachine, windowsProgramProblem } from './windows-program';

const tempDir = useTempDirs();

/** A minimal PE image start: DOS header with e_lfanew, then the PE signature and machine type. */
function pe(machine: number, lfanew = 0x80): Buffer {
  const file = Buffer.alloc(lfanew + 24);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(lfanew, 0x3c);
  file.write('PE\0\0', lfanew, 'latin1');
  file.writeUInt16LE(machine, lfanew + 4);
  return file;
}

function write(name: string, content: Buffer | string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

describe('windowsProgramProblem', () => {
  it('lets a 64-bit program through, and a 32-bit one only where Wine has 32-bit support', () => {
    expect(peMachine(write('game.exe', pe(0x8664)))).toBe(0x8664);
    expect(windowsProgramProblem(write('game.exe', pe(0x8664)), ['win64'])).toBeUndefined();
    expect(windowsProgramProblem(write('Old.EXE', pe(0x14c)), ['win64'])).toBe("Old.EXE is a 32-bit Windows program, and this runner has only 64-bit Wine, which cannot start it: use the game's 64-bit version if it has one");
    expect(windowsProgramProblem(write('old.exe', pe(0x14c)), ['win64', 'win32'])).toBeUndefined();
  });

  it('names a text file, a truncated header and an ARM program for what they are', () => {
    expect(windowsProgramProblem(write('game.exe', 'echo hello\n'), ['win64'])).toMatch(/^game\.exe is not a valid Windows program \(it has no Windows executable header\): check that the game's files are complete/);
    expect(windowsProgramProblem(write('short.exe', pe(0x8664).subarray(0, 40)), ['win64'])).toMatch(/not a valid Windows program/);
    expect(windowsProgramProblem(write('far.exe', Buffer.concat([pe(0x8664).subarray(0, 64)])), ['win64'])).toMatch(/not a valid Windows program/);
    expect(windowsProgramProblem(write('arm.exe', pe(0xaa64)), ['win64'])).toMatch(/for another processor \(machine type 0xaa64\)/);
  });

  it('judges only .exe files, and leaves what it cannot read to the runner', () => {
    expect(windowsProgramProblem(write('setup.bat', 'echo hi\n'), ['win64'])).toBeUndefined();
    expect(windowsProgramProblem(join(tempDir(), 'missing.exe'), ['win64'])).toBeUndefined();
  });
});
