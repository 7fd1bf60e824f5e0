// Conformance needs calls: under vitest the dispatcher parses every answer with its method's output
// schema (dispatcher.ts), so each method must be called by some test of the core. This lists the
// methods no test under src/main names, and fails when there is one.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/contract';

const MAIN = join(__dirname, '..');
/** Tests whose dispatcher answers with made-up handlers: their calls check no real answer. */
const MADE_UP_HANDLERS = ['transport/dispatcher.test.ts', 'transport/electron-ipc.test.ts'];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') && path !== __filename ? [path] : [];
  });
}

describe('contract conformance coverage', () => {
  it('every method is called by a test of the core, so its answers are checked against the contract', () => {
    const calledIn = new Map<string, string[]>();
    for (const file of testFiles(MAIN).filter((path) => !MADE_UP_HANDLERS.includes(relative(MAIN, path)))) {
      const text = readFileSync(file, 'utf8');
      for (const method of METHOD_NAMES) if (text.includes(`'${method}'`)) calledIn.set(method, [...(calledIn.get(method) ?? []), relative(MAIN, file)]);
    }
    const neverExercised = METHOD_NAMES.filter((method) => !calledIn.has(method));
    expect(neverExercised).toEqual([]);
  });
});
