// Regenerates the README's pictures: runs e2e/screenshots/ (real core in serve mode, Debian's
// chromium) and copies what it took into docs/screenshots/. Run it after a change that alters a
// screen: `npm run screenshots` (it builds first), then look at each picture.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const DOCS = join(ROOT, 'docs', 'screenshots');
const PICTURES = ['library.png', 'library-1024x700.png', 'game-settings.png', 'game-settings-error.png', 'container-preview.png', 'settings.png'];

const started = Date.now();
const run = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.screenshots.config.ts'], { cwd: ROOT, stdio: 'inherit' });
if (run.status !== 0) {
  console.error('Taking the screenshots failed (see above): docs/screenshots/ is unchanged.');
  process.exit(run.status ?? 1);
}
for (const name of PICTURES) {
  const from = join(SHOTS, name);
  if (!existsSync(from) || statSync(from).mtimeMs < started) {
    console.error(`${name} was not taken by this run: see e2e/screenshots/readme.shots.ts.`);
    process.exit(1);
  }
}
for (const name of PICTURES) {
  copyFileSync(join(SHOTS, name), join(DOCS, name));
  console.log(`docs/screenshots/${name}`);
}
