// Starts the real app in serve mode (a child process, as `npm run serve` does after its build) with
// a data dir of its own, and stops it afterwards. Every e2e run gets an isolated data dir. Games it
// launches draw on the test X server (its DISPLAY and XAUTHORITY are passed on); the play specs give
// it a library volume of its own (DILLINGER_LIBRARY_VOLUME), so runs never share dillinger_library.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectLeftovers } from './leftovers';

export interface ServedApp {
  url: string;
  dataDir: string;
  libraryDir: string;
  /** The library volume of this run, when it has one (removed by stop). */
  libraryVolume?: string;
  /**
   * Stops serve mode, then removes the containers of the run's sessions still there and answers
   * them (a spec that stopped its sessions gets []), and its data dir.
   */
  stop(): Promise<string[]>;
}

export interface ServeOptions {
  /** A Docker volume name of the run's own for the library (created by the core, removed by stop). */
  libraryVolume?: string;
  env?: Record<string, string>;
}

const ROOT = resolve(__dirname, '..', '..');

export async function serveApp(prepare?: (paths: { dataDir: string; libraryDir: string }) => void, options: ServeOptions = {}): Promise<ServedApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dillinger-e2e-'));
  const libraryDir = join(dataDir, 'library');
  prepare?.({ dataDir, libraryDir });
  const entry = [join(ROOT, 'src/main/serve.ts'), '--data-dir', dataDir];
  const display = process.env.DISPLAY ? {} : { DISPLAY: process.env.DILLINGER_TEST_DISPLAY ?? ':42', XAUTHORITY: process.env.XAUTHORITY ?? process.env.DILLINGER_TEST_XAUTHORITY ?? '/tmp/dillinger-ci.xauth' };
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], {
    cwd: ROOT,
    env: { ...process.env, ...display, ...(options.libraryVolume ? { DILLINGER_LIBRARY_VOLUME: options.libraryVolume } : {}), ...options.env },
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
    libraryVolume: options.libraryVolume,
    async stop() {
      await stopChild(child);
      const left = await collectLeftovers(dataDir, options.libraryVolume).catch((error: unknown) => [`could not ask Docker: ${String(error)}`]);
      rmSync(dataDir, { recursive: true, force: true });
      return left;
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
