// The app's table of winetricks verbs (src/shared/model/winetricks-verbs.ts) is winetricks' own
// `list-all` from the runner image, not a guess: this test reads it there and fails when the table
// differs (UPDATE_WINETRICKS_VERBS=1 rewrites the table from the image instead). Which verbs need the
// internet follows from it: every category but "settings" downloads what it installs.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINETRICKS_CATEGORIES, WINETRICKS_VERSION } from '../../shared/model/winetricks-verbs';
import { findRealEngine } from '../test-support/real-engine';

const engine = await findRealEngine();
const TABLE = join(__dirname, '../../shared/model/winetricks-verbs.ts');

function listAll(): string | undefined {
  if (!engine.available) return undefined;
  for (const image of ['dillinger-runner:local', 'dillinger-runner:trixie-probe']) {
    try {
      return execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', '/bin/sh', image, '-c', 'winetricks --version && winetricks list-all'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 }).toString();
    } catch {
      // no winetricks in this one
    }
  }
  const reason = 'no runner image with winetricks (the Debian 13 runner has it; npm run build:runner)';
  if (process.env.CI === 'true') throw new Error(`CI needs ${reason}`);
  console.warn(`Skipping the winetricks table check: ${reason}`);
  return undefined;
}
const output = listAll();

/** `winetricks --version` then `list-all`: its version and each "===== category =====" with its verbs. */
function parse(text: string): { version: string; categories: Record<string, string[]> } {
  const [first = '', ...lines] = text.split('\n');
  const categories: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of lines) {
    const heading = /^===== (\S+) =====$/.exec(line);
    if (heading?.[1]) categories[heading[1]] = current = [];
    // A verb's line: its name, a space, its description (winetricks' own notes start with Executing).
    else if (current && /^\S+ /.test(line) && !line.startsWith('Executing ')) current.push(line.split(' ')[0] ?? '');
  }
  return { version: first.split(' ')[0] ?? '', categories };
}

function format(version: string, categories: Record<string, string[]>): string {
  const rows = Object.entries(categories).map(([name, verbs]) => `  ${name}: [${verbs.map((v) => `'${v}'`).join(', ')}],`);
  return [
    "// GENERATED from `winetricks list-all` (winetricks " + version + ') by src/main/container/winetricks-verbs.live.test.ts',
    "// (UPDATE_WINETRICKS_VERBS=1 rewrites it from the runner image). Verbs of winetricks' \"settings\" category",
    '// change the prefix only; every other category downloads what it installs.',
    `export const WINETRICKS_VERSION = '${version}';`,
    'export const WINETRICKS_CATEGORIES: Readonly<Record<string, readonly string[]>> = {',
    ...rows,
    '};',
    '',
  ].join('\n');
}

describe.skipIf(!output)("the winetricks table is winetricks' own", () => {
  it('same version, same categories, same verbs as the runner image lists', () => {
    const listed = parse(output ?? '');
    if (process.env.UPDATE_WINETRICKS_VERBS === '1') writeFileSync(TABLE, format(listed.version, listed.categories));
    expect(listed.categories.settings).toContain('csmt=off');
    expect({ version: WINETRICKS_VERSION, categories: WINETRICKS_CATEGORIES }).toEqual(listed);
  });
});
