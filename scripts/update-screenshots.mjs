// Regenerates the README's pictures (docs/screenshots/): runs the e2e tests that take them (real
// core in serve mode, Debian's chromium) and copies what they wrote to test-results/e2e/. Run it after
// a change that alters a screen: `npm run screenshots` (it builds first), then look at each picture.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'test-results', 'e2e');
const DOCS = join(ROOT, 'docs', 'screenshots');

// Each picture, and the test that takes it.
const PICTURES = {
  'library.png': 'the library: demo games',
  'library-1024x700.png': 'the library: demo games',
  'settings.png': 'the Settings screen saves',
  'game-settings.png': "a game's launch settings: live validation",
  'game-settings-error.png': "a game's launch settings: live validation",
  'container-preview.png': "a game's launch settings: live validation",
};

const started = Date.now();
const grep = [...new Set(Object.values(PICTURES))].map((title) => title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const run = spawnSync('npx', ['playwright', 'test', 'e2e/library-settings.spec.ts', 'e2e/library-settings-launch.spec.ts', '-g', grep], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  console.error('The tests that take the screenshots failed: fix them first (docs/screenshots/ is unchanged).');
  process.exit(run.status ?? 1);
}
for (const name of Object.keys(PICTURES)) {
  const from = join(SHOTS, name);
  if (!existsSync(from) || statSync(from).mtimeMs < started) {
    console.error(`${name} was not written by this run: check that "${PICTURES[name]}" still takes it.`);
    process.exit(1);
  }
  copyFileSync(from, join(DOCS, name));
  console.log(`docs/screenshots/${name}`);
}
