// bench:launch's DXVK case: a 32-bit Direct3D 9 program (src/main/container/fixtures/direct3d/) put in
// the library and played with wine.graphics 'dxvk' through the core, next to a plain `docker run` of
// the same container with the same variables (the Wine settings the core's spec sets), same run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wineSettingsEnv } from '../src/main/container/wine-settings-env';

const IMAGE = 'dillinger-runner:local';
export const DXVK_GAME = { id: 'bench-d3d9', title: 'Dillinger D3D9', cmd: ['windows', '/library/bench-d3d9/d3d9.exe'] };
type Game = typeof DXVK_GAME;

export interface DxvkCaseInput {
  libraryDir: string;
  runs: number;
  /** Warm prefixes (the core's and the plain runs'), made by the earlier cases. */
  prefix: string;
  plainPrefix: string;
  ours(game: Game, prefix: string, wine: object): Promise<number>;
  plain(game: Game, prefix: string, env: string[]): Promise<number>;
  report(label: string, ours: number[], plain: number[]): string;
}

/** The report's line, or why the case did not run (a runner without DXVK, no 32-bit mingw). */
export async function dxvkCase(input: DxvkCaseInput): Promise<string> {
  try {
    execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', '/bin/sh', IMAGE, '-c', 'test -d /usr/lib/dxvk/wine32'], { stdio: 'ignore' });
  } catch {
    return 'DXVK case not run: the runner image has no DXVK (/usr/lib/dxvk/wine32); the Debian 13 runner brings it.';
  }
  const folder = join(input.libraryDir, DXVK_GAME.id);
  mkdirSync(folder, { recursive: true });
  const source = join(__dirname, '../src/main/container/fixtures/direct3d/clear-d3d9.c');
  execFileSync('i686-w64-mingw32-gcc', ['-O2', '-mwindows', '-o', join(folder, 'd3d9.exe'), source, '-ld3d9']);
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: DXVK_GAME.id, title: DXVK_GAME.title, platforms: [{ platform: 'windows', executable: 'd3d9.exe' }] }));
  await new Promise((resolve) => setTimeout(resolve, 2000)); // the library watcher picks the game up
  const wine = { graphics: 'dxvk' as const };
  const env = Object.entries(wineSettingsEnv('windows', { wine, environment: {} })).map(([k, v]) => `${k}=${v}`);
  // One launch each first: DXVK's DLLs go into each prefix once (recorded), as a player's first DXVK launch.
  await input.ours(DXVK_GAME, input.prefix, wine);
  await input.plain(DXVK_GAME, input.plainPrefix, env);
  const ours: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < input.runs; i += 1) {
    ours.push(await input.ours(DXVK_GAME, input.prefix, wine));
    plain.push(await input.plain(DXVK_GAME, input.plainPrefix, env));
  }
  return input.report('Direct3D 9 (32-bit) through DXVK', ours, plain);
}
