// Whether the runner's Wine can start a game's .exe, judged from its PE header before a container is
// made: a 64-bit-only Wine (the image's dillinger.runner.wine-arch label says win64 alone) exits 0 on
// a 32-bit program without a word, and Wine treats a file that is no program as a document to open.
// The built-in runner (Wine 10) starts both arches. The entrypoint makes the same check inside (exit 122).
import { closeSync, openSync, readSync } from 'node:fs';
import type Docker from 'dockerode';
import { WINE_ARCH_LABEL } from '../docker/labels';

const MACHINE_AMD64 = 0x8664;
const MACHINE_I386 = 0x014c;

/** The PE header's machine type, or null when the file is no Windows program (no MZ/PE header). */
export function peMachine(file: string): number | null {
  const fd = openSync(file, 'r');
  try {
    const dos = Buffer.alloc(64);
    if (readSync(fd, dos, 0, 64, 0) < 64 || dos.toString('latin1', 0, 2) !== 'MZ') return null;
    const pe = Buffer.alloc(6);
    if (readSync(fd, pe, 0, 6, dos.readUInt32LE(0x3c)) < 6 || pe.toString('latin1', 0, 4) !== 'PE\0\0') return null;
    return pe.readUInt16LE(4);
  } finally {
    closeSync(fd);
  }
}

/**
 * Why Wine with these arches cannot start the program, in a player's words, or undefined when it
 * can (or the file cannot be read here: the runner then judges it). Only `.exe` files are judged.
 */
export function windowsProgramProblem(file: string, wineArches: readonly string[]): string | undefined {
  const name = file.split('/').pop() ?? file;
  if (!name.toLowerCase().endsWith('.exe')) return undefined;
  let machine: number | null;
  try {
    machine = peMachine(file);
  } catch {
    return undefined;
  }
  if (machine === null) {
    return `${name} is not a valid Windows program (it has no Windows executable header): check that the game's files are complete and that game.json names its .exe`;
  }
  if (machine === MACHINE_AMD64) return undefined;
  if (machine === MACHINE_I386) {
    return wineArches.includes('win32') ? undefined : `${name} is a 32-bit Windows program, and this runner has only 64-bit Wine, which cannot start it: use the game's 64-bit version if it has one`;
  }
  return `${name} is a Windows program for another processor (machine type 0x${machine.toString(16).padStart(4, '0')}), and this runner runs x86 programs only`;
}

/** What the runner image's Wine starts, from its label; undefined when the image does not say. */
export async function runnerWineArches(docker: Docker, image: string): Promise<string[] | undefined> {
  const info = await docker.getImage(image).inspect().catch(() => undefined);
  const label = info?.Config.Labels?.[WINE_ARCH_LABEL];
  return label ? label.split(',').map((arch) => arch.trim()) : undefined;
}
