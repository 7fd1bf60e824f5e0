// The same app in a real Electron window, wherever an Electron binary exists. Electron's binary
// cannot be downloaded on our build machines, so there this spec is reported as skipped, with why.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const binary = dist ? join(dist, 'electron') : undefined;

test.describe('Electron app', () => {
  test.skip(!binary || !existsSync(binary), 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to an Electron build (it cannot be downloaded on our machines)');

  test('opens a sandboxed window that lists the library', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dillinger-electron-'));
    const app = await electron.launch({ executablePath: binary, args: [resolve(__dirname, '..', 'out', 'main', 'index.js')], env: { ...process.env, DILLINGER_DATA_DIR: dataDir } });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'Dillinger Runner' })).toBeVisible();
      await expect(window.getByRole('list', { name: 'Library' })).toBeAttached();
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
