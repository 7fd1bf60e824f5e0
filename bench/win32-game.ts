// bench:launch's 32-bit case: the Windows demo built for 32 bits (i686 mingw) put in the library as
// a game of its own and played in a warm prefix through the core, next to a plain `docker run` of
// the same container, same run. The demo titles its window with DILLINGER_GAME_TITLE, as the core sets it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WIN32_GAME = { id: 'bench-demo-win32', title: 'Dillinger Demo (32-bit)', cmd: ['windows', '/library/bench-demo-win32/demo32.exe'] };
type Game = typeof WIN32_GAME;

export interface Win32CaseInput {
  libraryDir: string;
  runs: number;
  /** Warm prefixes (the core's and the plain runs'), made by the earlier cases. */
  prefix: string;
  plainPrefix: string;
  ours(game: Game, prefix: string): Promise<number>;
  plain(game: Game, prefix: string, env: string[]): Promise<number>;
  report(label: string, ours: number[], plain: number[]): string;
}

export async function win32Case(input: Win32CaseInput): Promise<string> {
  const folder = join(input.libraryDir, WIN32_GAME.id);
  mkdirSync(folder, { recursive: true });
  const source = join(__dirname, '../resources/runner/demos/windows/demo.c');
  execFileSync('i686-w64-mingw32-gcc', ['-O2', '-mwindows', '-o', join(folder, 'demo32.exe'), source, '-lwinmm']);
  writeFileSync(join(folder, 'game.json'), JSON.stringify({ id: WIN32_GAME.id, title: WIN32_GAME.title, platforms: [{ platform: 'windows', executable: 'demo32.exe' }] }));
  await new Promise((resolve) => setTimeout(resolve, 2000)); // the library watcher picks the game up
  const env = [`DILLINGER_GAME_TITLE=${WIN32_GAME.title}`];
  const ours: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < input.runs; i += 1) {
    ours.push(await input.ours(WIN32_GAME, input.prefix));
    plain.push(await input.plain(WIN32_GAME, input.plainPrefix, env));
  }
  return input.report('Windows demo, 32-bit, existing prefix', ours, plain);
}
