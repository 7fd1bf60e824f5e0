// Starts the real app in serve mode (a child process, as `npm run serve` does after its build) with
// a data dir of its own, and stops it afterwards. Every e2e run gets an isolated data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServedApp {
  url: string;
  dataDir: string;
  libraryDir: string;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');

export async function serveApp(prepare?: (paths: { dataDir: string; libraryDir: string }) => void): Promise<ServedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dillinger-e2e-'));
  const libraryDir = join(dataDir, 'library');
  prepare?.({ dataDir, libraryDir });
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/serve.ts'), '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output);
      if (match?.[1]) resolveUrl(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve mode exited with ${code} before printing its URL:\n${output}`)));
    setTimeout(() => reject(new Error(`serve mode printed no URL within 30 s:\n${output}`)), 30_000);
  });
  return {
    url,
    dataDir,
    libraryDir,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
